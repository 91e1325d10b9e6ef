/** A GET of the hub as React state: loading, the parsed answer, or the refusal's text; `reload` asks again. */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { useLanguage } from '../i18n/index.ts';
import { hubGet } from './api.ts';
import { errorText } from './text.ts';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: unknown };

export function useHub<T>(pathname: string | null, schema: z.ZodType<T>, query: Record<string, string | number | null | undefined> = {}): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [n, setN] = useState(0);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (pathname === null) return;
    let live = true;
    setLoaded({ state: 'loading' });
    hubGet(pathname, schema, JSON.parse(key) as Record<string, string>).then(
      (value) => live && setLoaded({ state: 'ok', value }),
      (error: unknown) => live && setLoaded({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [pathname, schema, key, n]);
  return [loaded, useCallback(() => setN((x) => x + 1), [])];
}

/** The refusal of a load, in the page's language (re-rendered when the language changes). */
export function LoadError({ error }: { error: unknown }) {
  useLanguage();
  return (
    <p className="notice notice-error" role="alert" data-testid="hub-error">
      {errorText(error)}
    </p>
  );
}
