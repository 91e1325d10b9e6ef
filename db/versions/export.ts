/**
 * A comparison as an xlsx workbook officers print and hand on: a summary sheet (what changed, per
 * table), then one sheet per table with changes, one line per changed cell — 变化 · 对象 · 字段 · 原值 ·
 * 新值 · 差额 · 变化率 — so old and new values stand in columns of their own. Added rows are green (their
 * fields listed under 新值), removed rows red and struck through (under 原值), changed cells yellow.
 * Everything in words: names instead of internal ids, 区县/目标 instead of district/target, times in
 * the plan's time zone. Printed like the other sheets (SheetWriter: A4 landscape, ≥ 9 pt, header on
 * every page, page numbers).
 *
 * It runs as a job (versions.exportComparison → jobs.status), like every other export, in two steps:
 * the database is read in ONE synchronous stretch (one consistent state of the plan, no statement left
 * open across an await) into plain rows; then ExcelJS's public streaming writer writes them, yielding
 * to the event loop every PAGE rows so the host keeps answering while a large comparison is written.
 */
import type { StoreContext } from '../context.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { specs, type VersionedEntity } from './rows.ts';
import { compareRows } from './diff.ts';
import { Namer, sideOf } from './present.ts';
import { KIND_LABELS, TABLE_LABELS, fieldLabel } from './labels.ts';
import type { Side } from './diff.ts';
import { XLSX_MIME } from '../export/handlers.ts';
import type { ExportedFile } from '../../contract/ops/export.ts';
import { SheetWriter, newWorkbook, type RowTone } from '../export/xlsx/sheet-writer.ts';
import { sheetName } from '../export/xlsx/layout.ts';
import { exportStamp, planLocalTime } from '../export/local-time.ts';
import { authorLabel } from '../identity/author.ts';

export const FILLS = { added: 'FFE2F0D9', removed: 'FFFBE2E2', changed: 'FFFFF2CC', header: 'FFD9E1F2' } as const;

/** Stored codes of a target row, in words. */
const SCOPE_WORDS: Record<string, string> = { plan: '全市（规划总量）', district: '区县', cluster: '产业集群' };
const TARGET_KIND_WORDS: Record<string, string> = { target: '目标', actual: '实际' };

function cellValue(entity: VersionedEntity, field: string, text: string): string | number {
  if (specs[entity].numeric.includes(field) && /^-?\d{1,15}(\.\d{1,6})?$/.test(text) && text.replace(/[-.]/g, '').length <= 15) return Number(text);
  return text;
}

const signedText = (v: string) => (v.startsWith('-') ? `−${v.slice(1)}` : v === '0' ? '0' : `+${v}`);

/** One line of a table's sheet: plain values, no database. */
interface SheetLine {
  kind: 'added' | 'removed' | 'changed';
  subject: string;
  field: string;
  old: string | number;
  new: string | number;
  delta: string;
  pct: string;
}

interface Counts {
  added: number;
  removed: number;
  changed: number;
  cells: number;
}

export interface ComparisonRows {
  counts: Map<VersionedEntity, Counts>;
  lines: Map<VersionedEntity, SheetLine[]>;
  /** changed rows (what progress counts) */
  total: number;
  /** by line: the changed row it belongs to (1-based count), for progress */
  rowOfLine: Map<VersionedEntity, number[]>;
}

/** Step 1, synchronous: every changed row of the comparison, as the sheets show it. */
export function comparisonRows(ctx: StoreContext, planId: string, from: Side, to: Side): ComparisonRows {
  const namer = new Namer(ctx, planId);
  const counts = new Map<VersionedEntity, Counts>();
  const lines = new Map<VersionedEntity, SheetLine[]>();
  const rowOfLine = new Map<VersionedEntity, number[]>();
  const text = (entity: VersionedEntity, field: string, value: Parameters<Namer['text']>[2], row: Parameters<Namer['text']>[3]) => {
    const t = namer.text(entity, field, value, row);
    if (entity === 'target' && field === 'scope') return SCOPE_WORDS[t] ?? t;
    if (entity === 'target' && field === 'kind') return TARGET_KIND_WORDS[t] ?? t;
    return t;
  };
  let total = 0;
  for (const c of compareRows(ctx, planId, from, to)) {
    const n = counts.get(c.entity) ?? { added: 0, removed: 0, changed: 0, cells: 0 };
    n[c.kind]++;
    n.cells += c.cells.length;
    counts.set(c.entity, n);
    total++;
    const list = lines.get(c.entity) ?? [];
    const rows = rowOfLine.get(c.entity) ?? [];
    const subject = namer.label(c);
    if (c.kind === 'changed') {
      for (const x of c.cells) {
        list.push({
          kind: 'changed', subject, field: fieldLabel(x.field),
          old: cellValue(c.entity, x.field, text(c.entity, x.field, x.old, c.old)),
          new: cellValue(c.entity, x.field, text(c.entity, x.field, x.new, c.new)),
          delta: x.delta !== undefined ? signedText(x.delta) : '',
          pct: x.pct ? `${signedText(x.pct)}%` : '',
        });
        rows.push(total);
      }
    } else {
      const shown = c.new ?? c.old;
      const listing = specs[c.entity].fields
        .map((f) => [fieldLabel(f), text(c.entity, f, shown?.[f] ?? null, shown)] as const)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => `${k}：${v}`)
        .join('\n');
      list.push({ kind: c.kind, subject, field: '整行', old: c.kind === 'removed' ? listing : '', new: c.kind === 'added' ? listing : '', delta: '', pct: '' });
      rows.push(total);
    }
    lines.set(c.entity, list);
    rowOfLine.set(c.entity, rows);
  }
  return { counts, lines, total, rowOfLine };
}

