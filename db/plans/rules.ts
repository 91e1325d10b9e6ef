/** What a valid plan header is. Pure: no database. */
import { invalid, type ErrorIssue } from '../errors.ts';
import type { PlanPatch } from '../../contract/operations.ts';
import type { PlanRow } from './queries.ts';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function applyPlanPatch(current: PlanRow, patch: PlanPatch, now: string): PlanRow {
  const next: PlanRow = {
    ...current,
    title: patch.title !== undefined ? patch.title.trim() : current.title,
    doc_number: patch.docNumber !== undefined ? patch.docNumber.trim() : current.doc_number,
    issuer: patch.issuer !== undefined ? patch.issuer.trim() : current.issuer,
    issue_date: patch.issueDate !== undefined ? patch.issueDate : current.issue_date,
    period_start: patch.periodStart ?? current.period_start,
    period_end: patch.periodEnd ?? current.period_end,
    source: patch.source !== undefined ? patch.source : current.source,
    updated_at: now,
  };
  const issues: ErrorIssue[] = [];
  if (!next.title) issues.push({ field: 'title', message: '规划标题不能为空' });
  if (!next.issuer) issues.push({ field: 'issuer', message: '发文机关不能为空' });
  if (next.issue_date !== null && !ISO_DATE.test(next.issue_date))
    issues.push({ field: 'issueDate', message: `发布日期“${next.issue_date}”格式不对，应为 2023-07-14 这样的日期` });
  if (next.period_start < 1949 || next.period_start > 2100)
    issues.push({ field: 'periodStart', message: `规划起始年份 ${next.period_start} 不在 1949—2100 之间` });
  if (next.period_end < next.period_start)
    issues.push({ field: 'periodEnd', message: `规划截止年份 ${next.period_end} 早于起始年份 ${next.period_start}` });
  if (issues.length) throw invalid(`规划信息有 ${issues.length} 处错误，未保存`, issues);
  return next;
}
