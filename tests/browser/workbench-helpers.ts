/** Helpers for the workbench browser tests: open a tab, find grid cells, paste as Excel does. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';

export const PLAN = 'p-yufu-2023-13';

export async function openTab(page: Page, tab: string, focus = '', planId = PLAN): Promise<void> {
  await page.evaluate(([p, tb, f]) => {
    window.location.hash = `#/plan/${encodeURIComponent(p!)}/${tb}${f ? `/${encodeURIComponent(f)}` : ''}`;
  }, [planId, tab, focus]);
}

export function cell(page: Page, grid: string, rowId: string, colId: string) {
  return page.locator(`[data-testid="${grid}"] .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`).first();
}

export function pinnedCell(page: Page, grid: string, index: number, colId: string) {
  // ag-grid 36 keeps pinned rows in .ag-grid-pinned-bottom-rows (it was .ag-floating-bottom before 36).
  return page.locator(`[data-testid="${grid}"] .ag-grid-pinned-bottom-rows .ag-row[row-index="b-${index}"] .ag-cell[col-id="${colId}"]`).first();
}

/** Pastes tab-separated text into the grid at its focused cell, as Ctrl+V with Excel's clipboard does. */
export async function pasteText(page: Page, grid: string, text: string): Promise<void> {
  await page.evaluate(
    ([g, t]) => {
      const target = document.activeElement ?? document.querySelector(`[data-testid="${g}"]`);
      const dt = new DataTransfer();
      dt.setData('text/plain', t!);
      target?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    [grid, text],
  );
}

/** The series data a chart was last drawn with (Chart.tsx mirrors it into data-option). */
export async function chartSeries(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).getAttribute('data-option')) ?? '';
}

/** What a planner does to type into a cell: click it, F2 (Chinese text is typed without key presses that would start an edit), select all, type, Enter. */
export async function typeInto(page: Page, target: ReturnType<Page['locator']>, value: string): Promise<void> {
  await target.click();
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

export async function text(page: Page, selector: ReturnType<Page['locator']>): Promise<string> {
  return ((await selector.textContent()) ?? '').trim();
}

/**
 * Waits for the plan list; reloads when the page came up blank (on a shared machine the renderer
 * bundle may be being rebuilt at that moment).
 */
export async function waitForApp(page: Page): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.getByTestId('plan-list').waitFor({ timeout: 30_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.reload();
    }
  }
}

/**
 * One workbench (web host + Chromium) for a describe block, opened before its tests and closed after:
 * `const s = workbenchSession();` then `s.w.page` inside the tests.
 */
export function workbenchSession(options: Parameters<typeof openWorkbench>[0] = {}): { readonly w: WebSession } {
  let session: WebSession | null = null;
  beforeAll(async () => {
    session = await openWorkbench(options);
    await waitForApp(session.page);
  }, 200_000);
  afterAll(async () => {
    await session?.close();
  });
  return {
    get w(): WebSession {
      if (!session) throw new Error('the workbench is not open (workbenchSession is used inside describe)');
      return session;
    },
  };
}
