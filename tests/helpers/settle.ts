/**
 * Waiting for a page to settle without a fixed sleep: returns once no API request has been in flight
 * and the document has not changed (no DOM mutation: nodes, text, attributes) for `quietMs`. A page
 * that keeps changing is waited for up to `maxMs`, then the caller checks what it shows anyway (as a
 * fixed wait would have). The server-sent events stream (/events) never ends and is not counted.
 * Not a timed assertion: it never fails, it only decides when to look.
 */
import type { Page } from 'playwright-core';

export interface SettleOptions {
  quietMs?: number;
  maxMs?: number;
}

/** Starts counting the page's API requests; call once per page, then `settled()` as often as needed. */
export function settleWatcher(page: Page): { settled(o?: SettleOptions): Promise<void> } {
  let inFlight = 0;
  let lastActivity = Date.now();
  const counted = (url: string) => /\/api\//.test(url) && !/\/events(\?|$)/.test(url);
  page.on('request', (r) => {
    if (!counted(r.url())) return;
    inFlight++;
    lastActivity = Date.now();
  });
  const done = (r: { url(): string }) => {
    if (!counted(r.url())) return;
    inFlight = Math.max(0, inFlight - 1);
    lastActivity = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async settled({ quietMs = 600, maxMs = 10_000 } = {}) {
      const end = Date.now() + maxMs;
      while (Date.now() < end) {
        // the page's own quiet: no mutation for quietMs (or the time left)
        const wait = Math.min(quietMs, Math.max(0, end - Date.now()));
        const start = Date.now();
        await page.evaluate(
          ([ms, limit]) =>
            new Promise<void>((resolve) => {
              let timer = setTimeout(finish, ms);
              const cap = setTimeout(finish, limit);
              const observer = new MutationObserver(() => {
                clearTimeout(timer);
                timer = setTimeout(finish, ms);
              });
              function finish() {
                clearTimeout(timer);
                clearTimeout(cap);
                observer.disconnect();
                resolve();
              }
              observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
            }),
          [wait, Math.max(wait, end - Date.now())] as const,
        );
        // and no request was in flight or answered while the page was quiet
        if (inFlight === 0 && lastActivity <= start) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
