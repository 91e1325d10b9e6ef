/**
 * The line under a filtered ledger's title saying which rows it holds and when it was taken:
 * "筛选条件：牵头单位 市发展改革委；状态 未开始、进行中；完成时限 2024-01 至 2025-12；关键词“物流”
 * ｜共 12 项任务｜导出人 王五（市人力社保局 · 江津区）｜导出时间 2026-12-01 20:05（北京时间）". Names are read from the snapshot the rows come from.
 */
import type { StoreContext } from '../context.ts';
import type { TaskFilter } from '../../contract/operations.ts';
import { departmentQueries } from '../departments/queries.ts';
import { districtQueries } from '../districts/queries.ts';
import { overdueCutoff } from '../../domain/tasks.ts';
import { planTimeZone } from '../preferences/handlers.ts';
import { exportStamp } from './local-time.ts';

export function filterNote(ctx: StoreContext, f: TaskFilter, count: number): string {
  const unit = (id: string) => departmentQueries(ctx.db).byId.get(id)?.name ?? id;
  const parts: string[] = [];
  if (f.leadDepartmentId) parts.push(`牵头单位 ${unit(f.leadDepartmentId)}`);
  if (f.participatingDepartmentId) parts.push(`配合单位 ${unit(f.participatingDepartmentId)}`);
  if (f.departmentId) parts.push(`牵头或配合单位 ${unit(f.departmentId)}`);
  if (f.districtId) parts.push(`涉及区县 ${districtQueries(ctx.db).byId.get(f.districtId)?.name ?? f.districtId}`);
  if (f.status?.length) parts.push(`状态 ${f.status.join('、')}`);
  if (f.deadlineFrom || f.deadlineTo) {
    parts.push(f.deadlineFrom && f.deadlineTo ? `完成时限 ${f.deadlineFrom} 至 ${f.deadlineTo}` : f.deadlineFrom ? `完成时限 ${f.deadlineFrom} 起` : `完成时限 至 ${f.deadlineTo}`);
  }
  if (f.overdueOnly) parts.push(`仅逾期任务（完成时限早于 ${overdueCutoff(ctx.now(), planTimeZone(ctx))} 且未完成）`);
  const search = f.search?.trim();
  if (search) parts.push(`关键词“${search}”`);
  const filter = parts.length ? `筛选条件：${parts.join('；')}` : '筛选条件：无（全部任务）';
  return `${filter}　｜　共 ${count} 项任务　｜　${exportStamp(ctx)}`;
}
