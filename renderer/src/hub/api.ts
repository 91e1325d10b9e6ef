/**
 * The hub pages' one way to the hub: its JSON API on the same origin (the page is served by the hub,
 * hub/server/static.ts), the session cookie sent by the browser (HttpOnly: the page never sees it) and
 * the session's CSRF token in X-CSRF-Token on every POST (hub/server/request.ts CSRF_HEADER). Every
 * answer is parsed with its schema from contract/hub.ts, and every refusal with hubErrorBody, so a field
 * the hub and the pages disagree on fails loudly here instead of drawing a wrong page.
 */
import type { z } from 'zod';
import { hubErrorBody } from '../../../contract/hub.ts';

export class HubCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string | undefined,
    readonly params: Record<string, unknown>,
    message: string,
  ) {
    super(message);
    this.name = 'HubCallError';
  }
}

let csrfToken: string | null = null;
let onLoggedOut: (() => void) | null = null;

export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};
/** Called when a call is answered "not logged in" (the session ended meanwhile): the app shows the login again. */
export const whenLoggedOut = (f: (() => void) | null): void => {
  onLoggedOut = f;
};

async function answer<T>(res: Response, schema: z.ZodType<T>, pathname: string): Promise<T> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = hubErrorBody.safeParse(body);
    const err = e.success
      ? new HubCallError(res.status, e.data.error.code, e.data.error.reason, e.data.error.params ?? {}, e.data.error.message)
      : new HubCallError(res.status, 'INTERNAL', undefined, {}, `HTTP ${res.status}`);
    if (err.reason === 'hub.notLoggedIn' && pathname !== 'api/session/whoami') onLoggedOut?.();
    throw err;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = `${pathname}: ${issue?.path.join('.') ?? ''}`;
    throw new HubCallError(0, 'BAD_ANSWER', 'hubweb.badAnswer', { path: at }, `城市枢纽的回答不符合约定（${at}）。`);
  }
  return parsed.data;
}

async function send(pathname: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(pathname, { credentials: 'same-origin', cache: 'no-store', ...init });
  } catch {
    throw new HubCallError(0, 'NETWORK', 'hubweb.network', {}, '连不上城市枢纽：请检查网络后重试。');
  }
}

/** GET a path of the hub's API (relative: 'api/plans'), with query parameters left out when empty. */
export async function hubGet<T>(pathname: string, schema: z.ZodType<T>, query: Record<string, string | number | null | undefined> = {}): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const url = q.size ? `${pathname}?${q.toString()}` : pathname;
  return answer(await send(url, { headers: { accept: 'application/json' } }), schema, pathname);
}

export async function hubPost<T>(pathname: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  return answer(await send(pathname, { method: 'POST', headers, body: JSON.stringify(body) }), schema, pathname);
}

/** A path segment of the API (a plan id), escaped. */
export const seg = (s: string): string => encodeURIComponent(s);
