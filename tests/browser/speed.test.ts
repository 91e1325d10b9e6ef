/**
 * The workbench's speed as behaviour (figures are in `npm run bench -- browser`): the 区县目标 tab is
 * still when nobody touches it; a typed cell shows at once while its write is on its way, and the
 * stored result replaces it without fetching the matrix again; a refused write puts the old value back
 * with its message. The write is held back (page.route) to see what shows meanwhile: no timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';
import { cell, openTab, pinnedCell, text, typeInto, waitForApp } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };
const GRID = 'targets-grid';

/** DOM mutations inside `selector` over `ms` milliseconds. */
function mutationsOver(page: Page, selector: string, ms: number): Promise<number> {
  return page.evaluate(
    ([sel, wait]) =>
      new Promise<number>((resolve) => {
        let n = 0;
        const o = new MutationObserver((list) => {
          n += list.length;
        });
        o.observe(document.querySelector(sel!)!, { subtree: true, childList: true, attributes: true, characterData: true });
        setTimeout(() => {
          o.disconnect();
          resolve(n);
        }, Number(wait));
      }),
    [selector, String(ms)] as const,
  );
}

/** Types text into a grid cell as a planner does: F2 opens the editor (Chinese text comes without key presses), then Enter. */
/** Holds the next call of `op` until the returned function is called. */
async function holdNext(page: Page, op: string): Promise<{ held: Promise<void>; release: () => Promise<void> }> {
  let route: Route | null = null;
  let arrived: () => void = () => {};
  const held = new Promise<void>((resolve, reject) => {
    arrived = resolve;
    setTimeout(() => reject(new Error(`no ${op} call was made`)), 20_000);
  });
  const pattern = `**/api/${op}`;
  await page.route(pattern, (r) => {
    route = r;
    arrived();
  });
  return {
    held,
    release: async () => {
      await (route as Route | null)?.continue();
      await page.unroute(pattern);
    },
  };
}

