/**
 * Finding what a sheet is and which column holds what, by header name (never by position): the
 * export's own headers, and the names officers commonly use for the same thing
 * (牵头单位 / 责任单位 / 牵头部门, 配合单位 / 参与单位 / 协办单位, 完成时限 / 时间节点 / 完成时间, …). Pure.
 */
import { MATRIX, TASK_COLUMNS, type MatrixScope, type TaskField } from '../export/xlsx/layout.ts';
import type { CellIn, SheetIn } from './read.ts';

/** Accepted names per task field; the first is the export's own header. */
export const TASK_HEADER_ALIASES: Record<TaskField, readonly string[]> = {
  number: ['编号', '任务编号', '序号', '任务序号'],
  section: ['篇章', '章节', '所属部分', '任务类别', '类别', '板块'],
  title: ['任务名称', '任务', '工作任务', '重点任务', '任务事项', '工作事项', '事项'],
  description: ['任务内容', '具体内容', '主要内容', '工作内容', '具体任务', '工作措施', '主要措施'],
  leadDepartments: ['牵头单位', '责任单位', '牵头部门', '主责单位', '牵头责任单位', '责任部门', '牵头'],
  participatingDepartments: ['配合单位', '参与单位', '协办单位', '配合部门', '参与部门', '协同单位', '配合'],
  districts: ['涉及区县', '区县', '责任区县', '实施区县', '落实区县'],
  deadline: ['完成时限', '时间节点', '完成时间', '时限', '截止时间', '完成期限', '时间要求'],
  status: ['状态', '完成状态', '进展状态', '任务状态'],
  progress: ['进展情况', '工作进展', '进展', '推进情况', '完成情况', '进度'],
  quantitativeGoal: ['量化目标', '量化指标', '目标要求', '预期目标'],
  notes: ['备注', '备注说明'],
  id: ['任务编码', '任务ID', '编码'],
};

const SCOPE_HEADER_ALIASES: Record<MatrixScope, readonly string[]> = {
  district: [MATRIX.district.header, '区县名称', '区（县）', '区县（自治县）', '地区', '区域'],
  cluster: [MATRIX.cluster.header, '集群', '产业集群名称', '集群名称'],
};
const INDICATOR_HEADERS = ['指标', '指标名称'];
const UNIT_HEADERS = ['单位', '计量单位'];

/** "牵头单位（部门）*" → "牵头单位": spaces, stars, colons and a bracketed remark removed. */
export function normaliseHeader(raw: string): string {
  return raw
    .replace(/\s+/g, '')
    .replace(/[*＊:：]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '')
    .toUpperCase();
}

export function cellText(c: CellIn): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  if (typeof c === 'number' || typeof c === 'boolean') return String(c);
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return '';
}

const aliasIndex = new Map<string, TaskField>();
for (const col of TASK_COLUMNS) for (const a of TASK_HEADER_ALIASES[col.key]) if (!aliasIndex.has(normaliseHeader(a))) aliasIndex.set(normaliseHeader(a), col.key);

export interface TaskHeaderMatch {
  kind: 'tasks';
  headerRow: number;
  /** field → 0-based column */
  columns: Map<TaskField, number>;
  /** column index → header as written, for messages */
  headers: string[];
  ignored: string[];
  /** fields more than one column stands for ("牵头单位" and "责任单位"): 0-based columns, in order */
  duplicates: { field: TaskField; columns: number[] }[];
}

export interface MatrixHeaderMatch {
  kind: 'matrix';
  scope: MatrixScope;
  headerRow: number;
  labelColumn: number;
  indicatorColumn: number | null;
  years: { column: number; year: number; unit: string | null }[];
  headers: string[];
  /** text of the rows above the header (the title), to tell which indicator the sheet is for */
  title: string;
}

export type SheetMatch = TaskHeaderMatch | MatrixHeaderMatch;

function matchTasks(cells: CellIn[], headerRow: number): TaskHeaderMatch | null {
  const columns = new Map<TaskField, number>();
  const headers = cells.map(cellText);
  const ignored: string[] = [];
  const duplicates: TaskHeaderMatch['duplicates'] = [];
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (!key) return;
    // 序号 is only the task number when there is no 编号 column.
    const field = aliasIndex.get(key);
    if (field && !columns.has(field)) columns.set(field, i);
    else if (field === 'number' && (key === '序号' || normaliseHeader(headers[columns.get('number')!] ?? '') === '序号')) {
      // 序号 beside 编号 is a running count, not the task number.
      if (key !== '序号') {
        ignored.push(headers[columns.get('number')!] ?? '');
        columns.set('number', i);
      } else ignored.push(h);
    } else if (field) {
      const d = duplicates.find((x) => x.field === field);
      if (d) d.columns.push(i);
      else duplicates.push({ field, columns: [columns.get(field)!, i] });
    } else ignored.push(h);
  });
  if (!columns.has('title') && columns.has('description')) {
    // A list with only 任务内容: that column is the task.
    columns.set('title', columns.get('description')!);
    columns.delete('description');
  }
  const known = columns.size;
  if (!columns.has('title') || (!columns.has('leadDepartments') && known < 3)) return null;
  return { kind: 'tasks', headerRow, columns, headers, ignored, duplicates };
}

const YEAR_HEADER = /^(\d{4})\s*年?\s*(?:[（(]\s*(?:单位[:：]?)?\s*([^）)]*?)\s*[）)])?$/;

function matchMatrix(cells: CellIn[], headerRow: number, title: string): MatrixHeaderMatch | null {
  const headers = cells.map(cellText);
  let scope: MatrixScope | null = null;
  let labelColumn = -1;
  let indicatorColumn: number | null = null;
  const years: MatrixHeaderMatch['years'] = [];
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (!key) return;
    for (const s of ['district', 'cluster'] as const) {
      if (scope === null && SCOPE_HEADER_ALIASES[s].some((a) => normaliseHeader(a) === key)) {
        scope = s;
        labelColumn = i;
      }
    }
    if (INDICATOR_HEADERS.includes(key)) indicatorColumn = i;
    const y = YEAR_HEADER.exec(h.trim());
    if (y?.[1]) years.push({ column: i, year: Number(y[1]), unit: y[2] ? y[2] : null });
  });
  if (scope === null || years.length === 0) return null;
  return { kind: 'matrix', scope, headerRow, labelColumn, indicatorColumn, years, headers, title };
}

export const UNIT_COLUMN_HEADERS = UNIT_HEADERS;

/** Looks at the first rows of a sheet for a header row this import understands. */
export function matchSheet(sheet: SheetIn): SheetMatch | null {
  const above: string[] = [sheet.name];
  for (const row of sheet.rows.slice(0, 10)) {
    const m = matchTasks(row.cells, row.n) ?? matchMatrix(row.cells, row.n, above.join(' '));
    if (m) return m;
    above.push(row.cells.map(cellText).join(' '));
  }
  return null;
}
