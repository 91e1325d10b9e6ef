/**
 * The edit path of the targets grid, in Chromium against the web host: what a planner does faster than
 * ag-grid tells its events (they come on a timer, a frame later) works at once, and an edit costs one
 * request. Each step is done inside one task of the page (no timer can run between its events), which
 * is what a quick hand does on a busy machine.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cell, openTab, text, typeInto, workbenchSession } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };
const GRID = 'targets-grid';
const sel = (rowId: string, colId: string) => `[data-testid="${GRID}"] .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`;

/** A click on a cell and then keys, in the same task: the keys reach the grid before any of its timers. */
async function clickThenKeys(p: Page, cellSelector: string, keys: { key: string; shiftKey?: boolean }[]): Promise<void> {
  await p.evaluate(
    ([s, ks]) => {
      const target = document.querySelector(s as string);
      if (!target) throw new Error(`no cell ${String(s)}`);
      const r = target.getBoundingClientRect();
      const at = { bubbles: true, cancelable: true, clientX: r.left + 5, clientY: r.top + 5, button: 0 };
      // As a browser fires them for one click (ag-grid listens to pointerdown).
      target.dispatchEvent(new PointerEvent('pointerdown', { ...at, pointerType: 'mouse', isPrimary: true }));
      target.dispatchEvent(new MouseEvent('mousedown', at));
      target.dispatchEvent(new PointerEvent('pointerup', { ...at, pointerType: 'mouse', isPrimary: true }));
      target.dispatchEvent(new MouseEvent('mouseup', at));
      target.dispatchEvent(new MouseEvent('click', at));
      for (const k of ks as { key: string; shiftKey?: boolean }[]) {
        const on = document.activeElement?.closest('.ag-cell') ?? target;
        on.dispatchEvent(new KeyboardEvent('keydown', { key: k.key, shiftKey: !!k.shiftKey, bubbles: true, cancelable: true }));
      }
    },
    [cellSelector, keys] as const,
  );
}

/** The id of the row shown `by` rows below the row `rowId` (the grid's order, not the ids'). */
const rowBelow = (p: Page, rowId: string, by = 1) =>
  p.evaluate(
    ([id, n]) => {
      const rows = document.querySelectorAll('[data-testid="targets-grid"] .ag-row[row-id]');
      const index = Number([...rows].find((r) => r.getAttribute('row-id') === id)?.getAttribute('row-index'));
      return [...rows].find((r) => Number(r.getAttribute('row-index')) === index + (n as number))?.getAttribute('row-id') ?? '';
    },
    [rowId, by] as const,
  );

