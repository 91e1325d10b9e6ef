/**
 * The browser benchmark's cell edits: a value typed into a grid cell and Enter pressed, as a planner
 * does, timed in the page from the Enter keydown to (a) the typed value on screen (in the cell, or in its
 * editor, which stays open until the write's answer or 40 ms: sheet.ts enterAhead) and (b) the write
 * answered and its stored result on screen (for the targets grid: the 合计 row showing the new sum).
 * Times are read in animation frames, so they count what was painted: the start of the frame that shows the
 * stored result (its frame callback sees it), and when that frame's own work (style, layout, paint) is done.
 *
 * Two ways of watching, because the watching changes what is watched:
 * - 'changes' (the figure of issue 13): the page is left alone until something changes on it. A DOM change
 *   in the page, or the write's answer arriving, asks for one frame, whose callback checks. This is the
 *   page a planner has: nothing draws between an Enter and its answer unless the workbench asks for it.
 * - 'frames': a frame callback every frame, from the Enter on (a page that animates: a chart drawing, a
 *   scroll). It alone sees the typed value (no DOM changes when the editor keeps it), and it costs the edit:
 *   with a frame always running, the answer that comes meanwhile waits for that frame to end, and Chromium
 *   runs the frame after an input first (a Chromium trace of these edits: the answer's task starts after
 *   the frame, ~5 ms later at p50).
 * In-page code is text (no DOM types in the bench layer).
 */
import type { Page } from 'playwright-core';
import { BIG_PLAN_ID } from './generate.ts';
import { tabOf } from './browser-host.ts';

const HARNESS = `
window.__armEdit = (cellSel, expect, sumSel, op, watch) => {
  performance.setResourceTimingBufferSize(100000);
  performance.clearResourceTimings();
  const sumBefore = sumSel ? (document.querySelector(sumSel)?.textContent.trim() ?? '') : '';
  window.__edit = new Promise((resolve) => {
    let t0 = 0;
    let shown = 0;
    let done = false;
    let asked = false;
    const onKey = (e) => { if (e.key === 'Enter' && !t0) t0 = performance.now(); };
    window.addEventListener('keydown', onKey, true);
    const start = performance.now();
    const answered = () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/api/' + op) && e.startTime >= t0 && e.responseEnd > 0);
    let observer = null;
    let answers = null;
    const end = (value) => {
      done = true;
      window.removeEventListener('keydown', onKey, true);
      observer?.disconnect();
      answers?.disconnect();
      resolve(value);
    };
    const frame = () => {
      asked = false;
      if (done) return;
      const now = performance.now();
      if (t0) {
        const c = document.querySelector(cellSel);
        const text = c ? c.textContent.trim() : '';
        // On screen in the cell, or still in its editor (which stays open until the answer, sheet.ts enterAhead).
        const editor = document.querySelector(cellSel + ' input') ?? document.querySelector('.ag-popup-editor input');
        if (!shown && (text === expect || (editor && editor.value === expect))) shown = now;
        const view = sumSel ? (document.querySelector(sumSel)?.textContent.trim() ?? '') !== sumBefore : text === expect;
        if ((shown || watch === 'changes') && answered() && view) {
          // and when that frame's main-thread work (the rest of its frame callbacks, style, layout, paint) is
          // done: a message posted from its frame callback is taken after it
          const ch = new MessageChannel();
          ch.port1.onmessage = () => end({ shown: watch === 'changes' ? null : shown - t0, settled: now - t0, drawn: performance.now() - t0 });
          ch.port2.postMessage(0);
          done = true;
          return;
        }
      }
      if (now - start > 10000) return end(null);
      if (watch === 'frames') requestAnimationFrame(frame);
    };
    if (watch === 'frames') requestAnimationFrame(frame);
    else {
      // One frame asked for when the page changes or the answer comes (whichever shows it), none otherwise.
      const ask = () => { if (t0 && !asked && !done) { asked = true; requestAnimationFrame(frame); } };
      observer = new MutationObserver(ask);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      answers = new PerformanceObserver(ask);
      answers.observe({ type: 'resource' });
      setTimeout(() => { if (!done) end(null); }, 10000);
    }
  });
};`;

export interface EditTimes {
  /** the typed value on screen (watched frame by frame only) */
  shown: number[];
  /** the frame that shows the stored result: its start (the frame callback that sees it) */
  settled: number[];
  /** the same frame's main-thread work done (style, layout, paint handed to the compositor) */
  drawn: number[];
  /** targets.matrix requests made during the edits (none: the answers are applied in place) */
  matrixFetches: number;
}

/** A planner's pace: the next cell is typed 600 ms after the last Enter (the charts redraw meanwhile, 250 ms after an edit). */
const PAUSE_MS = 600;

export type Watch = 'changes' | 'frames';

