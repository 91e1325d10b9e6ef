/**
 * The renderer's i18n catalogue in a Node test: it keeps the language in localStorage and on <html lang>,
 * so plain stand-ins for both are put in place (once) before the catalogue is imported.
 */
type I18n = typeof import('../../renderer/src/i18n/index.ts');

export async function loadCatalogue(): Promise<I18n> {
  if (!('localStorage' in globalThis)) {
    const store = new Map<string, string>();
    Object.assign(globalThis, {
      localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
      document: { documentElement: { lang: '' } },
    });
  }
  return import('../../renderer/src/i18n/index.ts');
}
