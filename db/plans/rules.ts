/** What a valid plan header is. Pure: no database. */
import { invalid, type ErrorIssue } from '../errors.ts';
import type { PlanPatch } from '../../contract/operations.ts';
import { typedTextProblem } from '../../domain/text.ts';
import { nameCharacterProblem } from '../../domain/name-text.ts';
import type { PlanRow } from './queries.ts';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

type HeaderFields = Pick<PlanRow, 'title' | 'doc_number' | 'issuer' | 'issue_date' | 'period_start' | 'period_end' | 'source'>;

const FIELD_NAMES: Record<string, string> = { title: '规划标题', docNumber: '文号', issuer: '发文机关', source: '来源' };

/** The problems of a plan header, each naming its field (empty: valid). */
export function headerIssues(h: HeaderFields): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const text: [keyof typeof FIELD_NAMES, string | null][] = [['title', h.title], ['docNumber', h.doc_number], ['issuer', h.issuer], ['source', h.source]];
  for (const [field, value] of text) {
    // the title, 文号 and issuer are names, read on one line (s8-auth14); the source is free text
    const problem = value === null ? null : (typedTextProblem(value) ?? (field === 'source' ? null : nameCharacterProblem(value)));
    if (problem) issues.push({ field, message: `${FIELD_NAMES[field]}：${problem}` });
  }
  if (!h.title) issues.push({ field: 'title', message: '规划标题不能为空' });
  if (!h.issuer) issues.push({ field: 'issuer', message: '发文机关不能为空' });
  if (h.issue_date !== null && !validIsoDate(h.issue_date))
    issues.push({ field: 'issueDate', message: `发布日期“${h.issue_date}”格式不对，应为 2023-07-14 这样的日期` });
  if (!Number.isInteger(h.period_start) || h.period_start < 1949 || h.period_start > 2100)
    issues.push({ field: 'periodStart', message: `规划起始年份 ${h.period_start} 不在 1949—2100 之间` });
  if (!Number.isInteger(h.period_end) || h.period_end < 1949 || h.period_end > 2100)
    issues.push({ field: 'periodEnd', message: `规划截止年份 ${h.period_end} 不在 1949—2100 之间` });
  else if (h.period_end < h.period_start)
    issues.push({ field: 'periodEnd', message: `规划截止年份 ${h.period_end} 早于起始年份 ${h.period_start}` });
  return issues;
}

/** A real calendar date written YYYY-MM-DD (2023-02-30 is refused). */
function validIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The order a header's fields are recorded in, so that undo (which replays them backwards) and redo
 * (forwards) never pass through a period that ends before it starts (the CHECK of plans): the start
 * goes first when the new start is not after the old end, else the end goes first. One of the two
 * always works for two valid periods.
 */
export function headerFieldOrder<K extends string>(current: { period_start: number; period_end: number }, next: { period_start: number }, rest: readonly K[]): (K | 'period_start' | 'period_end')[] {
  const period: ('period_start' | 'period_end')[] = next.period_start <= current.period_end ? ['period_start', 'period_end'] : ['period_end', 'period_start'];
  return [...rest, ...period];
}

const trimOrNull = (s: string | null | undefined): string | null => {
  if (s === null || s === undefined) return null;
  const t = s.trim();
  return t === '' ? null : t;
};

export function applyPlanPatch(current: PlanRow, patch: PlanPatch, now: string): PlanRow {
  const next: PlanRow = {
    ...current,
    title: patch.title !== undefined ? patch.title.trim() : current.title,
    doc_number: patch.docNumber !== undefined ? patch.docNumber.trim() : current.doc_number,
    issuer: patch.issuer !== undefined ? patch.issuer.trim() : current.issuer,
    issue_date: patch.issueDate !== undefined ? trimOrNull(patch.issueDate) : current.issue_date,
    period_start: patch.periodStart ?? current.period_start,
    period_end: patch.periodEnd ?? current.period_end,
    source: patch.source !== undefined ? trimOrNull(patch.source) : current.source,
    updated_at: now,
  };
  const issues = headerIssues(next);
  if (issues.length) throw invalid(`规划信息有 ${issues.length} 处错误，未保存`, issues);
  return next;
}

export interface HeaderInput {
  title: string;
  docNumber?: string | undefined;
  issuer: string;
  issueDate?: string | null | undefined;
  periodStart: number;
  periodEnd: number;
  source?: string | null | undefined;
}

/** A new plan's row from its header, checked (plans.create). */
export function newPlanRow(id: string, h: HeaderInput, extra: { sortOrder: number; now: string; originPlanId: string | null; maxPriorityIndustries: number | null }): PlanRow {
  const row: PlanRow = {
    id,
    title: h.title.trim(),
    doc_number: (h.docNumber ?? '').trim(),
    issuer: h.issuer.trim(),
    issue_date: trimOrNull(h.issueDate),
    period_start: h.periodStart,
    period_end: h.periodEnd,
    source: trimOrNull(h.source),
    max_priority_industries: extra.maxPriorityIndustries,
    sort_order: extra.sortOrder,
    updated_at: extra.now,
    archived_at: null,
    origin_plan_id: extra.originPlanId,
  };
  const issues = headerIssues(row);
  if (issues.length) throw invalid(`新规划有 ${issues.length} 处错误，未创建`, issues);
  return row;
}
