/**
 * One cell edit's timeline, frame by frame (a tool, not a figure of `npm run bench`): the browser bench's
 * edits on the 100k plan, each with the times (ms after the Enter keydown) of the request sent, the
 * answer's last byte, the page's XMLHttpRequest load event (and loadend, after the answer is applied), the DOM mutations of the edited cell
 * and of the 合计 cell, and every animation frame in between. It shows in which frame each thing lands.
 *
 *   npx tsx bench/browser-timeline.ts targets|ledger [N] [--keep FILE]
 */
import { percentile } from './browser-host.ts';
import { editCells, onBenchPage, toolArgs, typeInto } from './browser-tool.ts';
import { ledgerEdits, targetEdits } from './browser-edits.ts';

const PROBE = `(op) => {
  // The renderer's web transport is XMLHttpRequest (api/client.ts): its load event is the answer in the page.
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) { this.__url = String(url); return open.call(this, method, url, ...rest); };
  XMLHttpRequest.prototype.send = function (body) {
    const tl = window.__tl;
    if (tl && this.__url.endsWith('/api/' + op)) {
      tl.fetchCalled = performance.now();
      this.addEventListener('load', () => { tl.fetchResolved = performance.now(); queueMicrotask(() => { tl.jsonParsed = performance.now(); }); });
      this.addEventListener('loadend', () => { tl.afterJsonMicro = performance.now(); });
    }
    return send.call(this, body);
  };
  window.__arm = (cellSel, sumSel) => {
    const tl = { t0: 0, frames: [], cell: [], sum: [] };
    window.__tl = tl;
    const onKey = (e) => { if (e.key === 'Enter' && !tl.t0) tl.t0 = performance.now(); };
    window.addEventListener('keydown', onKey, true);
    const observe = (sel, into) => {
      const text = () => document.querySelector(sel)?.textContent.trim() ?? '';
      let last = text();
      const o = new MutationObserver(() => { const now = text(); if (now !== last) into.push([performance.now(), now]); last = now; });
      o.observe(document.querySelector(sel).closest('.ag-root-wrapper') ?? document.body, { subtree: true, childList: true, characterData: true });
      return o;
    };
    const oc = observe(cellSel, tl.cell);
    const os = sumSel ? observe(sumSel, tl.sum) : null;
    const start = performance.now();
    const frame = (ts) => {
      const now = performance.now();
      if (tl.t0) tl.frames.push([ts, now]);
      if (now - start < 400) requestAnimationFrame(frame);
      else {
        window.removeEventListener('keydown', onKey, true);
        oc.disconnect(); os?.disconnect();
        const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith('/api/' + op) && x.startTime >= tl.t0);
        tl.sent = e?.requestStart; tl.first = e?.responseStart; tl.end = e?.responseEnd; tl.host = (e?.serverTiming ?? []).reduce((a, s) => a + s.duration, 0);
        window.__done(tl);
      }
    };
    requestAnimationFrame(frame);
    window.__result = new Promise((r) => { window.__done = r; });
  };
}`;

interface Timeline { t0: number; frames: [number, number][]; cell: [number, string][]; sum: [number, string][]; sent?: number; first?: number; host?: number; end?: number; fetchCalled?: number; fetchResolved?: number; jsonParsed?: number; afterJsonMicro?: number }

async function main(): Promise<void> {
  const { what, n, keep } = toolArgs(10);
  await onBenchPage('plandesk-timeline-', keep, async (page) => {
    const op = what === 'targets' ? 'targets.setMany' : 'tasks.updateMany';
    await (what === 'targets' ? targetEdits : ledgerEdits)(page, 1);
    await page.evaluate(`(${PROBE})(${JSON.stringify(op)})`);
    const { sum, cell } = editCells(what);
    const settledAt: number[] = [];
    for (let i = 0; i < n; i++) {
      const sel = cell(i);
      const value = what === 'targets' ? String(1900 + i) : `段${i}`;
      await typeInto(page, sel, value);
      await page.evaluate(`window.__arm(${JSON.stringify(sel)}, ${JSON.stringify(sum)})`);
      await page.keyboard.press('Enter');
      const tl = (await page.evaluate('window.__result')) as Timeline;
      const r = (x: number | undefined) => (x === undefined ? '—' : (x - tl.t0).toFixed(1));
      const frames = tl.frames.map(([, now]) => now - tl.t0).filter((x) => x < 120);
      const typed = tl.cell.find(([, text]) => text === value);
      const sumAt = tl.sum[0];
      console.log(`edit ${i} @${new Date().toISOString().slice(11, 23)}: sent ${r(tl.sent)} host ${tl.host?.toFixed(1) ?? '—'} first ${r(tl.first)} end ${r(tl.end)} load ${r(tl.fetchResolved)} μ ${r(tl.jsonParsed)} loadend ${r(tl.afterJsonMicro)} | typed in DOM ${r(typed?.[0])} sum in DOM ${r(sumAt?.[0])} | frames ${frames.map((x) => x.toFixed(1)).join(' ')}`);
      if (sumAt) {
        const f = frames.find((x) => x >= sumAt[0] - tl.t0);
        if (f !== undefined) settledAt.push(f);
      }
      await page.waitForTimeout(600);
    }
    if (settledAt.length) console.log(`first frame after the 合计 changed p50/p95 ${percentile(settledAt, 50).toFixed(1)} / ${percentile(settledAt, 95).toFixed(1)}`);
  });
}

await main();