/** Every targets.setMany answer `ms` late (the host is slow) until stop(). */
async function slowAnswers(p: Page, ms: number): Promise<{ stop: () => Promise<void> }> {
  const pattern = '**/api/targets.setMany';
  await p.route(pattern, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
  return { stop: () => p.unroute(pattern) };
}

const selectedIds = (p: Page) =>
  p.evaluate(() => [...document.querySelectorAll('[data-testid="targets-grid"] .cell-selected')].map((c) => `${c.closest('.ag-row')?.getAttribute('row-id')}|${c.getAttribute('col-id')}`).sort());

describe('targets grid: the edit path (browser)', { timeout: 120_000 }, () => {
  const s = workbenchSession();

  it('Shift+arrows pressed right after a click extend from the clicked cell, not the one selected before', async () => {
    const p = s.w.page;
    await openTab(p, 'targets');
    await cell(p, GRID, 'd-500116', 'y2027').waitFor();
    // The selection before: a block elsewhere.
    await cell(p, GRID, 'd-500118', 'y2024').click();
    await p.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => selectedIds(p), POLL).toEqual(['d-500118|y2024', `${await rowBelow(p, 'd-500118')}|y2024`].sort());
    await clickThenKeys(p, sel('d-500116', 'y2026'), [{ key: 'ArrowDown', shiftKey: true }, { key: 'ArrowRight', shiftKey: true }]);
    const next = await rowBelow(p, 'd-500116');
    const block = ['d-500116|y2026', 'd-500116|y2027', `${next}|y2026`, `${next}|y2027`].sort();
    await expect.poll(() => selectedIds(p), POLL).toEqual(block);
    // ag-grid's own focus event for the click, come meanwhile, left the block as it was.
    await p.waitForTimeout(300);
    expect(await selectedIds(p)).toEqual(block);
  });

  it('Shift+arrow pressed right after an arrow key extends from where the focus went', async () => {
    const p = s.w.page;
    await cell(p, GRID, 'd-500118', 'y2025').click();
    await p.waitForTimeout(300);
    await p.evaluate(() => {
      const on = () => document.activeElement?.closest('.ag-cell') ?? document.activeElement;
      on()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
      on()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true, bubbles: true, cancelable: true }));
    });
    const below = await rowBelow(p, 'd-500118');
    expect(below).not.toBe('');
    const block = [`${below}|y2025`, `${below}|y2026`].sort();
    await expect.poll(() => selectedIds(p), POLL).toEqual(block);
    await p.waitForTimeout(300);
    expect(await selectedIds(p)).toEqual(block);
  });

  it('Enter keeps the editor with what was typed while the write is on its way; the frame after the answer shows the stored value and the totals, the editor closed, and then the focus one row down', async () => {
    const p = s.w.page;
    await cell(p, GRID, 'd-500117', 'y2026').click();
    await p.keyboard.press('F2');
    await p.keyboard.press('Control+a');
    await p.keyboard.type('4567');
    const sum = `[data-testid="${GRID}"] .ag-grid-pinned-bottom-rows .ag-row[row-index="b-0"] .ag-cell[col-id="y2026"]`;
    const seen = await p.evaluate(
      async ([c, total]) => {
        const read = (q: string) => document.querySelector(q)?.textContent?.trim() ?? null;
        const editor = () => (document.querySelector('[data-testid="value-cell-editor"] input') as HTMLInputElement | null)?.value ?? null;
        const focused = () => `${document.activeElement?.closest('.ag-row')?.getAttribute('row-id') ?? ''}|${document.activeElement?.closest('.ag-cell')?.getAttribute('col-id') ?? ''}`;
        const sumBefore = read(total as string);
        const send = XMLHttpRequest.prototype.send;
        const open = XMLHttpRequest.prototype.open;
        const opened = new WeakMap<XMLHttpRequest, string>();
        XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
          opened.set(this, String(url));
          open.call(this, method, url, true);
        };
        let inEnter = false;
        const sent: boolean[] = [];
        // What the first frame after the answer's task draws (a frame callback runs before the frame's style,
        // layout and paint): the answer is parsed and applied in the task that brings it (api/client.ts).
        const atAnswer = new Promise<{ cell: string | null; sum: string | null; editor: string | null; focused: string }>((resolve) => {
          XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
            if (!opened.get(this)?.includes('/api/targets.setMany')) return send.call(this, body);
            sent.push(inEnter);
            this.addEventListener('loadend', () =>
              requestAnimationFrame(() => {
                const drawn = { cell: read(c as string), sum: read(total as string), editor: editor() };
                // the focus moves once that frame is drawn (sheet.ts enterAhead): a task after it
                setTimeout(() => resolve({ ...drawn, focused: focused() }), 0);
              }),
            );
            send.call(this, body);
          };
        });
        try {
          inEnter = true;
          document.querySelector('[data-testid="value-cell-editor"] input')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
          inEnter = false;
          await Promise.resolve();
          const meanwhile = { cell: read(c as string), editor: editor() };
          return { sent, sumBefore, meanwhile, ...(await atAnswer) };
        } finally {
          XMLHttpRequest.prototype.send = send;
          XMLHttpRequest.prototype.open = open;
        }
      },
      [sel('d-500117', 'y2026'), sum] as const,
    );
    // the write left from the Enter itself; meanwhile the editor shows what was typed, the cell its old value
    expect(seen.sent).toEqual([true]);
    expect(seen.meanwhile.editor).toBe('4567');
    expect(seen.meanwhile.cell).not.toBe('4,567');
    // the stored value, formatted as stored (not the typed text), the 合计 row recomputed from the answer,
    // the editor closed (in the answer's task), and the focus one row down once that frame is drawn
    expect(seen.cell).toBe('4,567');
    expect(seen.sum).not.toBe(seen.sumBefore);
    expect(seen.editor).toBeNull();
    expect(seen.focused).toBe(`${await rowBelow(p, 'd-500117')}|y2026`);
  });

  it('a slow answer: the editor closes with the typed value shown after a moment, and the stored value replaces it when the answer comes', async () => {
    const p = s.w.page;
    const slow = await slowAnswers(p, 1500);
    try {
      await typeInto(p, cell(p, GRID, 'd-500118', 'y2025'), '3456');
      await p.waitForTimeout(400);
      expect(await p.locator('[data-testid="value-cell-editor"]').count()).toBe(0);
      expect(await text(p, cell(p, GRID, 'd-500118', 'y2025'))).toBe('3456');
      expect(await p.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-id'))).toBe(await rowBelow(p, 'd-500118'));
      await expect.poll(() => text(p, cell(p, GRID, 'd-500118', 'y2025')), POLL).toBe('3,456');
    } finally {
      await slow.stop();
    }
  });

  it('a key typed before the answer goes to the cell below (the edit ends first); a press elsewhere ends it too', async () => {
    const p = s.w.page;
    const slow = await slowAnswers(p, 1000);
    try {
      await typeInto(p, cell(p, GRID, 'd-500116', 'y2025'), '2345');
      await p.keyboard.type('7');
      const below = await rowBelow(p, 'd-500116');
      await expect.poll(() => p.evaluate(() => (document.querySelector('[data-testid="value-cell-editor"] input') as HTMLInputElement | null)?.value ?? null), POLL).toBe('7');
      expect(await p.evaluate(() => document.querySelector('.ag-cell.ag-cell-focus, .ag-cell-focus')?.closest('.ag-row')?.getAttribute('row-id'))).toBe(below);
      await p.keyboard.press('Escape');
      await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2025')), POLL).toBe('2,345');
      // A press on another cell while an answer is on its way: the editor closes, the typed value shows, the focus is where pressed.
      await typeInto(p, cell(p, GRID, 'd-500116', 'y2026'), '2468');
      await cell(p, GRID, 'd-500118', 'y2027').click();
      expect(await p.locator('[data-testid="value-cell-editor"]').count()).toBe(0);
      expect(await text(p, cell(p, GRID, 'd-500116', 'y2026'))).toBe('2468');
      await expect.poll(() => p.evaluate(() => `${document.activeElement?.closest('.ag-row')?.getAttribute('row-id')}|${document.activeElement?.closest('.ag-cell')?.getAttribute('col-id')}`), POLL).toBe('d-500118|y2027');
      await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2026')), POLL).toBe('2,468');
    } finally {
      await slow.stop();
    }
  });

  it('an edit costs one request: the undo button and its label follow the answer, no history.status', async () => {
    const p = s.w.page;
    await p.waitForTimeout(500);
    const calls: string[] = [];
    p.on('request', (r) => {
      const m = /\/api\/([\w.]+)$/.exec(r.url());
      if (m?.[1]) calls.push(m[1]);
    });
    await cell(p, GRID, 'd-500117', 'y2025').click();
    await p.keyboard.press('F2');
    await p.keyboard.press('Control+a');
    await p.keyboard.type('1234');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, cell(p, GRID, 'd-500117', 'y2025')), POLL).toBe('1,234');
    await expect.poll(async () => (await p.getByTestId('undo').isEnabled()) && (await text(p, p.getByTestId('history-label'))), POLL).toContain('2025');
    await p.waitForTimeout(500);
    expect(calls).toEqual(['targets.setMany']);
  });
});
