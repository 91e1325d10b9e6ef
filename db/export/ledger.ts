/**
 * The task ledger as the grid shows it — with its filters, every matching row, not just the page on
 * screen — as .xlsx or CSV, in the same columns as the workbook's 任务台账 sheet (so it imports back).
 * Read from a read snapshot in time slices (queries.ts taskStream), so it shows the ledger as it was
 * when asked for and other calls are answered while it is written. The workbook says under its title
 * which filter chose the rows (filter-note.ts).
 */
import { withReadSnapshot, type StoreContext } from '../context.ts';
import type { TaskFilter } from '../../contract/operations.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { taskQueries } from '../tasks/queries.ts';
import { filterParams } from '../tasks/handlers.ts';
import { LEDGER_COLUMNS, ledgerCell, tasksTitle } from './xlsx/layout.ts';
import { filterNote } from './filter-note.ts';
import { exportTable } from './table.ts';
import { taskStream } from './queries.ts';
import { Slicer } from '../jobs/jobs.ts';

export async function exportLedger(
  ctx: StoreContext,
  input: { planId: string; filter: TaskFilter; format: 'xlsx' | 'csv' },
  onProgress?: (done: number, total: number) => void,
): Promise<{ title: string; bytes: Buffer }> {
  return withReadSnapshot(ctx, async (snap) => {
    const plan = getPlanRow(snap, input.planId);
    const title = tasksTitle(plan.title);
    const total = taskQueries(snap.db).count.get(filterParams(snap, input.planId, input.filter))?.n ?? 0;
    const slice = new Slicer();
    const rows = async function* () {
      for await (const t of taskStream(snap, input.planId, slice, input.filter)) yield LEDGER_COLUMNS.map((c) => ledgerCell(t, c.key));
    };
    const columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, minWidth: c.minWidth, maxWidth: c.maxWidth, wrap: c.wrap ?? false, ...(c.hidden ? { hidden: true } : {}) }));
    const subtitle = filterNote(snap, input.filter, total);
    const bytes = await exportTable({ title, subtitle, format: input.format, columns, rows: rows(), total }, onProgress, slice);
    return { title, bytes };
  });
}