export interface ComparisonExportOptions {
  /** changed rows written so far, of all changed rows; first called once every row has been read */
  onProgress?: (done: number, total: number) => void;
  pageSize?: number;
}

/** rows written between yields to the event loop */
const PAGE = 200;
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export interface ComparisonHead {
  title: string;
  /** "版本1“初稿”（2026-12-01 20:05（北京时间）保存，张三）" and "当前" */
  fromName: string;
  toName: string;
  /** who exported it and when, in the plan's time zone: "导出人 …　｜　导出时间 …" */
  stamp: string;
}

const TONES: Record<SheetLine['kind'], RowTone> = {
  added: { fill: FILLS.added },
  removed: { fill: FILLS.removed, strike: true },
  changed: { fill: FILLS.changed, columns: [1, 4, 5] },
};

/** Step 2, asynchronous: the workbook, written sheet by sheet and row by row. */
export async function writeComparisonWorkbook(data: ComparisonRows, head: ComparisonHead, options: ComparisonExportOptions = {}): Promise<Buffer> {
  const progress = options.onProgress;
  const page = options.pageSize ?? PAGE;
  const { wb, bytes } = newWorkbook();
  const taken = new Set<string>();
  const subtitle = `原版本：${head.fromName}　→　新版本：${head.toName}　｜　${head.stamp}`;
  const summary = new SheetWriter(wb, {
    name: sheetName('摘要', taken),
    title: `${head.title} 版本比较`,
    subtitle: `${subtitle}\n新增的行为绿色，删除的行为红色加删除线，修改的单元格为黄色；原值与新值分列于各表。`,
    columns: [
      { header: '表', width: 30 }, { header: '新增行', width: 16 }, { header: '删除行', width: 16 }, { header: '修改行', width: 16 }, { header: '修改单元格', width: 16 },
    ],
  });
  for (const e of Object.keys(TABLE_LABELS) as VersionedEntity[]) {
    const n = data.counts.get(e) ?? { added: 0, removed: 0, changed: 0, cells: 0 };
    summary.addRow([TABLE_LABELS[e], n.added, n.removed, n.changed, n.cells]);
  }
  summary.commit();

  let done = 0;
  let written = 0;
  progress?.(0, data.total);
  for (const [entity, list] of data.lines) {
    const rows = data.rowOfLine.get(entity) ?? [];
    const ws = new SheetWriter(wb, {
      name: sheetName(TABLE_LABELS[entity], taken),
      title: `${head.title} 版本比较 — ${TABLE_LABELS[entity]}`,
      subtitle,
      columns: [
        { header: '序号', width: 6 },
        { header: '变化', width: 7 },
        { header: '对象', width: 30, minWidth: 16, wrap: true },
        { header: '字段', width: 12, wrap: true },
        { header: '原值', width: 40, minWidth: 20, wrap: true },
        { header: '新值', width: 40, minWidth: 20, wrap: true },
        { header: '差额', width: 12 },
        { header: '变化率', width: 10 },
      ],
    });
    for (let i = 0; i < list.length; i++) {
      const l = list[i]!;
      ws.addRow([i + 1, KIND_LABELS[l.kind], l.subject, l.field, l.old, l.new, l.delta, l.pct], { tone: TONES[l.kind] });
      const row = rows[i] ?? done;
      if (row > done) {
        done = row;
        if (++written % page === 0) {
          progress?.(done, data.total);
          await yieldToLoop();
        }
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

/** A side as a reader names it: 当前, or 版本1“初稿”（2026-12-01 20:05（北京时间）保存，张三）. */
function sideName(ctx: StoreContext, s: Side): string {
  if (s === 'current') return '当前';
  const by = s.author ? authorLabel({ name: s.author, department: s.author_department, district: s.author_district }) : '';
  return `版本${s.seq}“${s.name}”（${planLocalTime(ctx, s.created_at)}保存${by ? `，${by}` : ''}）`;
}

export async function exportComparison(ctx: StoreContext, input: ComparisonRequest, options: ComparisonExportOptions = {}): Promise<ExportedFile> {
  const { planId, title, from, to } = comparisonSides(ctx, input);
  const data = comparisonRows(ctx, planId, from, to); // every database read happens here, before the first await
  const head = { title, fromName: sideName(ctx, from), toName: sideName(ctx, to), stamp: exportStamp(ctx) };
  const bytes = await writeComparisonWorkbook(data, head, options);
  const tag = (s: Side) => (s === 'current' ? '当前' : `v${s.seq}`);
  const fileName = `${title}-版本比较-${tag(from)}-${tag(to)}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
  return { fileName, mimeType: XLSX_MIME, dataBase64: bytes.toString('base64'), warnings: [] };
}
