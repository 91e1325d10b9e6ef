/**
 * One side of the transfer benchmark, run in its own process so its peak memory (maxRSS) is its own:
 * `tsx bench/transfer-child.ts <ours-export|raw-write|ours-import|raw-read|reader|raw-parse> DB XLSX` prints
 * {"ms":…,"peakRssMb":…}. `stall-xlsx|stall-csv DB OUT` runs the export job as a host does (through
 * the dispatcher, polled by jobs.status), makes 50 edits meanwhile, and also reports the event loop's
 * longest stall during the job and, as the baseline, while the same process sits idle.
 * Worker threads run from the bundled copies in build/node/workers, as the CLI, the web host and
 * the desktop app run them (not from the TypeScript sources through tsx).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { openStore } from '../db/store.ts';
import { exportPlanXlsx } from '../db/export/xlsx/export-plan.ts';
import { applyImportFile } from '../db/import/run.ts';
import { readSpreadsheet } from '../db/import/read.ts';
import { useBundledWorkers } from '../db/workers.ts';
import { rawXlsxRead } from './raw-xlsx-read.ts';
import { planTasks } from '../db/export/queries.ts';
import { TASK_COLUMNS, taskCell } from '../db/export/xlsx/layout.ts';
import { BIG_PLAN_ID } from './generate.ts';

const [mode, dbFile, xlsxFile] = process.argv.slice(2);
if (!mode || !dbFile || !xlsxFile) throw new Error('usage: transfer-child.ts MODE DB XLSX');
// Workers run as users run them: the bundled copies (transfer.bench.ts builds them first).
useBundledWorkers(fileURLToPath(new URL('../build/node/workers', import.meta.url)));

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

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Longest event-loop delay (ms) and its 99th percentile while `during` runs (perf_hooks). */
async function stalls<T>(during: () => Promise<T>): Promise<{ maxStallMs: number; p99Ms: number; value: T }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await pause(20); // let the histogram's timer start before the work does
  const value = await during();
  h.disable();
  return { maxStallMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, value };
}

if (mode === 'stall-xlsx' || mode === 'stall-csv') {
  const store = openStore(dbFile);
  const idle = await stalls(() => pause(2000));
  const t0 = process.hrtime.bigint();
  const run = await stalls(async () => {
    const started = store.call(mode === 'stall-xlsx' ? 'export.planXlsx' : 'export.tasks', mode === 'stall-xlsx' ? { planId: BIG_PLAN_ID } : { planId: BIG_PLAN_ID, filter: {}, format: 'csv' });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value as { jobId: string };
    let editsOk = 0;
    let edits = 0;
    for (;;) {
      const s = store.call('jobs.status', { jobId });
      if (!s.ok) throw new Error(s.error.message);
      const job = s.value as { state: string; file: { dataBase64: string } | null; error: { message: string } | null };
      if (job.state !== 'running') {
        if (!job.file) throw new Error(job.error?.message ?? 'no file');
        fs.writeFileSync(xlsxFile, Buffer.from(job.file.dataBase64, 'base64'));
        return { edits, editsOk };
      }
      if (edits < 50) {
        edits++;
        if (store.call('tasks.update', { taskId: `bt-${edits * 1999}`, patch: { title: `基准测试中改过${edits}` } }).ok) editsOk++;
      }
      await pause(20);
    }
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  store.close();
  process.stdout.write(
    `${JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024, maxStallMs: run.maxStallMs, p99Ms: run.p99Ms, idleMaxMs: idle.maxStallMs, ...run.value })}\n`,
  );
  process.exit(0);
}

const store = openStore(dbFile, { readonly: mode === 'raw-write' || mode === 'raw-read' || mode === 'reader' || mode === 'raw-parse' });
// Inputs a raw baseline needs are prepared before the clock starts; ours start from the plan file.
const cells = mode === 'raw-write' ? [...planTasks(store.ctx, BIG_PLAN_ID)].map((t) => TASK_COLUMNS.map((c) => taskCell(t, c.key))) : [];
const bytes = mode === 'ours-import' || mode === 'reader' || mode === 'raw-parse' ? fs.readFileSync(xlsxFile) : Buffer.alloc(0);
let cellsRead = 0;
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
if (mode === 'ours-export') fs.writeFileSync(xlsxFile, await exportPlanXlsx(store.ctx, BIG_PLAN_ID));
else if (mode === 'raw-write') await rawWrite(cells);
else if (mode === 'ours-import') await applyImportFile(store.ctx, BIG_PLAN_ID, bytes, 'bench.xlsx');
else if (mode === 'raw-read') await rawRead();
else if (mode === 'reader') cellsRead = (await readSpreadsheet(bytes, 'bench.xlsx')).reduce((n, s) => n + s.rows.reduce((m, r) => m + r.cells.length, 0), 0);
else if (mode === 'raw-parse') cellsRead = (await rawXlsxRead(bytes)).reduce((n, s) => n + s.reduce((m, r) => m + r.length, 0), 0);
else throw new Error(`unknown mode ${mode}`);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
store.close();
process.stdout.write(`${JSON.stringify({ ms, cpuMs, peakRssMb: process.resourceUsage().maxRSS / 1024, cellsRead })}\n`);
