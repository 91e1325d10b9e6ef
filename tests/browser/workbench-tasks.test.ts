/** The task ledger and the per-department view in Chromium against the web host on a fresh plan file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';
import { chartSeries, openTab, text, waitForApp } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };

const GRID = 'tasks-grid';
const T = (n: string) => `p-yufu-2023-13/t/${n}`;
const taskCell = (w: WebSession, grid: string, id: string, col: string) => w.page.locator(`[data-testid="${grid}"] .ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`).first();

describe('task ledger (browser)', { timeout: 120_000 }, () => {
  let w: WebSession;
  beforeAll(async () => {
    w = await openWorkbench();
    await waitForApp(w.page);
    await openTab(w.page, 'tasks');
    await taskCell(w, GRID, T('4-1'), 'title').waitFor();
  }, 200_000);
  afterAll(async () => {
    await w.close();
  });

  it('filters by lead department; the charts follow the filter', async () => {
    const p = w.page;
    await expect.poll(() => text(p, p.getByTestId('task-total')), POLL).toContain('共 21 项任务');
    const before = await chartSeries(p, 'chart-status-by-lead');
    const finance = await p.getByTestId('filter-leadDepartmentId').locator('option', { hasText: /^市财政局（1）$/ }).getAttribute('value');
    await p.getByTestId('filter-leadDepartmentId').selectOption(finance!);
    await expect.poll(() => text(p, p.getByTestId('task-total')), POLL).toContain('共 1 项任务');
    await taskCell(w, GRID, T('7-2'), 'title').waitFor();
    expect(await text(p, taskCell(w, GRID, T('7-2'), 'leadDepartments'))).toContain('市财政局');
    await expect.poll(() => chartSeries(p, 'chart-status-by-lead'), POLL).not.toBe(before);
    await w.screenshot('workbench-tasks-filtered');
    await p.getByTestId('filter-leadDepartmentId').selectOption('');
    await expect.poll(() => text(p, p.getByTestId('task-total')), POLL).toContain('共 21 项任务');
    await p.getByTestId('filter-search').fill('招商');
    await expect.poll(() => text(p, p.getByTestId('task-total')), POLL).not.toContain('21');
    await p.getByTestId('filter-search').fill('');
    await expect.poll(() => text(p, p.getByTestId('task-total')), POLL).toContain('共 21 项任务');
  });

  it('edits a deadline (a past one is highlighted as overdue) and refuses one outside the plan period', async () => {
    const p = w.page;
    await taskCell(w, GRID, T('4-2'), 'deadline').click();
    await p.keyboard.type('2023-06');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, taskCell(w, GRID, T('4-2'), 'deadline')), POLL).toBe('2023-06');
    await expect.poll(async () => (await p.locator(`[data-testid="${GRID}"] .ag-row[row-id="${T('4-2')}"]`).first().getAttribute('class')) ?? '', POLL).toContain('row-overdue');
    await taskCell(w, GRID, T('4-3'), 'deadline').click();
    await p.keyboard.type('2031-01');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, p.getByTestId('cell-error')), POLL).toContain('超出规划期');
    expect(await text(p, taskCell(w, GRID, T('4-3'), 'deadline'))).toBe('2027-12');
    await w.screenshot('workbench-tasks-overdue-and-refused');
  });

  it('chooses lead units from the department list; an alias resolves to its department', async () => {
    const p = w.page;
    await taskCell(w, GRID, T('4-4'), 'leadDepartments').dblclick();
    const editor = p.getByTestId('names-editor');
    await editor.waitFor();
    await editor.locator('input').first().fill('市人社局');
    await editor.locator('input').first().press('Enter');
    await w.screenshot('workbench-tasks-units-editor');
    await p.getByTestId('names-ok').click();
    await expect.poll(() => text(p, taskCell(w, GRID, T('4-4'), 'leadDepartments')), POLL).toBe('市经济信息委、市人力社保局');
  });

  it('pastes status and progress for two tasks as one step', async () => {
    const p = w.page;
    await taskCell(w, GRID, T('5-1'), 'status').click();
    await p.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '进行中\t已完成项目可研\r\n滞后\t"资金未到位，\n待协调"\r\n');
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => text(p, taskCell(w, GRID, T('5-2'), 'status')), POLL).toBe('滞后');
    expect(await text(p, taskCell(w, GRID, T('5-1'), 'progress'))).toBe('已完成项目可研');
    expect(await text(p, taskCell(w, GRID, T('5-2'), 'progress'))).toContain('资金未到位');
  });

  it('adds a task, deletes tasks with confirmation, and undoes the delete', async () => {
    const p = w.page;
    await taskCell(w, GRID, T('4-1'), 'title').click();
    await p.getByTestId('task-add').click();
    await expect.poll(() => text(p, p.getByTestId('task-total')), POLL).toContain('共 22 项任务');
    await p.keyboard.press('Escape');
    // Shift+ArrowDown right after the click: the block starts at 4-5 at once (sheet.ts onPointerDown).
    await taskCell(w, GRID, T('4-5'), 'title').click();
    await p.keyboard.press('Shift+ArrowDown');
    p.once('dialog', (d) => void d.accept());
    await p.getByTestId('task-delete').click();
    await expect.poll(() => text(p, p.getByTestId('task-total')), POLL).toContain('共 20 项任务');
    await w.screenshot('workbench-tasks-deleted');
    await p.getByTestId('undo').click();
    await expect.poll(() => text(p, p.getByTestId('task-total')), POLL).toContain('共 22 项任务');
    await taskCell(w, GRID, T('4-6'), 'title').waitFor();
  });

  it('scrolls to and selects the task a link names (task=ID&field=deadline)', async () => {
    const p = w.page;
    await openTab(p, 'overview');
    await openTab(p, 'tasks', `task=${T('7-3')}&field=deadline`);
    await expect.poll(async () => (await taskCell(w, GRID, T('7-3'), 'deadline').getAttribute('class')) ?? '', POLL).toContain('ag-cell-focus');
  });

  it('lists every task a department leads or helps with in the per-department view', async () => {
    const p = w.page;
    await openTab(p, 'departments');
    await p.getByTestId('dept-list').waitFor();
    await p.getByTestId('dept-市科技局').click();
    await expect.poll(() => text(p, p.getByTestId('dept-heading')), POLL).toContain('市科技局');
    const heading = await text(p, p.getByTestId('dept-heading'));
    const m = /牵头 (\d+) 项，参与 (\d+) 项/.exec(heading);
    expect(m).not.toBeNull();
    const total = Number(m![1]) + Number(m![2]);
    await expect.poll(() => text(p, p.getByTestId('task-total')), POLL).toContain(`共 ${total} 项任务`);
    await taskCell(w, 'dept-tasks-grid', T('7-2'), 'role').waitFor();
    expect(await text(p, taskCell(w, 'dept-tasks-grid', T('7-2'), 'role'))).toBe('牵头');
    expect(await text(p, taskCell(w, 'dept-tasks-grid', T('5-1'), 'role'))).toBe('参与');
    await w.screenshot('workbench-departments');
  });
});
