/**
 * Versions in Chromium against the web host: save a version, edit three cells and delete a task in
 * the task ledger (through the grid), save again, compare with the previous version and see exactly
 * those changes, and export them (a job) as a workbook read back with openpyxl; open a cell's history;
 * restore the previous version and see the old values.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';
import { openTab, text, waitForApp } from './workbench-helpers.ts';
import { openpyxlSummary } from '../helpers/transfer.ts';

const POLL = { timeout: 20_000, interval: 100 };
const GRID = 'tasks-grid';
const T = (n: string) => `p-yufu-2023-13/t/${n}`;

describe('plan versions (browser)', { timeout: 180_000 }, () => {
  let w: WebSession;
  const cell = (id: string, col: string) => w.page.locator(`[data-testid="${GRID}"] .ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`).first();
  const before: Record<string, string> = {};

  beforeAll(async () => {
    w = await openWorkbench();
    await waitForApp(w.page);
  }, 200_000);
  afterAll(async () => {
    await w.close();
  });

  async function saveVersion(name: string) {
    const p = w.page;
    await openTab(p, 'versions');
    await p.getByTestId('ver-name').fill(name);
    await p.getByTestId('ver-save').click();
    await expect.poll(() => text(p, p.getByTestId('ver-list')), POLL).toContain(name);
  }

  /** Edits a cell as a user does: select it, F2 to edit, replace the text, Enter to save. */
  async function typeInto(id: string, col: string, value: string) {
    await cell(id, col).click();
    await w.page.keyboard.press('F2');
    await w.page.keyboard.press('ControlOrMeta+A');
    await w.page.keyboard.insertText(value);
    await w.page.keyboard.press('Enter');
    await expect.poll(() => text(w.page, cell(id, col)), POLL).toBe(value);
  }

  it('saves a version, then edits three cells and deletes a task in the task ledger', async () => {
    const p = w.page;
    await saveVersion('初稿');
    await w.screenshot('versions-saved');
    await openTab(p, 'tasks');
    await cell(T('4-1'), 'title').waitFor();
    for (const [id, col] of [[T('4-2'), 'section'], [T('4-3'), 'progress'], [T('5-1'), 'title']] as const) before[`${id} ${col}`] = await text(p, cell(id, col));
    before.total = await text(p, p.getByTestId('task-total'));
    await typeInto(T('4-2'), 'section', '四、空间布局（调整）');
    await typeInto(T('4-3'), 'progress', '已开工建设');
    await typeInto(T('5-1'), 'title', '改过的任务名称');
    await cell(T('4-5'), 'title').click();
    p.once('dialog', (d) => void d.accept());
    await p.getByTestId('task-delete').click();
    await expect.poll(() => p.locator(`[data-testid="${GRID}"] .ag-row[row-id="${T('4-5')}"]`).count(), POLL).toBe(0);
  });

  it('shows a cell’s history from the grid', async () => {
    const p = w.page;
    await cell(T('4-3'), 'progress').click();
    await p.getByTestId('task-cell-history').click();
    const dialog = p.getByTestId('cell-history');
    await dialog.waitFor();
    await expect.poll(() => text(p, dialog), POLL).toContain('已开工建设');
    expect(await text(p, dialog)).toContain('修改任务');
    await w.screenshot('versions-cell-history');
    await p.getByTestId('cell-history-close').click();
  });

  it('saves a second version and the comparison with the previous one shows exactly those changes', async () => {
    const p = w.page;
    await saveVersion('二稿');
    const from = await p.getByTestId('ver-from').locator('option', { hasText: '初稿' }).getAttribute('value');
    const to = await p.getByTestId('ver-to').locator('option', { hasText: '二稿' }).getAttribute('value');
    await p.getByTestId('ver-from').selectOption(from!);
    await p.getByTestId('ver-to').selectOption(to!);
    await p.getByTestId('ver-compare').click();
    await p.getByTestId('ver-comparison').waitFor();
    const taskSummary = (await p.getByTestId('ver-summary-task').locator('td').allTextContents()).map((s) => s.trim());
    expect(taskSummary.slice(1)).toEqual(['0', '1', '3', '3']);
    for (const other of ['plan', 'plan_district', 'cluster', 'indicator', 'target']) {
      expect((await p.getByTestId(`ver-summary-${other}`).locator('td').allTextContents()).slice(1).map((s) => s.trim())).toEqual(['0', '0', '0', '0']);
    }
    const rows = p.getByTestId('ver-change');
    await expect.poll(() => rows.count(), POLL).toBe(4);
    const kinds = Object.fromEntries(await Promise.all((await rows.all()).map(async (r) => [await r.getAttribute('data-id'), await r.getAttribute('data-kind')])));
    expect(kinds).toEqual({ [T('4-2')]: 'changed', [T('4-3')]: 'changed', [T('5-1')]: 'changed', [T('4-5')]: 'removed' });
    const changed = async (id: string) => text(p, p.locator(`[data-testid="ver-change"][data-id="${id}"] [data-testid="ver-cell"]`));
    expect(await changed(T('4-2'))).toBe(`章节${before[`${T('4-2')} section`]} → 四、空间布局（调整）`);
    expect(await changed(T('4-3'))).toMatch(/^进展.* → 已开工建设$/);
    expect(await changed(T('5-1'))).toBe(`名称${before[`${T('5-1')} title`]} → 改过的任务名称`);
    await p.getByTestId('ver-chart').waitFor();
    await w.screenshot('versions-compare');
    // the full-row view shows the unchanged fields too
    await p.getByTestId('ver-changes-only').uncheck();
    await expect.poll(() => p.locator(`[data-testid="ver-change"][data-id="${T('4-2')}"] tr`).count(), POLL).toBeGreaterThan(5);
    expect(await changed(T('4-2'))).toBe(`章节${before[`${T('4-2')} section`]} → 四、空间布局（调整）`);
    await w.screenshot('versions-compare-full-rows');
    await p.getByTestId('ver-changes-only').check();
    // the export is a job: the button waits for it, then the file downloads and a notice names it
    const download = p.waitForEvent('download');
    await p.getByTestId('ver-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/版本比较-v1-v2\.xlsx$/);
    const saved = path.join(w.dir, 'comparison.xlsx');
    await file.saveAs(saved);
    const book = openpyxlSummary(saved);
    expect(Object.keys(book)).toEqual(['摘要', '任务']);
    // title, the two sides, then the header: 序号 变化 对象 字段 原值 新值 …; one line per changed cell, names not ids
    const sheet = book['任务']!.values;
    expect(sheet[2]!.slice(0, 6)).toEqual(['序号', '变化', '对象', '字段', '原值', '新值']);
    const lines = sheet.slice(3);
    expect(lines.map((r) => r[1]).sort()).toEqual(['修改', '修改', '修改', '删除']);
    expect(lines.find((r) => r[3] === '名称')!.slice(4, 6)).toEqual([before[`${T('5-1')} title`], '改过的任务名称']);
    expect(JSON.stringify(sheet)).not.toContain('p-yufu-2023-13/t/');
    await expect.poll(() => text(p, p.locator('body')), POLL).toContain(`已导出 ${file.suggestedFilename()}`);
    expect(await p.getByTestId('ver-export').isEnabled()).toBe(true);
    await w.screenshot('versions-compare-exported');
  });

  it('restores the previous version (after confirmation) and the grid shows the old values again', async () => {
    const p = w.page;
    p.once('dialog', (d) => void d.accept());
    await p.getByTestId('ver-restore-1').click();
    await expect.poll(() => text(p, p.getByTestId('ver-summary-task')), POLL).toBeTruthy();
    await openTab(p, 'tasks');
    await cell(T('4-5'), 'title').waitFor();
    await expect.poll(() => text(p, cell(T('4-2'), 'section')), POLL).toBe(before[`${T('4-2')} section`]);
    expect(await text(p, cell(T('4-3'), 'progress'))).toBe(before[`${T('4-3')} progress`]);
    expect(await text(p, cell(T('5-1'), 'title'))).toBe(before[`${T('5-1')} title`]);
    expect(await text(p, p.getByTestId('task-total'))).toBe(before.total);
    await w.screenshot('versions-restored');
    // the restore is one undo step
    await p.getByTestId('undo').click();
    await expect.poll(() => text(p, cell(T('4-2'), 'section')), POLL).toBe('四、空间布局（调整）');
  });
});
