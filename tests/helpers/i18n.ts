/**
 * The renderer's i18n catalogue in a Node test: it keeps the language in localStorage and on <html lang>,
 * so plain stand-ins for both are put in place (once) before the catalogue is imported. Node 22+ has a
 * `localStorage` global of its own that is undefined unless Node is started with --localstorage-file, so
 * the test is for a working getItem, not for the name.
 */
type I18n = typeof import('../../renderer/src/i18n/index.ts');

function hasStorage(): boolean {
  try {
    return typeof (globalThis as { localStorage?: { getItem?: unknown } }).localStorage?.getItem === 'function';
  } catch {
    return false;
  }
}

export async function loadCatalogue(): Promise<I18n> {
  if (!hasStorage()) {
    const store = new Map<string, string>();
    Object.assign(globalThis, {
      localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
      document: { documentElement: { lang: '' } },
    });
  }
  return import('../../renderer/src/i18n/index.ts');
}