async function edits(page: Page, n: number, cellSel: (i: number) => string, value: (i: number) => string, sumSel: string | null, op: string, watch: Watch): Promise<EditTimes> {
  await page.evaluate(HARNESS);
  const out: EditTimes = { shown: [], settled: [], drawn: [], matrixFetches: 0 };
  const count = (r: { url(): string }) => {
    if (r.url().includes('/api/targets.matrix')) out.matrixFetches++;
  };
  page.on('request', count);
  for (let i = 0; i < n; i++) {
    const sel = cellSel(i);
    // F2 opens the editor: Chinese text is typed without key presses, which would not start an edit.
    await page.locator(sel).first().click();
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(value(i));
    await page.evaluate(`window.__armEdit(${JSON.stringify(sel)}, ${JSON.stringify(value(i))}, ${JSON.stringify(sumSel)}, ${JSON.stringify(op)}, ${JSON.stringify(watch)})`);
    await page.keyboard.press('Enter');
    const r = (await page.evaluate('window.__edit')) as { shown: number | null; settled: number; drawn: number } | null;
    if (r) {
      if (r.shown !== null) out.shown.push(r.shown);
      out.settled.push(r.settled);
      out.drawn.push(r.drawn);
    }
    await page.waitForTimeout(PAUSE_MS);
  }
  page.off('request', count);
  return out;
}

/** Edits on the 区县目标 grid of the big plan (two cells of 2022, alternately, each a new value). */
export async function targetEdits(page: Page, n: number, watch: Watch = 'changes'): Promise<EditTimes> {
  await page.evaluate(`window.location.hash = '#/plan/${BIG_PLAN_ID}/targets'`);
  const grid = '[data-testid="targets-grid"]';
  await page.locator(`${grid} .ag-row[row-id="bd-3"] .ag-cell[col-id="y2022"]`).waitFor();
  await page.waitForTimeout(1500);
  return edits(
    page,
    n,
    (i) => `${grid} .ag-row[row-id="${i % 2 ? 'bd-4' : 'bd-3'}"] .ag-cell[col-id="y2022"]`,
    (i) => String(500 + i),
    `${grid} .ag-grid-pinned-bottom-rows .ag-row[row-index="b-0"] .ag-cell[col-id="y2022"]`,
    'targets.setMany',
    watch,
  );
}

/** Edits of 所属章节 in the first rows of the big plan's ledger. */
export async function ledgerEdits(page: Page, n: number, watch: Watch = 'changes'): Promise<EditTimes> {
  await page.evaluate(`window.location.hash = '#/plan/${BIG_PLAN_ID}/tasks'`);
  const grid = '[data-testid="tasks-grid"]';
  await page.locator(`${grid} .ag-row[row-id="bt-1"] .ag-cell[col-id="section"]`).waitFor();
  await page.waitForTimeout(1500);
  return edits(page, n, (i) => `${grid} .ag-row[row-id="bt-${1 + (i % 3)}"] .ag-cell[col-id="section"]`, (i) => `章节${i}`, null, 'tasks.updateMany', watch);
}

/** One call's time from the page, split: the host's own (Server-Timing `call` + `json`, web/server.ts), the wait for the answer beyond it, and the page's after it arrived. */
export interface CallStages {
  total: number[];
  /** the host's call: input validation, handler (transaction, change set), output check */
  host: number[];
  /** request sent → first byte, less the host's own time (HTTP, the host's event loop busy with something else) */
  queue: number[];
  /** last byte → the answer parsed in the page (the page's main thread busy, e.g. applying the pushed change set) */
  page: number[];
}

/**
 * `n` calls of an operation from the page as the renderer's web transport makes them (api/client.ts:
 * XMLHttpRequest, the token and the tab's id, the answer parsed in its load event), each timed and split
 * into stages.
 */
export async function writeCallStages(page: Page, op: string, input: () => unknown, n: number): Promise<CallStages> {
  const inputs = Array.from({ length: n }, input);
  return (await page.evaluate(`(async () => {
    performance.setResourceTimingBufferSize(100000);
    const token = sessionStorage.getItem('plandesk.token') ?? '';
    const tab = ${JSON.stringify(tabOf(page) ?? '')};
    const post = (body) => new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', './api/${op}');
      xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.setRequestHeader('X-PlanDesk-Token', token);
      if (tab) xhr.setRequestHeader('X-PlanDesk-Tab', tab);
      xhr.onload = () => resolve(JSON.parse(xhr.responseText));
      xhr.onerror = () => reject(new Error('${op}: network error'));
      xhr.send(body);
    });
    const out = { total: [], host: [], queue: [], page: [] };
    for (const input of ${JSON.stringify(inputs)}) {
      performance.clearResourceTimings();
      const t0 = performance.now();
      const body = await post(JSON.stringify(input));
      const t1 = performance.now();
      if (!body.ok) throw new Error('${op}: ' + body.error.message);
      const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith('/api/${op}'));
      const host = (e?.serverTiming ?? []).reduce((a, s) => a + s.duration, 0);
      out.total.push(t1 - t0);
      out.host.push(host);
      out.queue.push(e ? Math.max(0, e.responseStart - e.requestStart - host) : NaN);
      out.page.push(e ? t1 - e.responseEnd : NaN);
    }
    return out;
  })()`)) as CallStages;
}

/** `n` calls of an operation from the page, each timed. */
export async function writeCalls(page: Page, op: string, input: () => unknown, n: number): Promise<number[]> {
  return (await writeCallStages(page, op, input, n)).total;
}
