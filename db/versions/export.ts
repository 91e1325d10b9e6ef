/**
 * A comparison as an xlsx workbook: a summary sheet, then one sheet per table with changes. Added rows
 * are green and marked 新增, removed rows red, struck through and marked 删除; in changed rows each
 * changed cell is yellow with its old value (and the difference for numbers) in a comment, and the
 * last column lists every change as old → new, so the old values are there without comments too.
 *
 * It runs as a job (versions.exportComparison → jobs.status), like every other export: the database
 * is read in one synchronous stretch (one consistent state, no statement left open across an await),
 * then ExcelJS's public writer turns the workbook into bytes asynchronously.
 */
import ExcelJS from 'exceljs';
import type { StoreContext } from '../context.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { specs, type VersionedEntity } from './rows.ts';
import { compareRows } from './diff.ts';
import { Namer, sideOf } from './present.ts';
import { FIELD_LABELS, KIND_LABELS, TABLE_LABELS, fieldLabel } from './labels.ts';
import type { Side } from './diff.ts';
import { XLSX_MIME } from '../transfer/handlers.ts';
import type { ExportedFile } from '../../contract/ops/transfer.ts';

export const FILLS = { added: 'FFE2F0D9', removed: 'FFFBE2E2', changed: 'FFFFF2CC', header: 'FFD9E1F2' } as const;

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

const sideName = (s: Side) => (s === 'current' ? '当前' : `版本${s.seq}“${s.name}”`);

function cellValue(entity: VersionedEntity, field: string, text: string): string | number {
  if (specs[entity].numeric.includes(field) && /^-?\d{1,15}(\.\d{1,6})?$/.test(text) && text.replace(/[-.]/g, '').length <= 15) return Number(text);
  return text;
}

const changeText = (c: { oldText: string; newText: string; delta?: string | undefined; pct?: string | null | undefined }) =>
  `${c.oldText || '（空）'} → ${c.newText || '（空）'}${c.delta !== undefined ? `（${c.delta.startsWith('-') ? '' : '+'}${c.delta}${c.pct ? `，${c.pct.startsWith('-') ? '' : '+'}${c.pct}%` : ''}）` : ''}`;

export function buildComparisonWorkbook(ctx: StoreContext, planId: string, from: Side, to: Side): ExcelJS.Workbook {
  const plan = getPlanRow(ctx, planId);
  const namer = new Namer(ctx, planId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PlanDesk 规划工作台';
  const summary = wb.addWorksheet('摘要');
  summary.columns = [{ width: 16 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 14 }];
  summary.addRow([`${plan.title} 版本比较`]).font = { bold: true, size: 14 };
  summary.addRow(['原版本', sideName(from)]);
  summary.addRow(['新版本', sideName(to)]);
  summary.addRow(['生成时间', ctx.now()]);
  summary.addRow([]);
  const head = summary.addRow(['表', '新增行', '删除行', '修改行', '修改单元格']);
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = fill(FILLS.header)));
  const counts = new Map<VersionedEntity, { added: number; removed: number; changed: number; cells: number }>();
  const sheets = new Map<VersionedEntity, ExcelJS.Worksheet>();

  const sheetFor = (entity: VersionedEntity) => {
    let ws = sheets.get(entity);
    if (ws) return ws;
    ws = wb.addWorksheet(TABLE_LABELS[entity], { views: [{ state: 'frozen', ySplit: 1 }] });
    const fields = specs[entity].fields;
    ws.columns = [
      { header: '变化', width: 8 }, { header: '编号', width: 24 }, { header: '名称', width: 30 },
      ...fields.map((f) => ({ header: FIELD_LABELS[f] ?? f, width: f === 'description' ? 50 : 16 })),
      { header: '变化说明', width: 60 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).eachCell((c) => (c.fill = fill(FILLS.header)));
    sheets.set(entity, ws);
    return ws;
  };

  for (const c of compareRows(ctx, planId, from, to)) {
    const n = counts.get(c.entity) ?? { added: 0, removed: 0, changed: 0, cells: 0 };
    n[c.kind]++;
    n.cells += c.cells.length;
    counts.set(c.entity, n);
    const ws = sheetFor(c.entity);
    const fields = specs[c.entity].fields;
    const shown = c.new ?? c.old;
    const texts = fields.map((f) => namer.text(c.entity, f, shown?.[f] ?? null, shown));
    const changes = c.cells.map((x) => ({
      field: x.field, oldText: namer.text(c.entity, x.field, x.old, c.old), newText: namer.text(c.entity, x.field, x.new, c.new), delta: x.delta, pct: x.pct,
    }));
    const note = changes.map((x) => `${fieldLabel(x.field)}：${changeText(x)}`).join('\n');
    const row = ws.addRow([KIND_LABELS[c.kind], c.rowId, namer.label(c), ...fields.map((f, i) => cellValue(c.entity, f, texts[i] ?? '')), note]);
    row.alignment = { vertical: 'top', wrapText: true };
    if (c.kind !== 'changed') {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.fill = fill(FILLS[c.kind]);
        if (c.kind === 'removed') cell.font = { strike: true, color: { argb: 'FF9C0006' } };
      });
    } else {
      row.getCell(1).fill = fill(FILLS.changed);
      for (const x of changes) {
        const cell = row.getCell(4 + fields.indexOf(x.field));
        cell.fill = fill(FILLS.changed);
        cell.note = `原值：${x.oldText || '（空）'}${x.delta !== undefined ? `\n差额：${x.delta}${x.pct ? `（${x.pct}%）` : ''}` : ''}`;
      }
    }
  }
  for (const [entity, ws] of sheets) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: specs[entity].fields.length + 4 } };
  for (const e of Object.keys(TABLE_LABELS) as VersionedEntity[]) {
    const n = counts.get(e) ?? { added: 0, removed: 0, changed: 0, cells: 0 };
    summary.addRow([TABLE_LABELS[e], n.added, n.removed, n.changed, n.cells]);
  }
  summary.addRow([]);
  summary.addRow(['图例']).font = { bold: true };
  summary.addRow(['新增']).getCell(1).fill = fill(FILLS.added);
  const removed = summary.addRow(['删除']).getCell(1);
  removed.fill = fill(FILLS.removed);
  removed.font = { strike: true, color: { argb: 'FF9C0006' } };
  summary.addRow(['修改（批注中为原值）']).getCell(1).fill = fill(FILLS.changed);
  return wb;
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

export async function exportComparison(ctx: StoreContext, input: ComparisonRequest, progress?: (done: number, total: number) => void): Promise<ExportedFile> {
  const { planId, title, from, to } = comparisonSides(ctx, input);
  progress?.(0, 2);
  const wb = buildComparisonWorkbook(ctx, planId, from, to);
  progress?.(1, 2);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  progress?.(2, 2);
  const tag = (s: Side) => (s === 'current' ? '当前' : `v${s.seq}`);
  const fileName = `${title}-版本比较-${tag(from)}-${tag(to)}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
  return { fileName, mimeType: XLSX_MIME, dataBase64: bytes.toString('base64'), warnings: [] };
}
