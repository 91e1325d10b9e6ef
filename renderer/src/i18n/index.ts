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

const pluralRules = new Map<Language, Intl.PluralRules>();
function pluralOf(n: number): Intl.LDMLPluralRule {
  let r = pluralRules.get(language);
  if (!r) {
    r = new Intl.PluralRules(language);
    pluralRules.set(language, r);
  }
  return r.select(n);
}

/**
 * The message `key` in the chosen language with its {name} placeholders filled. Plurals are written
 * in the template as {name|one|other}: "{count} {count|task|tasks}" → "1 task", "21 tasks" (Intl's
 * plural rules of the language; Chinese has one form and needs none).
 */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return fill(catalogues[language][key], vars);
}

function fill(template: string, vars: Record<string, string | number>): string {
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^{}]*)\}/g, (_, name: string, one: string, other: string) => {
      const n = Number(vars[name]);
      return Number.isFinite(n) && pluralOf(n) === 'one' ? one : other;
    })
    .replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** A user name as shown: the core's "no name set" (未署名) in the UI's language, a real name as written. */
export function shownUserName(name: string): string {
  return name === catalogues['zh-CN']['app.unsigned'] ? t('app.unsigned') : name;
}

/** True when the catalogue has `key` (codes sent by the core, e.g. a finding's, are looked up this way). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogues[language], key);
}

/** The message for a key made at run time, or `fallback` (e.g. the core's Chinese text) when the catalogue has none. */
export function tOr(key: string, vars: Record<string, string | number>, fallback: string): string {
  return hasMessage(key) ? t(key, vars) : fallback;
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

/** The language chosen now (outside React; components use useLanguage). s5-polish13 */
export function currentLanguage(): Language {
  return language;
}
