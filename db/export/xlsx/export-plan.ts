/**
 * A whole plan as one workbook to hand on: 概况, one sheet per target matrix (districts or clusters ×
 * years, unit in the header, totals row) and 目标原文 (their wording, wording-sheet.ts), 产业集群, 指标, 任务台账,
 * 一致性检查 (when findings exist) and 图表 (chart pictures). Streams: tasks are read one by one from a read snapshot (db/context.ts) and
 * each row is written as it comes, in time slices (jobs.ts Slicer) so other calls are answered
 * meanwhile; the workbook shows the plan as it was when the snapshot was taken.
 */
import { withReadSnapshot, type StoreContext } from '../../context.ts';
import { Dec } from '../../../domain/numbers.ts';
import { getPlanOverview } from '../../plans/handlers.ts';
import { taskStream } from '../queries.ts';
import { Slicer } from '../../jobs/jobs.ts';
import type { Task } from '../../../contract/entities.ts';
import {
  LEDGER_COLUMNS, MATRIX, SHEET, TOTAL_LABEL, decimalCell, fitWidth, isAdditiveUnit, withLongest, ledgerCell, matrixTitle, sheetName,
  tasksTitle, yearHeader,
} from './layout.ts';
import { SheetWriter, newWorkbook, type CellOut, type SheetColumn } from './sheet-writer.ts';
import { planHeaderRows, writeDistrictSheet } from './plan-sheets.ts';
import { planMatrices, type MatrixData } from './matrix-data.ts';
import { addPictures, pngSize } from './images.ts';
import { planChartImages, type ChartImage } from './chart-images.ts';
import { PlanNotes } from './comments.ts';
import { exportedBy, planLocalTime } from '../local-time.ts';
import { COMPLETION_COLUMNS, completionRows } from '../completion.ts';
import { writeCatalogSheets } from './catalog-sheets.ts';
import { writeWordingSheet, type WordingEntry } from './wording-sheet.ts';

export interface FindingRow {
  level: string;
  subject: string;
  message: string;
}

