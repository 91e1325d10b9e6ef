/**
 * One side of the transfer benchmark, run in its own process so its peak memory (maxRSS) is its own:
 * `tsx bench/transfer-child.ts <ours-export|raw-write|ours-import|raw-read> DB XLSX` prints
 * {"ms":…,"peakRssMb":…}.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { openStore } from '../db/store.ts';
import { exportPlanXlsx } from '../db/export/xlsx/export-plan.ts';
import { applyImportFile } from '../db/import/run.ts';
import { planTasks } from '../db/export/queries.ts';
import { TASK_COLUMNS, taskCell } from '../db/export/xlsx/layout.ts';
import { BIG_PLAN_ID } from './generate.ts';

const [mode, dbFile, xlsxFile] = process.argv.slice(2);
if (!mode || !dbFile || !xlsxFile) throw new Error('usage: transfer-child.ts MODE DB XLSX');

async function rawWrite(cells: string[][]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxFile, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('任务台账');
  ws.addRow(TASK_COLUMNS.map((c) => c.header)).commit();
  for (const r of cells) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

async function rawRead(): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsxFile!, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const ws of reader) for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) n += (row.values as unknown[]).length;
  return n;
}

const store = openStore(dbFile, { readonly: mode === 'raw-write' || mode === 'raw-read' });
// Inputs a raw baseline needs are prepared before the clock starts; ours start from the plan file.
const cells = mode === 'raw-write' ? [...planTasks(store.ctx, BIG_PLAN_ID)].map((t) => TASK_COLUMNS.map((c) => taskCell(t, c.key))) : [];
const bytes = mode === 'ours-import' ? fs.readFileSync(xlsxFile) : Buffer.alloc(0);
const t0 = process.hrtime.bigint();
if (mode === 'ours-export') fs.writeFileSync(xlsxFile, await exportPlanXlsx(store.ctx, BIG_PLAN_ID));
else if (mode === 'raw-write') await rawWrite(cells);
else if (mode === 'ours-import') await applyImportFile(store.ctx, BIG_PLAN_ID, bytes, 'bench.xlsx');
else if (mode === 'raw-read') await rawRead();
else throw new Error(`unknown mode ${mode}`);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
store.close();
process.stdout.write(`${JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
