/**
 * One cell edit's timeline, frame by frame (a tool, not a figure of `npm run bench`): the browser bench's
 * edits on the 100k plan, each with the times (ms after the Enter keydown) of the request sent, the
 * answer's last byte, the page's XMLHttpRequest load event (and loadend, after the answer is applied), the DOM mutations of the edited cell
 * and of the 合计 cell, and every animation frame in between. It shows in which frame each thing lands.
 *
 *   npx tsx bench/browser-timeline.ts targets|ledger [N] [--keep FILE]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openStore } from '../db/store.ts';
import { generatePlanBundle } from './generate.ts';
import { ensureBuilt, hostQuiet, launch, newPage, percentile, startHost } from './browser-host.ts';
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
        tl.sent = e?.requestStart; tl.first = e?.responseStart; tl.end = e?.responseEnd;
        window.__done(tl);
      }
    };
    requestAnimationFrame(frame);
    window.__result = new Promise((r) => { window.__done = r; });
  };
}`;

interface Timeline { t0: number; frames: [number, number][]; cell: [number, string][]; sum: [number, string][]; sent?: number; first?: number; end?: number; fetchCalled?: number; fetchResolved?: number; jsonParsed?: number; afterJsonMicro?: number }

async function main(): Promise<void> {
  const [what = 'targets', nText = '10'] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--keep');
  const keepAt = process.argv.indexOf('--keep');
  const keep = keepAt > 0 ? process.argv[keepAt + 1] : undefined;
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-timeline-'));
  const file = keep ?? path.join(dir, 'bench.plandesk');
  if (!keep || !fs.existsSync(file)) openStore(file, { create: 'seed', seeds: generatePlanBundle({ tasks: 100_000, districts: 40, years: 15 }) }).close();
  const host = await startHost(file);
  const browser = await launch();
  try {
    const page: Page = await newPage(browser);
    await page.goto(host.url);
    await page.getByTestId('plan-list').waitFor({ timeout: 60_000 });
    await hostQuiet(page);
    const op = what === 'targets' ? 'targets.setMany' : 'tasks.updateMany';
    await (what === 'targets' ? targetEdits : ledgerEdits)(page, 1);
    await page.evaluate(`(${PROBE})(${JSON.stringify(op)})`);
    const grid = what === 'targets' ? '[data-testid="targets-grid"]' : '[data-testid="tasks-grid"]';
    const sum = what === 'targets' ? `${grid} .ag-grid-pinned-bottom-rows .ag-row[row-index="b-0"] .ag-cell[col-id="y2022"]` : null;
    const settledAt: number[] = [];
    for (let i = 0; i < Number(nText); i++) {
      const sel = what === 'targets' ? `${grid} .ag-row[row-id="${i % 2 ? 'bd-4' : 'bd-3'}"] .ag-cell[col-id="y2022"]` : `${grid} .ag-row[row-id="bt-${1 + (i % 3)}"] .ag-cell[col-id="section"]`;
      const value = what === 'targets' ? String(1900 + i) : `段${i}`;
      await page.locator(sel).first().click();
      await page.keyboard.press('F2');
      await page.keyboard.press('Control+a');
      await page.keyboard.type(value);
      await page.evaluate(`window.__arm(${JSON.stringify(sel)}, ${JSON.stringify(sum)})`);
      await page.keyboard.press('Enter');
      const tl = (await page.evaluate('window.__result')) as Timeline;
      const r = (x: number | undefined) => (x === undefined ? '—' : (x - tl.t0).toFixed(1));
      const frames = tl.frames.map(([, now]) => now - tl.t0).filter((x) => x < 120);
      const typed = tl.cell.find(([, text]) => text === value);
      const sumAt = tl.sum[0];
      console.log(`edit ${i}: sent ${r(tl.sent)} first ${r(tl.first)} end ${r(tl.end)} load ${r(tl.fetchResolved)} μ ${r(tl.jsonParsed)} loadend ${r(tl.afterJsonMicro)} | typed in DOM ${r(typed?.[0])} sum in DOM ${r(sumAt?.[0])} | frames ${frames.map((x) => x.toFixed(1)).join(' ')}`);
      if (sumAt) {
        const f = frames.find((x) => x >= sumAt[0] - tl.t0);
        if (f !== undefined) settledAt.push(f);
      }
      await page.waitForTimeout(600);
    }
    if (settledAt.length) console.log(`first frame after the 合计 changed p50/p95 ${percentile(settledAt, 50).toFixed(1)} / ${percentile(settledAt, 95).toFixed(1)}`);
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
