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

  it('Enter keeps the typed section in its editor while the write is on its way; the frame after the answer shows the stored section, the editor closed, and then the focus one row down', async () => {
    const p = s.w.page;
    await openTab(p, 'tasks');
    await p.locator(sel(T('4-2'), 'section')).waitFor();
    await p.locator(sel(T('4-2'), 'section')).click();
    await p.keyboard.press('F2');
    await p.keyboard.press('Control+a');
    await p.keyboard.type('第九章');
    const seen = await p.evaluate(async (c) => {
      const read = () => document.querySelector(c)?.textContent?.trim() ?? null;
      const editor = () => (document.querySelector(`${c} input`) as HTMLInputElement | null)?.value ?? null;
      const send = XMLHttpRequest.prototype.send;
      const open = XMLHttpRequest.prototype.open;
      const opened = new WeakMap<XMLHttpRequest, string>();
      let inEnter = false;
      const sent: boolean[] = [];
      XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
        opened.set(this, String(url));
        open.call(this, method, url, true);
      };
      const atAnswer = new Promise<{ cell: string | null; editor: string | null; focusedRow: number }>((resolve) => {
        XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
          if (!opened.get(this)?.includes('/api/tasks.updateMany')) return send.call(this, body);
          sent.push(inEnter);
          this.addEventListener('loadend', () =>
            requestAnimationFrame(() => {
              const drawn = { cell: read(), editor: editor() };
              // the focus moves once that frame is drawn (sheet.ts enterAhead): a task after it
              setTimeout(() => resolve({ ...drawn, focusedRow: Number(document.activeElement?.closest('.ag-row')?.getAttribute('row-index')) }), 0);
            }),
          );
          send.call(this, body);
        };
      });
      try {
        const rowIndex = Number(document.querySelector(c)?.closest('.ag-row')?.getAttribute('row-index'));
        inEnter = true;
        (document.querySelector(`${c} input`) ?? document.activeElement)?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
        inEnter = false;
        await Promise.resolve();
        const meanwhile = editor();
        return { sent, meanwhile, rowIndex, ...(await atAnswer) };
      } finally {
        XMLHttpRequest.prototype.send = send;
        XMLHttpRequest.prototype.open = open;
      }
    }, sel(T('4-2'), 'section'));
    expect(seen.sent).toEqual([true]);
    expect(seen.meanwhile).toBe('第九章');
    expect(seen.cell).toBe('第九章');
    expect(seen.editor).toBeNull();
    expect(seen.focusedRow).toBe(seen.rowIndex + 1);
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
