/**
 * The task ledger as the grid shows it — with its filters, every matching row, not just the page on
 * screen — as .xlsx or CSV, in the same columns as the workbook's 任务台账 sheet (so it imports back).
 */
import type { StoreContext } from '../context.ts';
import type { TaskFilter } from '../../contract/operations.ts';
import { listTasks } from '../tasks/handlers.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { TASK_COLUMNS, taskCell, tasksTitle } from './xlsx/layout.ts';
import { exportTable, type TableValue } from './table.ts';

const PAGE = 2000;

export function filteredLedgerRows(ctx: StoreContext, planId: string, filter: TaskFilter): TableValue[][] {
  const rows: TableValue[][] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = listTasks(ctx, { planId, filter, offset, limit: PAGE });
    for (const t of page.rows) rows.push(TASK_COLUMNS.map((c) => taskCell(t, c.key)));
    if (page.rows.length < PAGE) return rows;
  }
}

export async function exportLedger(
  ctx: StoreContext,
  input: { planId: string; filter: TaskFilter; format: 'xlsx' | 'csv' },
  onProgress?: (done: number, total: number) => void,
): Promise<{ title: string; bytes: Buffer }> {
  const plan = getPlanRow(ctx, input.planId);
  const title = tasksTitle(plan.title);
  const rows = filteredLedgerRows(ctx, input.planId, input.filter);
  const bytes = await exportTable({ title, format: input.format, columns: TASK_COLUMNS.map((c) => ({ header: c.header })), rows }, onProgress);
  return { title, bytes };
}
