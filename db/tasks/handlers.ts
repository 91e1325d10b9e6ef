import type { StoreContext } from '../context.ts';
import { notFound, type ErrorIssue } from '../errors.ts';
import type { Task } from '../../contract/entities.ts';
import type { HandlersFor, TaskFilter } from '../../contract/operations.ts';
import type { taskOps } from '../../contract/ops/tasks.ts';
import { taskQueries, type TaskFilterParams, type TaskSortKey } from './queries.ts';
import { escapeLike } from './rules.ts';
import { TASK_STATUS, overdueCutoff } from '../../domain/tasks.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { resolveDepartment } from '../departments/handlers.ts';
import { districtQueries } from '../districts/queries.ts';
import { createTask, deleteTasks, locateTask, renumberTasks, taskStats, updateTask, updateTasks } from './edits.ts';

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
    overdueBefore: f.overdueOnly ? overdueCutoff(ctx.now()) : null,
    doneStatus: TASK_STATUS.done,
    search: search ? `%${escapeLike(search)}%` : null,
  };
}

// Row → API mapping lives in hydrate.ts so the change sets (db/audit/changes.ts) can use it without an import cycle.
export { hydrateTasks } from './hydrate.ts';
import { hydrateTasks } from './hydrate.ts';

export function listTasks(
  ctx: StoreContext,
  input: { planId: string; filter?: TaskFilter | undefined; sort?: TaskSortKey | undefined; offset?: number | undefined; limit?: number | undefined },
): { total: number; rows: Task[] } {
  getPlanRow(ctx, input.planId);
  const params = filterParams(ctx, input.planId, input.filter);
  const q = taskQueries(ctx.db);
  const total = q.count.get(params)?.n ?? 0;
  const rows = q.page[input.sort ?? 'order'].all({ ...params, limit: input.limit ?? 200, offset: input.offset ?? 0 });
  return { total, rows: hydrateTasks(ctx, rows) };
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
    if (!u) issues.push({ field, message: `未知的单位“${name}”，请从单位列表中选择或先添加该单位` });
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
    if (!d) issues.push({ field: 'districts', message: `未知的区县“${name}”` });
    else if (!ids.includes(d.id)) ids.push(d.id);
  }
  return ids;
}


export const taskHandlers = {
  'tasks.list': (ctx, input) => listTasks(ctx, input),
  'tasks.update': (ctx, input) => updateTask(ctx, input.taskId, input.patch),
  'tasks.updateMany': (ctx, input) => updateTasks(ctx, input.planId, input.updates),
  'tasks.create': (ctx, input) => createTask(ctx, input.planId, input.afterTaskId, input.patch),
  'tasks.delete': (ctx, input) => deleteTasks(ctx, input.planId, input.taskIds),
  'tasks.renumber': (ctx, input) => renumberTasks(ctx, input.planId),
  'tasks.stats': (ctx, input) => taskStats(ctx, input.planId, input.filter),
  'tasks.locate': (ctx, input) => locateTask(ctx, input.planId, input.taskId, input.filter),
} satisfies HandlersFor<typeof taskOps, StoreContext>;
