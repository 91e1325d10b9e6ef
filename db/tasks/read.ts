/**
 * Reading tasks as the API shows them and resolving the names a planner types, shared by the list
 * (handlers.ts) and the edits (edits.ts): its own module so neither imports the other.
 */
import type { StoreContext } from '../context.ts';
import { notFound, type ErrorIssue } from '../errors.ts';
import type { Task } from '../../contract/entities.ts';
import type { TaskFilter } from '../../contract/operations.ts';
import { taskQueries, type TaskFilterParams } from './queries.ts';
import { hydrateTasks } from './hydrate.ts';
import { escapeLike } from './rules.ts';
import { TASK_STATUS, overdueCutoff } from '../../domain/tasks.ts';
import { planTimeZone } from '../preferences/handlers.ts';
import { resolveDepartment } from '../departments/handlers.ts';
import { districtQueries } from '../districts/queries.ts';

export function filterParams(ctx: StoreContext, planId: string, f: TaskFilter = {}): TaskFilterParams {
  const search = f.search?.trim();
  return {
    planId,
    leadDepartmentId: f.leadDepartmentId ?? null,
    participatingDepartmentId: f.participatingDepartmentId ?? null,
    departmentId: f.departmentId ?? null,
    districtId: f.districtId ?? null,
    statuses: f.status && f.status.length ? JSON.stringify(f.status) : null,
    deadlineFrom: f.deadlineFrom || null,
    deadlineTo: f.deadlineTo || null,
    overdueBefore: f.overdueOnly ? overdueCutoff(ctx.now(), planTimeZone(ctx)) : null,
    doneStatus: TASK_STATUS.done,
    search: search ? `%${escapeLike(search)}%` : null,
  };
}

export function getTask(ctx: StoreContext, taskId: string): Task {
  const row = taskQueries(ctx.db).byId.get(taskId);
  if (!row) throw notFound('任务', taskId);
  const [task] = hydrateTasks(ctx, [row]);
  if (!task) throw notFound('任务', taskId);
  return task;
}

/** Resolves department names (or aliases) to ids; unknown names are reported, not created. */
export function resolveUnitNames(ctx: StoreContext, names: readonly string[], field: string, issues: ErrorIssue[]): string[] {
  const ids: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const u = resolveDepartment(ctx, name);
    if (!u) issues.push({ field, message: `未知的单位“${name}”，请从单位列表中选择或先添加该单位`, reason: 'task.unknownDepartment', params: { name } });
    else if (!ids.includes(u.id)) ids.push(u.id);
  }
  return ids;
}

export function resolveDistrictNames(ctx: StoreContext, names: readonly string[], issues: ErrorIssue[]): string[] {
  const ids: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const d = districtQueries(ctx.db).byName.get(name) ?? districtQueries(ctx.db).byId.get(name);
    if (!d) issues.push({ field: 'districts', message: `未知的区县“${name}”`, reason: 'task.unknownDistrict', params: { name } });
    else if (!ids.includes(d.id)) ids.push(d.id);
  }
  return ids;
}
