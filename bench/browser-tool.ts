/**
 * What the browser tools of issue 13 share (bench/browser-profile.ts, bench/browser-timeline.ts; not figures of
 * `npm run bench`): their arguments (`targets|ledger|… [N] [--keep FILE]`), the 100k-task plan file (generated, or
 * the one kept with --keep), the web host on it, Chromium on the plan list once the host is quiet (also for
 * browser-compare and browser-idle-check), and the edit
 * loop's cells (which grid, which cell of the edit i, the 合计 cell).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openStore } from '../db/store.ts';
import { generatePlanBundle } from './generate.ts';
import { ensureBuilt, hostQuiet, launch, newPage, startHost } from './browser-host.ts';

export interface ToolArgs {
  what: string;
  n: number;
  /** the plan file to keep between runs (made on the first) */
  keep: string | undefined;
}

export function toolArgs(defaultN: number): ToolArgs {
  const [what = 'targets', nText = String(defaultN)] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--keep');
  const keepAt = process.argv.indexOf('--keep');
  return { what, n: Number(nText), keep: keepAt > 0 ? process.argv[keepAt + 1] : undefined };
}

/** the build checked, a temp folder, and the 100k-task plan file in it (or the one kept with --keep, made on its first run) */
export function benchPlanFile(prefix: string, keep: string | undefined): { dir: string; file: string } {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = keep ?? path.join(dir, 'bench.plandesk');
  if (!keep || !fs.existsSync(file)) openStore(file, { create: 'seed', seeds: generatePlanBundle({ tasks: 100_000, districts: 40, years: 15 }) }).close();
  return { dir, file };
}

/** the page on the plan list of the 100k-task plan's host, once quiet; browser, host and temp folder gone after `run` */
export async function onBenchPage(prefix: string, keep: string | undefined, run: (page: Page, browser: Browser) => Promise<void>): Promise<void> {
  const { dir, file } = benchPlanFile(prefix, keep);
  try {
    await onHostPage(file, run);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** the web host on `file` and Chromium on its plan list, once the host is quiet; both stopped after `run` */
export async function onHostPage(file: string, run: (page: Page, browser: Browser) => Promise<void>): Promise<void> {
  const host = await startHost(file);
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(host.url);
    await page.getByTestId('plan-list').waitFor({ timeout: 60_000 });
    await hostQuiet(page);
    await run(page, browser);
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** the cells the edit loop uses: the grid, the cell of edit i, and the 合计 cell it changes (targets only) */
export function editCells(what: string): { grid: string; sum: string | null; cell: (i: number) => string } {
  const grid = what === 'targets' ? '[data-testid="targets-grid"]' : '[data-testid="tasks-grid"]';
  return {
    grid,
    sum: what === 'targets' ? `${grid} .ag-grid-pinned-bottom-rows .ag-row[row-index="b-0"] .ag-cell[col-id="y2022"]` : null,
    cell: (i) => (what === 'targets' ? `${grid} .ag-row[row-id="${i % 2 ? 'bd-4' : 'bd-3'}"] .ag-cell[col-id="y2022"]` : `${grid} .ag-row[row-id="bt-${1 + (i % 3)}"] .ag-cell[col-id="section"]`),
  };
}

/** types `value` into the cell (F2, select all) */
export async function typeInto(page: Page, sel: string, value: string): Promise<void> {
  await page.locator(sel).first().click();
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(value);
}
