import type { StoreContext } from '../context.ts';
import { invalid, notFound, type ErrorIssue } from '../errors.ts';
import { runChange } from '../audit/recorder.ts';
import type { Task } from '../../contract/entities.ts';
import type { HandlersFor, TaskFilter, TaskPatch } from '../../contract/operations.ts';
import type { taskOps } from '../../contract/ops/tasks.ts';
import { taskQueries, type TaskFilterParams, type TaskRow, type TaskSortKey } from './queries.ts';
import { currentMonth, escapeLike, parseDeadline } from './rules.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { resolveUnit } from '../units/handlers.ts';
import { districtQueries } from '../districts/queries.ts';
import { createTask, deleteTasks, locateTask, renumberTasks, taskStats, updateTasks } from './edits.ts';

export function filterParams(ctx: StoreContext, planId: string, f: TaskFilter = {}): TaskFilterParams {
  const search = f.search?.trim();
  return {
    planId,
    leadUnitId: f.leadUnitId ?? null,
    participatingUnitId: f.participatingUnitId ?? null,
    unitId: f.unitId ?? null,
    districtId: f.districtId ?? null,
    statuses: f.status && f.status.length ? JSON.stringify(f.status) : null,
    deadlineFrom: f.deadlineFrom || null,
    deadlineTo: f.deadlineTo || null,
    overdueBefore: f.overdueOnly ? currentMonth(ctx.now()) : null,
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
    leadUnits: lead.get(r.id) ?? [],
    participatingUnits: part.get(r.id) ?? [],
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
    const u = resolveUnit(ctx, name);
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

export function updateTask(ctx: StoreContext, taskId: string, patch: TaskPatch): Task {
  const before = getTask(ctx, taskId);
  const current = taskQueries(ctx.db).byId.get(taskId);
  if (!current) throw notFound('任务', taskId);
  const plan = getPlanRow(ctx, current.plan_id);
  const issues: ErrorIssue[] = [];

  const next: TaskRow = { ...current, updated_at: ctx.now() };
  if (patch.title !== undefined) {
    next.title = patch.title.trim();
    if (!next.title) issues.push({ field: 'title', message: '任务名称不能为空' });
  }
  if (patch.number !== undefined) next.number = patch.number.trim();
  if (patch.section !== undefined) next.section = patch.section;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.progress !== undefined) next.progress = patch.progress;
  if (patch.quantitativeGoal !== undefined) next.quantitative_goal = patch.quantitativeGoal;
  if (patch.deadline !== undefined) {
    const raw = patch.deadline?.trim() ?? '';
    if (raw === '') {
      next.deadline = null;
      next.deadline_text = null;
    } else {
      const parsed = parseDeadline(raw);
      if (!parsed) issues.push({ field: 'deadline', message: `“${raw}”不是有效的完成时限，请写成 2027-12 或 2027年12月` });
      else {
        const year = Number(parsed.slice(0, 4));
        if (year < plan.period_start || year > plan.period_end)
          issues.push({ field: 'deadline', message: `完成时限 ${parsed} 超出规划期（${plan.period_start}—${plan.period_end}年）` });
        next.deadline = parsed;
        next.deadline_text = null;
      }
    }
  }
  const leadIds = patch.leadUnits ? resolveUnitNames(ctx, patch.leadUnits, 'leadUnits', issues) : null;
  const partIds = patch.participatingUnits ? resolveUnitNames(ctx, patch.participatingUnits, 'participatingUnits', issues) : null;
  const districtIds = patch.districts ? resolveDistrictNames(ctx, patch.districts, issues) : null;
  if (issues.length) throw invalid(`任务“${before.number} ${before.title}”有 ${issues.length} 处错误，未保存`, issues);

  const q = taskQueries(ctx.db);
  return runChange(ctx, { label: `修改任务 ${before.number}`, planId: plan.id }, (rec) => {
    q.update.run(next);
    for (const key of ['number', 'section', 'title', 'description', 'deadline', 'deadline_text', 'status', 'progress', 'quantitative_goal'] as const) {
      rec.update('task', taskId, key, current[key], next[key]);
    }
    const replaceUnits = (role: 'lead' | 'participating', ids: string[], old: { id: string }[]) => {
      q.clearUnits.run(taskId, role);
      ids.forEach((uid, i) => q.insertUnit.run(taskId, uid, role, i));
      rec.update('task', taskId, role === 'lead' ? 'lead_units' : 'participating_units', old.map((u) => u.id), ids);
    };
    if (leadIds) replaceUnits('lead', leadIds, before.leadUnits);
    if (partIds) replaceUnits('participating', partIds, before.participatingUnits);
    if (districtIds) {
      q.clearDistricts.run(taskId);
      districtIds.forEach((did, i) => q.insertDistrict.run(taskId, did, i));
      rec.update('task', taskId, 'districts', before.districts.map((d) => d.id), districtIds);
    }
    return getTask(ctx, taskId);
  });
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
