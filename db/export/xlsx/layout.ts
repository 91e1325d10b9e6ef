/**
 * The workbook's layout, shared by the export (which writes it) and the import (which reads it
 * back by header name): sheet names, titles, columns, and how a stored value becomes a cell. Keeping
 * both sides on these definitions is what makes export → import change nothing.
 */
import type { Task } from '../../../contract/entities.ts';
import { normalizedDeadline } from '../../../domain/deadlines.ts';

export const SHEET = {
  overview: '概况',
  clusters: '产业集群',
  indicators: '指标',
  tasks: '任务台账',
  completion: '完成情况',
  findings: '一致性检查',
  charts: '图表',
} as const;

export const MATRIX = {
  district: { prefix: '区县目标', header: '区县', title: '分区县目标' },
  cluster: { prefix: '集群目标', header: '产业集群', title: '分产业集群目标' },
} as const;
export type MatrixScope = keyof typeof MATRIX;

/** Rows above the data on every sheet: 1 = merged title, 2 = column headers. */
export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;
export const TOTAL_LABEL = '合计';

export type TaskField =
  | 'number' | 'section' | 'title' | 'description' | 'leadDepartments' | 'participatingDepartments' | 'districts'
  | 'deadline' | 'status' | 'progress' | 'quantitativeGoal' | 'notes' | 'id';

export interface ColumnDef<K extends string = string> {
  key: K;
  header: string;
  /** narrowest and widest width (characters); the export fits the width to the content between them */
  minWidth: number;
  maxWidth: number;
  wrap?: boolean;
  /** in the file for the import, not shown or printed */
  hidden?: boolean;
}

export const TASK_COLUMNS: readonly ColumnDef<TaskField>[] = [
  { key: 'number', header: '编号', minWidth: 6, maxWidth: 12 },
  { key: 'section', header: '篇章', minWidth: 8, maxWidth: 24, wrap: true },
  { key: 'title', header: '任务名称', minWidth: 14, maxWidth: 40, wrap: true },
  { key: 'description', header: '任务内容', minWidth: 30, maxWidth: 60, wrap: true },
  { key: 'leadDepartments', header: '牵头单位', minWidth: 10, maxWidth: 24, wrap: true },
  { key: 'participatingDepartments', header: '配合单位', minWidth: 10, maxWidth: 30, wrap: true },
  { key: 'districts', header: '涉及区县', minWidth: 10, maxWidth: 24, wrap: true },
  { key: 'deadline', header: '完成时限', minWidth: 10, maxWidth: 14, wrap: true },
  { key: 'status', header: '状态', minWidth: 8, maxWidth: 8 },
  { key: 'progress', header: '进展情况', minWidth: 10, maxWidth: 36, wrap: true },
  { key: 'quantitativeGoal', header: '量化目标', minWidth: 10, maxWidth: 36, wrap: true },
  { key: 'notes', header: '备注', minWidth: 8, maxWidth: 30, wrap: true },
  { key: 'id', header: '任务编码', minWidth: 10, maxWidth: 28, hidden: true },
];

/**
 * The deadline in one sortable form (domain/deadlines.ts) beside the document's wording; written by
 * the export only — the import does not know this header and leaves the column alone.
 */
export const NORMALIZED_DEADLINE: ColumnDef<'deadlineNormalized'> = { key: 'deadlineNormalized', header: '规范时限', minWidth: 9, maxWidth: 18, wrap: true };

export type LedgerField = TaskField | 'deadlineNormalized';

/**
 * The ledger as exported: the task columns with 规范时限 after the last one shown (before the hidden
 * 任务编码), so the columns a filled-in template is read by keep their places.
 */
export const LEDGER_COLUMNS: readonly ColumnDef<LedgerField>[] = TASK_COLUMNS.flatMap((c): ColumnDef<LedgerField>[] => (c.key === 'id' ? [NORMALIZED_DEADLINE, c] : [c]));

/** A task's cell text for each exported ledger column. */
export function ledgerCell(t: Task, key: LedgerField): string {
  return key === 'deadlineNormalized' ? (normalizedDeadline(t) ?? '') : taskCell(t, key);
}

/** Names in a list cell are joined with the Chinese enumeration comma. */
export const LIST_SEPARATOR = '、';