describe('workbench speed behaviour (browser)', { timeout: 180_000 }, () => {
  let w: WebSession;
  const matrixCalls: string[] = [];
  beforeAll(async () => {
    w = await openWorkbench();
    await waitForApp(w.page);
    w.page.on('request', (r) => {
      if (r.url().includes('/api/targets.matrix')) matrixCalls.push(r.url());
    });
    await openTab(w.page, 'targets');
    await cell(w.page, GRID, 'd-500116', 'y2027').waitFor();
  }, 200_000);
  afterAll(async () => {
    await w.close();
  });

  it('区县目标 is still when nobody touches it: no DOM mutations in the grid or the charts', async () => {
    const p = w.page;
    // Let the first draw and the charts' entry animation finish.
    await p.waitForTimeout(2500);
    expect(await mutationsOver(p, '.workbench', 3000)).toBe(0);
    const series = await p.getByTestId('chart-district-bars').getAttribute('data-option');
    await p.waitForTimeout(1000);
    expect(await p.getByTestId('chart-district-bars').getAttribute('data-option')).toBe(series);
  });

  it('the toolbar keeps its height as the 最近修改 label appears and grows: the grid does not jump mid-edit', async () => {
    const p = w.page;
    await p.setViewportSize({ width: 1180, height: 900 });
    await p.waitForTimeout(500);
    const top = async () => (await p.getByTestId(GRID).boundingBox())?.y ?? -1;
    const before = await top();
    await cell(p, GRID, 'd-500116', 'y2026').click();
    await p.keyboard.type('2901');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, p.locator('.history-label').first()), POLL).toContain('2026年');
    expect(await top()).toBe(before);
    // A longer label (a cleared block names its count) still keeps the grid in place.
    await cell(p, GRID, 'd-500116', 'y2025').click();
    await p.keyboard.down('Shift');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.up('Shift');
    await p.keyboard.press('Delete');
    await expect.poll(() => text(p, p.locator('.history-label').first()), POLL).not.toContain('2026年');
    expect(await top()).toBe(before);
    await w.screenshot('speed-toolbar-after-edits');
    await p.setViewportSize({ width: 1440, height: 900 });
  });

  it('a typed target shows at once while it is saved, then the stored value and the totals, with no refetch of the matrix', async () => {
    const p = w.page;
    const before = matrixCalls.length;
    const hold = await holdNext(p, 'targets.setMany');
    await cell(p, GRID, 'd-500116', 'y2027').click();
    await p.keyboard.type('3100');
    await p.keyboard.press('Enter');
    await hold.held;
    // The write has not reached the core: the cell reads as typed (the editor closes with it once the
    // answer is a moment late, sheet.ts enterAhead), the sum not yet.
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3100');
    expect(await text(p, pinnedCell(p, GRID, 0, 'y2027'))).toBe('14,000');
    await hold.release();
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3,100');
    await expect.poll(() => text(p, pinnedCell(p, GRID, 0, 'y2027')), POLL).toBe('14,100');
    await p.waitForTimeout(500);
    expect(matrixCalls.length).toBe(before);
    // And the grid is still again afterwards.
    await p.waitForTimeout(1500);
    expect(await mutationsOver(p, '.workbench', 2000)).toBe(0);
  });

  it('Ctrl+Z pressed while an edit is still being saved undoes that edit, not the one before', async () => {
    const p = w.page;
    const c = cell(p, GRID, 'd-500118', 'y2027');
    await expect.poll(() => text(p, c), POLL).toBe('3,300');
    const hold = await holdNext(p, 'targets.setMany');
    await c.click();
    await p.keyboard.type('3400');
    await p.keyboard.press('Enter');
    await hold.held;
    // typed: in the editor until the answer, in the cell once the editor closes (sheet.ts enterAhead)
    await expect.poll(() => text(p, c), POLL).toBe('3400');
    await c.click();
    await p.keyboard.press('Control+z');
    // The undo waits for the edit's answer: nothing undone yet while the edit is held.
    await p.waitForTimeout(300);
    expect(await text(p, c)).toBe('3400');
    await hold.release();
    await expect.poll(() => text(p, c), POLL).toBe('3,300');
    // The edit before it (江津区 3,100) stays.
    expect(await text(p, cell(p, GRID, 'd-500116', 'y2027'))).toBe('3,100');
  });

  it('a refused target shows as typed while checked, then the old value comes back with the message', async () => {
    const p = w.page;
    const hold = await holdNext(p, 'targets.setMany');
    await typeInto(p, cell(p, GRID, 'd-500117', 'y2027'), '很多');
    await hold.held;
    await expect.poll(() => text(p, cell(p, GRID, 'd-500117', 'y2027')), POLL).toBe('很多');
    await hold.release();
    await expect.poll(() => text(p, cell(p, GRID, 'd-500117', 'y2027')), POLL).toBe('1,600');
    expect(await text(p, p.getByTestId('cell-error'))).toContain('“很多”不是有效的数值');
    expect(await text(p, p.getByTestId('notice').last())).toContain('不是有效的数值');
    await w.screenshot('speed-targets-refused-reverted');
  });

  it('a ledger cell shows as typed while saved and keeps the stored text; a refused one reverts with its message', async () => {
    const p = w.page;
    await openTab(p, 'tasks');
    const grid = 'tasks-grid';
    const first = p.locator(`[data-testid="${grid}"] .ag-row[row-index="0"] .ag-cell[col-id="progress"]`).first();
    await first.waitFor();
    // the row's id, once ag-grid has given it one (under load the row can be drawn a moment before)
    const row0 = p.locator(`[data-testid="${grid}"] .ag-row[row-index="0"][row-id]:not([row-id=""])`).first();
    await row0.waitFor();
    const rowId = await row0.getAttribute('row-id');
    const progress = cell(p, grid, rowId ?? '', 'progress');
    const hold = await holdNext(p, 'tasks.updateMany');
    await typeInto(p, progress, '已开工');
    await hold.held;
    await expect.poll(() => text(p, progress), POLL).toBe('已开工');
    await hold.release();
    await p.waitForTimeout(300);
    expect(await text(p, progress)).toBe('已开工');

    const deadline = cell(p, grid, rowId ?? '', 'deadline');
    const old = await text(p, deadline);
    const refused = await holdNext(p, 'tasks.updateMany');
    await typeInto(p, deadline, '明年');
    await refused.held;
    await expect.poll(() => text(p, deadline), POLL).toBe('明年');
    await refused.release();
    await expect.poll(() => text(p, deadline), POLL).toBe(old);
    await p.getByTestId('cell-error').waitFor();
    expect(await text(p, p.getByTestId('notice').last())).not.toBe('');
    await w.screenshot('speed-ledger-refused-reverted');
  });
});
