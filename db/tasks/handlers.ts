import type { StoreContext } from '../context.ts';
import { notFound, type ErrorIssue } from '../errors.ts';
import type { Task } from '../../contract/entities.ts';
import type { HandlersFor, TaskFilter } from '../../contract/operations.ts';
import type { taskOps } from '../../contract/ops/tasks.ts';
import { taskQueries, type TaskFilterParams, type TaskRow, type TaskSortKey } from './queries.ts';
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

/** Turns task rows into API tasks, loading their units and districts in two queries for the whole page. */
export function hydrateTasks(ctx: StoreContext, rows: TaskRow[]): Task[] {
  if (rows.length === 0) return [];
  const q = taskQueries(ctx.db);
  const ids = JSON.stringify(rows.map((r) => r.id));
  const lead = new Map<string, { id: string; name: string }[]>();
  const part = new Map<string, { id: string; name: string }[]>();
  for (const u of q.unitsOf.all(ids)) {
    const map = u.role === 'lead' ? lead : part;
    const list = map.get(u.task_id) ?? [];
    list.push({ id: u.id, name: u.name });
    map.set(u.task_id, list);
  }
  const districts = new Map<string, { id: string; name: string }[]>();
  for (const d of q.districtsOf.all(ids)) {
    const list = districts.get(d.task_id) ?? [];
    list.push({ id: d.id, name: d.name });
    districts.set(d.task_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    number: r.number,
    order: r.sort_order,
    section: r.section,
    title: r.title,
    description: r.description,
    leadDepartments: lead.get(r.id) ?? [],
    participatingDepartments: part.get(r.id) ?? [],
    districts: districts.get(r.id) ?? [],
    deadline: r.deadline,
    deadlineText: r.deadline_text,
    status: r.status,
    progress: r.progress,
    quantitativeGoal: r.quantitative_goal,
    source: r.source,
    updatedAt: r.updated_at,
  }));
}

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