export interface PlanExportOptions {
  /** called when the chart pictures could not be drawn (the 图表 sheet then says why) */
  onChartsFailed?: (reason: string) => void;
  /** consistency findings of the plan (db/export/findings.ts) */
  findings?: readonly FindingRow[];
  onProgress?: (done: number, total: number) => void;
  /** rows sampled for the ledger's column widths */
  pageSize?: number;
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function valueCell(t: { value: string | null; text: string | null } | undefined): CellOut {
  if (!t) return null;
  if (t.value !== null) return decimalCell(t.value);
  return t.text;
}

/** Writes one matrix sheet; returns the wording of its number cells that have one, for the 目标原文 sheet (wording-sheet.ts). */
function writeMatrix(wb: ReturnType<typeof newWorkbook>['wb'], m: MatrixData, taken: Set<string>, notes?: PlanNotes): WordingEntry[] {
  const unit = m.indicator.unit;
  const names = m.rows.map((r) => r.name);
  const name = sheetName(`${MATRIX[m.scope].prefix}-${m.indicator.name}`, taken);
  const sheet = new SheetWriter(wb, {
    name,
    title: matrixTitle(m.scope, m.indicator.name, unit),
    columns: [
      { header: MATRIX[m.scope].header, width: fitWidth({ header: MATRIX[m.scope].header, minWidth: 10, maxWidth: 30 }, [...names, TOTAL_LABEL]) },
      ...m.years.map((y) => ({ header: yearHeader(y, unit), width: Math.max(12, yearHeader(y, unit).length * 2) })),
    ],
  });
  for (const r of m.rows) sheet.addRow([r.name, ...m.years.map((y) => valueCell(r.cells.get(y)))], { notes: notes?.matrixRow(m, r) });
  if (isAdditiveUnit(unit) && m.rows.length > 1) {
    const first = sheet.firstDataRow;
    const last = sheet.lastRow;
    const totals: CellOut[] = m.years.map((y, i) => {
      const values = m.rows.map((r) => r.cells.get(y)?.value).filter((v): v is string => v !== null && v !== undefined);
      if (!values.length) return null;
      const sum = values.reduce((acc, v) => acc.plus(v), new Dec(0));
      const col = colLetter(i + 2);
      return { formula: `SUM(${col}${first}:${col}${last})`, result: Number(sum.toFixed()) };
    });
    sheet.addRow([TOTAL_LABEL, ...totals], { bold: true });
  }
  sheet.commit();
  // a cell without a number already holds its wording (valueCell); every other wording goes beside it
  return m.rows.flatMap((r) => m.years.flatMap((year) => {
    const t = r.cells.get(year);
    return t && t.value !== null && t.text !== null ? [{ table: name, indicator: m.indicator.name, label: r.name, year, text: t.text }] : [];
  }));
}

/** The ledger's columns, their widths fitted to the sampled tasks (the page fit is the writer's, print.ts). */
export function ledgerSheetColumns(sample: readonly Task[]): SheetColumn[] {
  return LEDGER_COLUMNS.map((c) => ({
    header: c.header,
    width: fitWidth(c, sample.map((t) => ledgerCell(t, c.key))),
    minWidth: c.minWidth,
    ...withLongest(sample.map((t) => ledgerCell(t, c.key))),
    wrap: c.wrap ?? false,
    ...(c.hidden ? { hidden: true } : {}),
  }));
}

/** Reads from a read snapshot: `ctx` itself when it is one, else one opened for this export. */
export function exportPlanXlsx(ctx: StoreContext, planId: string, options: PlanExportOptions = {}): Promise<Buffer> {
  return withReadSnapshot(ctx, (snap) => writePlan(snap, planId, options));
}

async function writePlan(ctx: StoreContext, planId: string, options: PlanExportOptions): Promise<Buffer> {
  const slice = new Slicer();
  const overview = getPlanOverview(ctx, planId);
  const p = overview.plan;
  // The chart pictures are drawn in a worker thread while the sheets below are written.
  const drawn: Promise<ChartImage[] | { failed: string }> = planChartImages(ctx, planId).catch((e: unknown) => ({
    failed: e instanceof Error ? e.message : String(e),
  }));
  const total = overview.taskCount + 10;
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(Math.min(done, total), total);
  };
  const { wb, bytes } = newWorkbook();
  wb.title = p.title;
  const taken = new Set<string>();

  // 概况
  const info: [string, string][] = [
    // the header (and origin) rows the import reads back: plan-sheets.ts
    ...planHeaderRows(ctx, overview),
    ['区县数', String(overview.districts.length)],
    ['产业集群数', String(overview.clusters.length)],
    ['指标数', String(overview.indicators.length)],
    ['任务数', String(overview.taskCount)],
    ['导出人', exportedBy(ctx)],
    ['导出时间', planLocalTime(ctx, ctx.now())],
  ];
  const ov = new SheetWriter(wb, {
    name: sheetName(SHEET.overview, taken),
    title: p.title,
    columns: [
      { header: '项目', width: 14 },
      { header: '内容', width: fitWidth({ header: '内容', minWidth: 20, maxWidth: 80 }, info.map(([, v]) => v)), wrap: true },
    ],
  });
  for (const row of info) ov.addRow(row);
  ov.commit();
  progress(1);
  writeDistrictSheet(wb, overview, taken);

  // Target matrices
  const notes = new PlanNotes(ctx, planId);
  const wordings = planMatrices(ctx, planId).flatMap((m) => writeMatrix(wb, m, taken, notes));
  writeWordingSheet(wb, p.title, wordings, taken);
  progress(1);

  // 产业集群, 指标, 部门 (catalog-sheets.ts)
  writeCatalogSheets(ctx, wb, p, overview, taken);

