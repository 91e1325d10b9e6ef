/**
 * Push instead of reload, in Chromium against the web host: a cell edit, a refused edit, an undo and a
 * ledger edit are shown from the write's own answer (its change set), without fetching the matrix or
 * the ledger again; the other views showing the same data are right when switched to. Every API
 * request the page makes is counted (page.on('request')).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';
import { cell, chartSeries, openTab, pinnedCell, text, waitForApp } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };
const GRID = 'targets-grid';

describe('writes are pushed to the views, not reloaded (browser)', { timeout: 180_000 }, () => {
  let w: WebSession;
  const calls: string[] = [];
  const onRequest = (r: Request) => {
    const m = /\/api\/([^/?#]+)/.exec(r.url());
    if (m?.[1]) calls.push(decodeURIComponent(m[1]));
  };
  /** Clears the count, runs `act`, lets the page settle (charts ask 200 ms after a change), returns what it asked. */
  const counted = async (act: () => Promise<void>): Promise<string[]> => {
    calls.length = 0;
    await act();
    await new Promise((r) => setTimeout(r, 800));
    return [...calls];
  };

  beforeAll(async () => {
    w = await openWorkbench();
    w.page.on('request', onRequest);
    await waitForApp(w.page);
    await openTab(w.page, 'targets');
    await cell(w.page, GRID, 'd-500116', 'y2027').waitFor();
    await pinnedCell(w.page, GRID, 0, 'y2027').waitFor();
  }, 200_000);
  afterAll(async () => {
    await w?.close();
  });

  it('a typed cell: value, totals row and chart follow from the answer; the matrix is not fetched again', async () => {
    const p = w.page;
    expect(await text(p, pinnedCell(p, GRID, 0, 'y2027'))).toBe('14,000');
    const asked = await counted(async () => {
      await cell(p, GRID, 'd-500116', 'y2027').click();
      await p.keyboard.type('3,100');
      await p.keyboard.press('Enter');
      await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3,100');
      await expect.poll(() => text(p, pinnedCell(p, GRID, 0, 'y2027')), POLL).toBe('14,100');
      await expect.poll(() => text(p, pinnedCell(p, GRID, 2, 'y2027')), POLL).toBe('+100');
      await expect.poll(() => chartSeries(p, 'chart-district-bars'), POLL).toContain('3100');
    });
    expect(await pinnedCell(p, GRID, 2, 'y2027').getAttribute('class')).toContain('cell-mismatch');
    expect(asked.filter((n) => n === 'targets.setMany')).toHaveLength(1);
    expect(asked).not.toContain('targets.matrix');
    expect(asked).not.toContain('tasks.list');
    expect(asked).not.toContain('plans.get');
    await w.screenshot('push-targets-edited');
  });

  it('a refused cell keeps the saved value, says why, and fetches nothing', async () => {
    const p = w.page;
    const asked = await counted(async () => {
      await cell(p, GRID, 'd-500117', 'y2027').click();
      await p.keyboard.press('F2');
      await p.keyboard.press('Control+a');
      await p.keyboard.type('很多');
      await p.keyboard.press('Enter');
      await p.getByTestId('cell-error').waitFor();
    });
    expect(await text(p, p.getByTestId('cell-error'))).toContain('“很多”不是有效的数值');
    expect(await text(p, cell(p, GRID, 'd-500117', 'y2027'))).toBe('1,600');
    expect(await text(p, pinnedCell(p, GRID, 0, 'y2027'))).toBe('14,100');
    expect(asked).toEqual(['targets.setMany']);
    await w.screenshot('push-targets-refused');
  });

  it('undo answers with what it put back: the cell and totals return without fetching the matrix', async () => {
    const p = w.page;
    const asked = await counted(async () => {
      await p.getByTestId('undo').click();
      await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3,000');
      await expect.poll(() => text(p, pinnedCell(p, GRID, 2, 'y2027')), POLL).toBe('0');
    });
    expect(asked).toContain('history.undo');
    expect(asked).not.toContain('targets.matrix');
    await p.getByTestId('redo').click();
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3,100');
    await expect.poll(() => text(p, pinnedCell(p, GRID, 0, 'y2027')), POLL).toBe('14,100');
  });

  it('the other views showing the same figures are right when switched to', async () => {
    const p = w.page;
    await openTab(p, 'overview');
    const jiangjin = p.getByTestId('district-table').locator('tr', { hasText: '江津区' });
    await expect.poll(() => text(p, jiangjin), POLL).toContain('3,100');
    await openTab(p, 'completion', 'indicator=p-yufu-2023-13/i/revenue');
    await p.getByTestId('cp-table').waitFor();
    await expect.poll(() => text(p, p.getByTestId('cp-table').locator('tr[data-name="江津区"]')), POLL).toContain('3,100');
    await w.screenshot('push-completion-after-edit');
    // Back on the targets grid (a fresh mount): the saved value, fetched once.
    const asked = await counted(async () => {
      await openTab(p, 'targets');
      await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3,100');
    });
    expect(asked.filter((n) => n === 'targets.matrix')).toHaveLength(1);
  });

  it('a ledger edit is applied to its row in place: tasks.list is not asked again', async () => {
    const p = w.page;
    calls.length = 0;
    await openTab(p, 'tasks');
    const grid = 'tasks-grid';
    const deadline = cell(p, grid, 'p-yufu-2023-13/t/4-2', 'deadline');
    await deadline.waitFor();
    // The ledger's own first count (asked a moment after its first rows paint) is not the edit's.
    await expect.poll(() => calls.includes('tasks.stats'), POLL).toBe(true);
    await p.waitForLoadState('networkidle');
    const asked = await counted(async () => {
      await deadline.click();
      await p.keyboard.type('2026-09');
      await p.keyboard.press('Enter');
      await expect.poll(() => text(p, deadline), POLL).toBe('2026-09');
    });
    expect(asked).toContain('tasks.updateMany');
    expect(asked).not.toContain('tasks.list');
    // The charts count again (their figures changed), but only they.
    expect(asked.filter((n) => n === 'tasks.stats').length).toBeLessThanOrEqual(1);
    await w.screenshot('push-ledger-edited');
  });

  it('a second tab on the same host gets the change pushed (server-sent events) and applies it without fetching', async () => {
    const p = w.page;
    const other = await p.context().newPage();
    const otherCalls: string[] = [];
    other.on('request', (r) => {
      const m = /\/api\/([^/?#]+)/.exec(r.url());
      if (m?.[1]) otherCalls.push(decodeURIComponent(m[1]));
    });
    try {
      await other.goto(w.url);
      await waitForApp(other);
      await openTab(other, 'targets');
      await cell(other, GRID, 'd-500118', 'y2027').waitFor();
      expect(await text(other, cell(other, GRID, 'd-500118', 'y2027'))).toBe('3,300');
      otherCalls.length = 0;
      await openTab(p, 'targets');
      await cell(p, GRID, 'd-500118', 'y2027').click();
      await p.keyboard.type('3400');
      await p.keyboard.press('Enter');
      await expect.poll(() => text(other, cell(other, GRID, 'd-500118', 'y2027')), POLL).toBe('3,400');
      // The totals row follows too: the same sum the writing tab shows.
      await expect.poll(() => text(p, cell(p, GRID, 'd-500118', 'y2027')), POLL).toBe('3,400');
      const sum = await text(p, pinnedCell(p, GRID, 0, 'y2027'));
      await expect.poll(() => text(other, pinnedCell(other, GRID, 0, 'y2027')), POLL).toBe(sum);
      expect(otherCalls).not.toContain('targets.matrix');
      await other.screenshot({ path: 'tests/artifacts/push-second-tab.png', fullPage: true });
    } finally {
      await other.close();
    }
  });
});
