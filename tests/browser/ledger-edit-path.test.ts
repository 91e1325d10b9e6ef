/**
 * The ledger's edit path in Chromium against the web host: the typed text is in the cell in the task of
 * the Enter (saved from the Enter itself, not from ag-grid's queued event), and an edit of a field the
 * charts do not count costs one request: no history.status (the undo state comes with the answer), no
 * tasks.stats; an edit of a status still counts the charts again.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openTab, text, workbenchSession } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };
const GRID = 'tasks-grid';
const T = (n: string) => `p-yufu-2023-13/t/${n}`;
const sel = (id: string, col: string) => `[data-testid="${GRID}"] .ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`;

function recordCalls(p: Page): string[] {
  const calls: string[] = [];
  p.on('request', (r) => {
    const m = /\/api\/([\w.]+)$/.exec(r.url());
    if (m?.[1]) calls.push(m[1]);
  });
  return calls;
}

describe('task ledger: the edit path (browser)', { timeout: 120_000 }, () => {
  const s = workbenchSession();

  it('shows the typed section in the task of the Enter (saved from the Enter, not from the grid’s queued event)', async () => {
    const p = s.w.page;
    await openTab(p, 'tasks');
    await p.locator(sel(T('4-2'), 'section')).waitFor();
    await p.locator(sel(T('4-2'), 'section')).click();
    await p.keyboard.press('F2');
    await p.keyboard.press('Control+a');
    await p.keyboard.type('第四章');
    const shownAtOnce = await p.evaluate(async (s) => {
      const input = document.querySelector(`${s} input`) ?? document.activeElement;
      input?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      await Promise.resolve();
      return document.querySelector(s)?.textContent?.trim() ?? null;
    }, sel(T('4-2'), 'section'));
    expect(shownAtOnce).toBe('第四章');
    await expect.poll(() => text(p, p.locator(sel(T('4-2'), 'section'))), POLL).toBe('第四章');
  });

  it('an edit of a section is one request: no history.status (the undo state comes with the answer), no tasks.stats', async () => {
    const p = s.w.page;
    // The charts' first count is done before the edit.
    await p.getByTestId('chart-status-by-lead').waitFor();
    await p.waitForTimeout(800);
    const calls = recordCalls(p);
    await p.locator(sel(T('4-3'), 'section')).click();
    await p.keyboard.press('F2');
    await p.keyboard.press('Control+a');
    await p.keyboard.type('第四章');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, p.locator(sel(T('4-3'), 'section'))), POLL).toBe('第四章');
    await expect.poll(() => p.getByTestId('undo').isEnabled(), POLL).toBe(true);
    await p.waitForTimeout(800);
    expect(calls).toEqual(['tasks.updateMany']);
  });

  it('an edit of a status (what the charts count) asks the charts’ figures again', async () => {
    const p = s.w.page;
    const calls = recordCalls(p);
    await p.locator(sel(T('4-2'), 'progress')).click();
    // Pasted, as a planner copies a status from a sheet: one cell, one write.
    await p.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '已完成');
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }));
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => text(p, p.locator(sel(T('4-2'), 'status'))), POLL).toBe('已完成');
    await expect.poll(() => calls.includes('tasks.stats'), POLL).toBe(true);
    expect(calls).not.toContain('history.status');
  });
});
