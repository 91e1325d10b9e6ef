/**
 * A comparison as an xlsx workbook: a summary sheet, then one sheet per table with changes. Added rows
 * are green and marked 新增, removed rows red, struck through and marked 删除; in changed rows each
 * changed cell is yellow with its old value (and the difference for numbers) in a comment, and the
 * last column lists every change as old → new, so the old values are there without comments too.
 *
 * It runs as a job (versions.exportComparison → jobs.status), like every other export, in two steps:
 * the database is read in ONE synchronous stretch (one consistent state of the plan, no statement left
 * open across an await) into plain rows; then ExcelJS's public streaming writer writes them, yielding
 * to the event loop every PAGE rows so the host keeps answering while a large comparison is written.
 */
import type ExcelJS from 'exceljs';
import type { StoreContext } from '../context.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { specs, type VersionedEntity } from './rows.ts';
import { compareRows } from './diff.ts';
import { Namer, sideOf } from './present.ts';
import { FIELD_LABELS, KIND_LABELS, TABLE_LABELS, fieldLabel } from './labels.ts';
import type { Side } from './diff.ts';
import { XLSX_MIME } from '../export/handlers.ts';
import type { ExportedFile } from '../../contract/ops/export.ts';
import { newWorkbook } from '../export/xlsx/sheet-writer.ts';

export const FILLS = { added: 'FFE2F0D9', removed: 'FFFBE2E2', changed: 'FFFFF2CC', header: 'FFD9E1F2' } as const;

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

const sideName = (s: Side) => (s === 'current' ? '当前' : `版本${s.seq}“${s.name}”`);

function cellValue(entity: VersionedEntity, field: string, text: string): string | number {
  if (specs[entity].numeric.includes(field) && /^-?\d{1,15}(\.\d{1,6})?$/.test(text) && text.replace(/[-.]/g, '').length <= 15) return Number(text);
  return text;
}

const changeText = (c: { oldText: string; newText: string; delta?: string | undefined; pct?: string | null | undefined }) =>
  `${c.oldText || '（空）'} → ${c.newText || '（空）'}${c.delta !== undefined ? `（${c.delta.startsWith('-') ? '' : '+'}${c.delta}${c.pct ? `，${c.pct.startsWith('-') ? '' : '+'}${c.pct}%` : ''}）` : ''}`;

interface Counts {
  added: number;
  removed: number;
  changed: number;
  cells: number;
}

/** One changed row as it goes on its sheet: plain values, no database. */
interface SheetRow {
  kind: 'added' | 'removed' | 'changed';
  values: (string | number)[];
  /** changed rows: column (1-based) → the comment with the old value */
  notes: [number, string][];
}

export interface ComparisonRows {
  counts: Map<VersionedEntity, Counts>;
  rows: Map<VersionedEntity, SheetRow[]>;
  total: number;
}

/** Step 1, synchronous: every changed row of the comparison, as the sheets show it. */
export function comparisonRows(ctx: StoreContext, planId: string, from: Side, to: Side): ComparisonRows {
  const namer = new Namer(ctx, planId);
  const counts = new Map<VersionedEntity, Counts>();
  const rows = new Map<VersionedEntity, SheetRow[]>();
  let total = 0;
  for (const c of compareRows(ctx, planId, from, to)) {
    const n = counts.get(c.entity) ?? { added: 0, removed: 0, changed: 0, cells: 0 };
    n[c.kind]++;
    n.cells += c.cells.length;
    counts.set(c.entity, n);
    const fields = specs[c.entity].fields;
    const shown = c.new ?? c.old;
    const texts = fields.map((f) => namer.text(c.entity, f, shown?.[f] ?? null, shown));
    const changes = c.cells.map((x) => ({
      field: x.field, oldText: namer.text(c.entity, x.field, x.old, c.old), newText: namer.text(c.entity, x.field, x.new, c.new), delta: x.delta, pct: x.pct,
    }));
    const note = changes.map((x) => `${fieldLabel(x.field)}：${changeText(x)}`).join('\n');
    const notes: [number, string][] =
      c.kind === 'changed'
        ? changes.map((x) => [4 + fields.indexOf(x.field), `原值：${x.oldText || '（空）'}${x.delta !== undefined ? `\n差额：${x.delta}${x.pct ? `（${x.pct}%）` : ''}` : ''}`])
        : [];
    const list = rows.get(c.entity) ?? [];
    list.push({ kind: c.kind, values: [KIND_LABELS[c.kind], c.rowId, namer.label(c), ...fields.map((f, i) => cellValue(c.entity, f, texts[i] ?? '')), note], notes });
    rows.set(c.entity, list);
    total++;
  }
  return { counts, rows, total };
}

export interface ComparisonExportOptions {
  /** rows written so far, of all changed rows; first called once every row has been read */
  onProgress?: (done: number, total: number) => void;
  pageSize?: number;
}

