/** Looking up UI strings and formatting numbers for the chosen language (Chinese by default). */
import { useSyncExternalStore } from 'react';
import { en, zh, type MessageKey } from './catalogue.ts';

export type Language = 'zh-CN' | 'en';
const LANG_KEY = 'plandesk.language';
const catalogues: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zh, en };

let language: Language = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
const listeners = new Set<() => void>();

export function setLanguage(next: Language): void {
  language = next;
  localStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next;
  listeners.forEach((l) => l());
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = catalogues[language][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Re-renders the calling component when the language changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => language,
  );
}

/** "14000" → "14,000"; keeps every decimal digit (values are exact decimal strings). */
export function formatDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!m) return value;
  const int = (m[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${m[1] ?? ''}${int}${m[3] ?? ''}`;
}
