/**
 * The workbench in Chromium against the web host on a fresh plan file: district targets edited,
 * refused, pasted, undone and redone (also after a reload), totals against the stated total, charts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';
import { cell, chartSeries, openTab, pasteText, pinnedCell, text, waitForApp } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };

const GRID = 'targets-grid';

describe('district targets grid (browser)', { timeout: 120_000 }, () => {
  let w: WebSession;
  beforeAll(async () => {
    w = await openWorkbench();
    await waitForApp(w.page);
    await openTab(w.page, 'targets');
    await cell(w.page, GRID, 'd-500116', 'y2027').waitFor();
  }, 200_000);
  afterAll(async () => {
    await w.close();
  });

  it('shows the sum of the districts beside the stated total, and the difference highlighted once they disagree', async () => {
    const p = w.page;
    expect(await text(p, pinnedCell(p, GRID, 0, 'y2027'))).toBe('14,000');
    expect(await text(p, pinnedCell(p, GRID, 1, 'y2027'))).toBe('14,000');
    expect(await text(p, pinnedCell(p, GRID, 2, 'y2027'))).toBe('0');
    await w.screenshot('workbench-targets-initial');
  });

  it('edits 江津区 2027 and keeps it after a reload; totals and the chart follow at once', async () => {
    const p = w.page;
    const before = await chartSeries(p, 'chart-district-bars');
    expect(before).toContain('3000');
    await cell(p, GRID, 'd-500116', 'y2027').click();
    await p.keyboard.type('3,100');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3,100');
    await expect.poll(() => text(p, pinnedCell(p, GRID, 2, 'y2027')), POLL).toBe('+100');
    expect(await pinnedCell(p, GRID, 2, 'y2027').getAttribute('class')).toContain('cell-mismatch');
    await expect.poll(() => chartSeries(p, 'chart-district-bars'), POLL).toContain('3100');
    // Enter moved down, as in Excel.
    expect(await cell(p, GRID, 'd-500117', 'y2027').getAttribute('class')).toContain('ag-cell-focus');
    await w.screenshot('workbench-targets-edited');
    await p.reload();
    await cell(p, GRID, 'd-500116', 'y2027').waitFor();
    expect(await text(p, cell(p, GRID, 'd-500116', 'y2027'))).toBe('3,100');
    expect(await text(p, pinnedCell(p, GRID, 0, 'y2027'))).toBe('14,100');
  });

  it('refuses a value that is not a number, with its message beside the cell; nothing is saved', async () => {
    const p = w.page;
    await cell(p, GRID, 'd-500117', 'y2027').click();
    await p.keyboard.press('F2');
    await p.keyboard.press('Control+a');
    await p.keyboard.type('很多');
    await p.keyboard.press('Enter');
    const bubble = p.getByTestId('cell-error');
    await bubble.waitFor();
    expect(await text(p, bubble)).toContain('“很多”不是有效的数值');
    expect(await cell(p, GRID, 'd-500117', 'y2027').getAttribute('class')).toContain('cell-error');
    expect(await text(p, p.getByTestId('notice').last())).toContain('不是有效的数值');
    await w.screenshot('workbench-targets-refused');
    // A negative revenue is refused too.
    await cell(p, GRID, 'd-500118', 'y2027').click();
    await p.keyboard.type('-5');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, p.getByTestId('cell-error')), POLL).toContain('不能为负数');
    await p.reload();
    await cell(p, GRID, 'd-500117', 'y2027').waitFor();
    expect(await text(p, cell(p, GRID, 'd-500117', 'y2027'))).toBe('1,600');
    expect(await text(p, cell(p, GRID, 'd-500118', 'y2027'))).toBe('3,300');
  });

  it('pastes a 3×2 block from Excel at the focused cell as one step; undo and redo it, also after a reload', async () => {
    const p = w.page;
    await cell(p, GRID, 'd-500116', 'y2025').click();
    await pasteText(p, GRID, '2,200\t2,600\r\n1200\t1400\r\n2500\t2900\r\n');
    await expect.poll(() => text(p, cell(p, GRID, 'd-500118', 'y2026')), POLL).toBe('2,900');
    expect(await text(p, cell(p, GRID, 'd-500116', 'y2025'))).toBe('2,200');
    expect(await text(p, cell(p, GRID, 'd-500117', 'y2026'))).toBe('1,400');
    expect(await text(p, pinnedCell(p, GRID, 0, 'y2025'))).toBe('5,900');
    // The rows now have two values: the implied growth appears.
    expect(await text(p, cell(p, GRID, 'd-500116', 'cagr'))).toMatch(/%$/);
    expect(await cell(p, GRID, 'd-500117', 'y2025').getAttribute('class')).toContain('cell-selected');
    await expect.poll(() => chartSeries(p, 'chart-trajectory'), POLL).toContain('2200');
    await w.screenshot('workbench-targets-pasted');

    await p.getByTestId('undo').click();
    await expect.poll(() => text(p, cell(p, GRID, 'd-500118', 'y2026')), POLL).toBe('');
    expect(await text(p, cell(p, GRID, 'd-500116', 'y2025'))).toBe('');
    await p.getByTestId('redo').click();
    await expect.poll(() => text(p, cell(p, GRID, 'd-500118', 'y2026')), POLL).toBe('2,900');

    // After a reload the undo stack is still there (it lives in the plan file): Ctrl+Z, Ctrl+Y.
    await p.reload();
    await cell(p, GRID, 'd-500116', 'y2025').click();
    await p.keyboard.press('Control+z');
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2025')), POLL).toBe('');
    await p.keyboard.press('Control+z');
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3,000');
    await p.reload();
    await cell(p, GRID, 'd-500116', 'y2027').waitFor();
    expect(await text(p, cell(p, GRID, 'd-500116', 'y2027'))).toBe('3,000');
    await cell(p, GRID, 'd-500116', 'y2025').click();
    await p.keyboard.press('Control+y');
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3,100');
    await w.screenshot('workbench-targets-after-undo-redo');
  });

  it('refuses a whole pasted block when one cell is bad, naming the cell; nothing is applied', async () => {
    const p = w.page;
    await cell(p, GRID, 'd-500111', 'y2024').click();
    await pasteText(p, GRID, '100\t200\r\n300\tabc\r\n');
    await p.getByTestId('cell-error-list').waitFor();
    expect(await text(p, p.getByTestId('cell-error-list'))).toContain('“abc”不是有效的数值');
    expect(await text(p, cell(p, GRID, 'd-500111', 'y2024'))).toBe('');
    expect(await cell(p, GRID, 'd-500120', 'y2025').getAttribute('class')).toContain('cell-error');
    await w.screenshot('workbench-targets-paste-refused');
  });

  it('copies a selected block out as tab-separated text', async () => {
    const p = w.page;
    // Shift+arrows right after the click: the block starts at the clicked cell at once (sheet.ts onPointerDown).
    await cell(p, GRID, 'd-500116', 'y2026').click();
    await p.keyboard.press('Shift+ArrowDown');
    await p.keyboard.press('Shift+ArrowRight');
    const copied = await p.evaluate(() => {
      const dt = new DataTransfer();
      document.activeElement?.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return dt.getData('text/plain');
    });
    // (the pasted block was undone above; 3,100 was redone)
    expect(copied).toBe('\t3100\r\n\t1600');
  });

  it('enters actual values with the 目标/实际 switch, shown beside the targets in the bar chart', async () => {
    const p = w.page;
    await p.getByTestId('kind-actual').click();
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('');
    await cell(p, GRID, 'd-500116', 'y2024').click();
    await p.keyboard.type('2050');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2024')), POLL).toBe('2,050');
    await p.getByTestId('chart-year').selectOption('2024');
    await expect.poll(() => chartSeries(p, 'chart-district-bars'), POLL).toContain('2050');
    await w.screenshot('workbench-targets-actual');
  });
  it('clears the selected cells with Delete (one undoable step)', async () => {
    const p = w.page;
    await cell(p, GRID, 'd-500116', 'y2024').click();
    await p.keyboard.press('Delete');
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2024')), POLL).toBe('');
    await p.keyboard.press('Control+z');
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2024')), POLL).toBe('2,050');
    await p.getByTestId('kind-target').click();
    await expect.poll(() => text(p, cell(p, GRID, 'd-500116', 'y2027')), POLL).toBe('3,100');
  });

  it('saves a chart as PNG', async () => {
    const p = w.page;
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('chart-district-bars-png').click()]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const file = await download.path();
    const fs = await import('node:fs');
    expect(fs.readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });

  it('selects the cell a link names (the focus parameter the consistency checks use)', async () => {
    const p = w.page;
    await openTab(p, 'overview');
    await openTab(p, 'targets', 'indicator=p-yufu-2023-13/i/revenue&row=district:d-500120&year=2026');
    await expect.poll(async () => (await cell(p, GRID, 'd-500120', 'y2026').getAttribute('class')) ?? '', POLL).toContain('ag-cell-focus');
  });

  it('speaks English when asked, numbers still grouped', async () => {
    const p = w.page;
    await p.locator('header select').selectOption('en');
    await p.getByText('Sum of districts').waitFor();
    expect(await text(p, p.locator('[data-testid="targets-grid"] .ag-header-cell[col-id="cagr"]'))).toContain('Implied CAGR');
    expect(await text(p, pinnedCell(p, GRID, 0, 'y2027'))).toMatch(/^14,\d00$/);
    await w.screenshot('workbench-targets-en');
    await p.locator('header select').selectOption('zh-CN');
  });
});

describe('clusters grid (browser)', { timeout: 120_000 }, () => {
  let w: WebSession;
  beforeAll(async () => {
    w = await openWorkbench();
    await waitForApp(w.page);
    await openTab(w.page, 'clusters');
    await cell(w.page, 'clusters-grid', 'p-yufu-2023-13/c/1', 'targetValue').waitFor();
  }, 200_000);
  afterAll(async () => {
    await w.close();
  });

  it('shows the clusters’ 14,100 against the stated 14,000 with +100, and their shares', async () => {
    const p = w.page;
    expect(await text(p, pinnedCell(p, 'clusters-grid', 0, 'targetValue'))).toBe('14,100');
    expect(await text(p, pinnedCell(p, 'clusters-grid', 2, 'targetValue'))).toBe('+100');
    expect(await text(p, cell(p, 'clusters-grid', 'p-yufu-2023-13/c/1', 'share'))).toBe('28.57%');
    await w.screenshot('workbench-clusters');
    await cell(p, 'clusters-grid', 'p-yufu-2023-13/c/9', 'targetValue').click();
    await p.keyboard.type('500');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, pinnedCell(p, 'clusters-grid', 2, 'targetValue')), POLL).toBe('0');
    await expect.poll(() => chartSeries(p, 'chart-cluster-share'), POLL).toContain('500');
  });
});