  // 任务台账 (always there, even empty: it is the template districts fill in)
  {
    const pageSize = options.pageSize ?? 2000;
    const tasks = taskStream(ctx, planId, slice);
    const firstPage: Task[] = [];
    while (firstPage.length < pageSize) {
      const next = await tasks.next();
      if (next.done) break;
      firstPage.push(next.value);
    }
    const ts = new SheetWriter(wb, {
      name: sheetName(SHEET.tasks, taken),
      title: tasksTitle(p.title),
      columns: ledgerSheetColumns(firstPage),
    });
    const write = (t: Task) => ts.addRow(LEDGER_COLUMNS.map((c) => ledgerCell(t, c.key)), { notes: notes.taskRow(t.id) });
    let n = 0;
    const all = async function* () {
      yield* firstPage;
      yield* tasks;
    };
    for await (const t of all()) {
      write(t);
      n++;
      if (slice.due) {
        progress(n);
        n = 0;
        await slice.pause();
      }
    }
    progress(n);
    ts.commit();
  }

  // 完成情况 (actuals, completion, 赛马 ranking), when any indicator has district or cluster figures
  {
    const rows = completionRows(ctx, planId);
    if (rows.length) {
      const sample = rows.slice(0, 500);
      const sheet = new SheetWriter(wb, {
        name: sheetName(SHEET.completion, taken),
        title: `${p.title} — 完成情况`,
        subtitle: '各指标分区县（集群）逐年目标、实际、完成率与赛马排名；实际为“截至某季度”时完成率按序时进度计',
        columns: COMPLETION_COLUMNS.map((c, i) => ({
          header: c.header,
          width: fitWidth(c, sample.map((r) => (r[i] === null || r[i] === undefined ? '' : String(r[i])))),
          minWidth: c.minWidth,
          wrap: 'wrap' in c ? c.wrap : false,
          ...(c.header === '年份' || c.header === '赛马排名' ? { numFmt: '0' } : {}),
        })),
      });
      for (const r of rows) {
        sheet.addRow(r);
        if (slice.due) await slice.pause();
      }
      sheet.commit();
    }
  }

  // 一致性检查
  if (options.findings && options.findings.length) {
    const f = options.findings;
    const fs = new SheetWriter(wb, {
      name: sheetName(SHEET.findings, taken),
      title: `${p.title} — 一致性检查结果`,
      columns: [
        { header: '序号', width: 6 },
        { header: '级别', width: 8 },
        { header: '对象', width: fitWidth({ header: '对象', minWidth: 12, maxWidth: 40 }, f.map((x) => x.subject)), wrap: true },
        { header: '问题', width: fitWidth({ header: '问题', minWidth: 20, maxWidth: 80 }, f.map((x) => x.message)), wrap: true },
      ],
    });
    f.forEach((x, i) => fs.addRow([i + 1, x.level, x.subject, x.message]));
    fs.commit();
  }

  notes.writeSheet(wb, p.title, taken);

  // 图表
  const result = await drawn;
  const chartsFailed = 'failed' in result ? result.failed : null;
  if (chartsFailed !== null) options.onChartsFailed?.(chartsFailed);
  const charts = 'failed' in result ? [] : result.filter((c) => pngSize(c.png));
  const cs = new SheetWriter(wb, { name: sheetName(SHEET.charts, taken), title: `${p.title} — 图表`, columns: [{ header: '图表', width: 100 }] });
  if (chartsFailed !== null) cs.addRow([`图表图片未能生成：${chartsFailed}`]);
  else if (!charts.length) cs.addRow(['本规划没有分区县目标，也没有任务，无图表可画。']);
  // Each chart below its caption, on a printed page of its own.
  const pictures = charts.map((c, i) => {
    const row = cs.addRow([c.title], { bold: true }); // 1-based number of the caption = 0-based index of the row below
    const rowsTaken = Math.ceil(c.size.height / 20) + 1;
    for (let k = 0; k < rowsTaken; k++) cs.addRow([null], { pageBreakAfter: k === rowsTaken - 1 && i < charts.length - 1 });
    return { png: c.png, row, col: 0, widthPx: c.size.width, heightPx: c.size.height, name: c.title };
  });
  addPictures(wb, cs.ws, pictures);
  cs.commit();
  progress(1);

  await wb.commit();
  options.onProgress?.(total, total);
  return bytes;
}