/** rows written between yields to the event loop (rows with comments are the costly ones) */
const PAGE = 200;
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));
const bold = (row: ExcelJS.Row) => (row.font = { bold: true });

/** Step 2, asynchronous: the workbook, written sheet by sheet and row by row. */
export async function writeComparisonWorkbook(
  data: ComparisonRows,
  head: { title: string; from: Side; to: Side; now: string },
  options: ComparisonExportOptions = {},
): Promise<Buffer> {
  const progress = options.onProgress;
  const page = options.pageSize ?? PAGE;
  const { wb, bytes } = newWorkbook();
  const summary = wb.addWorksheet('摘要');
  summary.columns = [{ width: 16 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 14 }];
  summary.addRow([`${head.title} 版本比较`]).font = { bold: true, size: 14 };
  summary.addRow(['原版本', sideName(head.from)]);
  summary.addRow(['新版本', sideName(head.to)]);
  summary.addRow(['生成时间', head.now]);
  summary.addRow([]);
  const th = summary.addRow(['表', '新增行', '删除行', '修改行', '修改单元格']);
  bold(th);
  th.eachCell((c) => (c.fill = fill(FILLS.header)));
  for (const e of Object.keys(TABLE_LABELS) as VersionedEntity[]) {
    const n = data.counts.get(e) ?? { added: 0, removed: 0, changed: 0, cells: 0 };
    summary.addRow([TABLE_LABELS[e], n.added, n.removed, n.changed, n.cells]);
  }
  summary.addRow([]);
  bold(summary.addRow(['图例']));
  summary.addRow(['新增']).getCell(1).fill = fill(FILLS.added);
  const removed = summary.addRow(['删除']).getCell(1);
  removed.fill = fill(FILLS.removed);
  removed.font = { strike: true, color: { argb: 'FF9C0006' } };
  summary.addRow(['修改（批注中为原值）']).getCell(1).fill = fill(FILLS.changed);
  summary.commit();

  let done = 0;
  progress?.(0, data.total);
  for (const [entity, list] of data.rows) {
    const fields = specs[entity].fields;
    const ws = wb.addWorksheet(TABLE_LABELS[entity], { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '变化', width: 8 }, { header: '编号', width: 24 }, { header: '名称', width: 30 },
      ...fields.map((f) => ({ header: FIELD_LABELS[f] ?? f, width: f === 'description' ? 50 : 16 })),
      { header: '变化说明', width: 60 },
    ];
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: fields.length + 4 } };
    const header = ws.getRow(1);
    bold(header);
    header.eachCell((c) => (c.fill = fill(FILLS.header)));
    header.commit();
    for (const r of list) {
      const row = ws.addRow(r.values);
      row.alignment = { vertical: 'top', wrapText: true };
      if (r.kind !== 'changed') {
        row.eachCell({ includeEmpty: true }, (cell) => {
          cell.fill = fill(FILLS[r.kind]);
          if (r.kind === 'removed') cell.font = { strike: true, color: { argb: 'FF9C0006' } };
        });
      } else {
        row.getCell(1).fill = fill(FILLS.changed);
        for (const [col, note] of r.notes) {
          const cell = row.getCell(col);
          cell.fill = fill(FILLS.changed);
          cell.note = note;
        }
      }
      row.commit();
      if (++done % page === 0) {
        progress?.(done, data.total);
        await yieldToLoop();
      }
    }
    ws.commit();
  }
  await wb.commit();
  progress?.(data.total, data.total);
  return bytes;
}

export interface ComparisonRequest {
  planId: string;
  from: number | 'current';
  to: number | 'current';
}

/** The plan and both sides, checked before a job starts so that a wrong id is refused at once. */
export function comparisonSides(ctx: StoreContext, input: ComparisonRequest): { planId: string; title: string; from: Side; to: Side } {
  const plan = getPlanRow(ctx, input.planId);
  return { planId: plan.id, title: plan.title, from: sideOf(ctx, input.from, plan.id), to: sideOf(ctx, input.to, plan.id) };
}

export async function exportComparison(ctx: StoreContext, input: ComparisonRequest, options: ComparisonExportOptions = {}): Promise<ExportedFile> {
  const { planId, title, from, to } = comparisonSides(ctx, input);
  const data = comparisonRows(ctx, planId, from, to); // every database read happens here, before the first await
  const bytes = await writeComparisonWorkbook(data, { title, from, to, now: ctx.now() }, options);
  const tag = (s: Side) => (s === 'current' ? '当前' : `v${s.seq}`);
  const fileName = `${title}-版本比较-${tag(from)}-${tag(to)}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
  return { fileName, mimeType: XLSX_MIME, dataBase64: bytes.toString('base64'), warnings: [] };
}