/** A task's cell text for each exported column (the import compares against exactly these). */
export function taskCell(t: Task, key: TaskField): string {
  switch (key) {
    case 'leadDepartments':
      return t.leadDepartments.map((u) => u.name).join(LIST_SEPARATOR);
    case 'participatingDepartments':
      return t.participatingDepartments.map((u) => u.name).join(LIST_SEPARATOR);
    case 'districts':
      return t.districts.map((d) => d.name).join(LIST_SEPARATOR);
    case 'deadline':
      return t.deadlineText ?? t.deadline ?? '';
    default:
      return t[key] ?? '';
  }
}

export function tasksTitle(planTitle: string): string {
  return `${planTitle} — 任务台账`;
}

export function matrixTitle(scope: MatrixScope, indicatorName: string, unit: string | null): string {
  return `${indicatorName}${MATRIX[scope].title}${unit ? `（单位：${unit}）` : ''}`;
}

export function yearHeader(year: number, unit: string | null): string {
  return unit ? `${year}年（${unit}）` : `${year}年`;
}

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
const SHEET_NAME_CONTROL = /[\u0000-\u001f\u007f]/g;
/** Excel refuses a name that starts or ends with an apostrophe; spaces at the ends are trimmed away. */
const trimName = (s: string) => s.replace(/^[\s']+|[\s']+$/g, '');
const MAX_SHEET_NAME = 31;

/**
 * A valid, unique sheet name: no []:*?/\ or control characters, at most 31 characters (counted as
 * Excel counts them, in UTF-16 units, never splitting a surrogate pair), no spaces or apostrophes at
 * the ends (also after cutting), never "History" (reserved by Excel), and unique ignoring case (Excel
 * treats "Sheet" and "sheet" as the same name): "~2", "~3" … is added before the limit.
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  const cut = (s: string, n: number) => {
    let out = s.slice(0, n);
    if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
    return trimName(out);
  };
  let base = cut(trimName(wanted.replace(SHEET_NAME_CONTROL, '').replace(SHEET_NAME_FORBIDDEN, '·')), MAX_SHEET_NAME);
  if (!base || base.toLowerCase() === 'history') base = base ? `${base}~1` : '工作表';
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  let name = base;
  for (let n = 2; lower.has(name.toLowerCase()); n++) name = `${cut(base, MAX_SHEET_NAME - String(n).length - 1)}~${n}`;
  taken.add(name);
  return name;
}

/**
 * A decimal string as a spreadsheet number when the number keeps every digit, else as text
 * ("12345678901234567890" stays text so nothing is lost).
 */
export function decimalCell(value: string): number | string {
  const n = Number(value);
  return Number.isFinite(n) && String(n) === value ? n : value;
}

/** '#,##0' for whole numbers, '#,##0.0…' with as many decimals as the value has. */
export function numberFormat(value: number | string): string {
  const s = String(value);
  const dot = s.indexOf('.');
  return dot < 0 || /e/i.test(s) ? '#,##0' : `#,##0.${'0'.repeat(Math.min(10, s.length - dot - 1))}`;
}

/** Units whose values add up across districts, so a totals row makes sense (not rates or ratios). */
export function isAdditiveUnit(unit: string | null): boolean {
  if (!unit) return false;
  return !/[%‰/率比岁天]|百分点|指数/.test(unit);
}

/** Display width of text in spreadsheet "characters": CJK and full-width forms count double. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Column width fitted to the longest line of the sampled texts, within the column's bounds. */
export function fitWidth(col: Pick<ColumnDef, 'header' | 'minWidth' | 'maxWidth'>, samples: Iterable<string>): number {
  let w = textWidth(col.header) + 2;
  for (const s of samples) for (const line of s.split('\n')) w = Math.max(w, textWidth(line) + 2);
  return Math.max(col.minWidth, Math.min(col.maxWidth, w));
}

/** `{ longest }`: the longest of `texts` (by length) for the page fit (print.ts), or nothing when all are empty. */
export function withLongest(texts: readonly string[]): { longest?: string } {
  let best = '';
  for (const t of texts) if (t.length > best.length) best = t;
  return best ? { longest: best } : {};
}
