/**
 * Task ledger edits beyond one field: many rows at once (a paste), new tasks, deletes, renumbering,
 * and the figures the ledger's charts show. Each is checked first and written as one undo step.
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { invalid, notFound, type ErrorIssue } from '../errors.ts';
import { runChange, type ChangeRecorder, type WithChanges } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import type { Task } from '../../contract/entities.ts';
import type { TaskFilter, TaskPatch } from '../../contract/operations.ts';
import type { TaskStats } from '../../contract/ops/tasks.ts';
import { noCondition, taskQueries, type TaskRow } from './queries.ts';
import { taskEditQueries } from './edit-queries.ts';
import { checkDeadline, checkTitle, nextTaskNumber } from './rules.ts';
import { INITIAL_TASK_STATUS, TASK_STATUSES, overdueCutoff } from '../../domain/tasks.ts';
import { planTimeZone } from '../preferences/handlers.ts';
import { filterParams, getTask, resolveDistrictNames, resolveUnitNames } from './read.ts';
import { hydrateTasks } from './hydrate.ts';
import { replaceLinks } from '../history/links.ts';
import { getPlanRow } from '../plans/read.ts';
import type { PlanRow } from '../plans/queries.ts';

interface PreparedPatch {
  before: Task;
  current: TaskRow;
  next: TaskRow;
  leadIds: string[] | null;
  partIds: string[] | null;
  districtIds: string[] | null;
}

/** Checks a patch against the plan; problems go to `issues` with the row (1-based) they concern. */
export function preparePatch(ctx: StoreContext, plan: PlanRow, current: TaskRow, patch: TaskPatch, row: number | undefined, issues: ErrorIssue[]): PreparedPatch {
  const local: ErrorIssue[] = [];
  const next: TaskRow = { ...current, updated_at: ctx.now() };
  if (patch.title !== undefined) {
    const c = checkTitle(patch.title);
    if (c.ok) next.title = c.value;
    else local.push({ field: 'title', message: c.message, reason: c.reason, params: c.params });
  }
  if (patch.number !== undefined) next.number = patch.number.trim();
  if (patch.section !== undefined) next.section = patch.section;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.progress !== undefined) next.progress = patch.progress;
  if (patch.quantitativeGoal !== undefined) next.quantitative_goal = patch.quantitativeGoal;
  if (patch.notes !== undefined) next.notes = blankToNull(patch.notes);
  if (patch.deadline !== undefined) {
    const c = checkDeadline(patch.deadline, plan.period_start, plan.period_end);
    if (c.ok) {
      next.deadline = c.value;
      next.deadline_text = null;
    } else local.push({ field: 'deadline', message: c.message, reason: c.reason, params: c.params });
  }
  if (patch.deadlineText !== undefined) next.deadline_text = blankToNull(patch.deadlineText);
  if (patch.source !== undefined) next.source = blankToNull(patch.source);
  const leadIds = patch.leadDepartments ? resolveUnitNames(ctx, patch.leadDepartments, 'leadDepartments', local) : null;
  const partIds = patch.participatingDepartments ? resolveUnitNames(ctx, patch.participatingDepartments, 'participatingDepartments', local) : null;
  const districtIds = patch.districts ? resolveDistrictNames(ctx, patch.districts, local) : null;
  for (const i of local) issues.push(row === undefined ? i : { ...i, row });
  return { before: getTask(ctx, current.id), current, next, leadIds, partIds, districtIds };
}

const FIELDS = ['number', 'section', 'title', 'description', 'deadline', 'deadline_text', 'status', 'progress', 'quantitative_goal', 'notes', 'source'] as const;

/** A text field emptied in a form is no text at all (null), not an empty string. */
function blankToNull(text: string | null): string | null {
  return text === null || text.trim() === '' ? null : text;
}

function sameIds(a: string[], b: { id: string }[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]?.id);
}

/** Writes a checked patch inside a change; returns whether anything changed. */
export function applyPatch(ctx: StoreContext, rec: ChangeRecorder, p: PreparedPatch): boolean {
  const q = taskQueries(ctx.db);
  const id = p.current.id;
  let changed = FIELDS.some((k) => p.current[k] !== p.next[k]);
  const leadChanged = p.leadIds !== null && !sameIds(p.leadIds, p.before.leadDepartments);
  const partChanged = p.partIds !== null && !sameIds(p.partIds, p.before.participatingDepartments);
  const distChanged = p.districtIds !== null && !sameIds(p.districtIds, p.before.districts);
  changed ||= leadChanged || partChanged || distChanged;
  if (!changed) return false;
  q.update.run(p.next);
  for (const key of FIELDS) rec.update('task', id, key, p.current[key], p.next[key]);
  rec.update('task', id, 'updated_at', p.current.updated_at, p.next.updated_at);
  // a department that stays keeps the name the document writes for it (migration 009), also for undo (history/links.ts)
  const replaceUnits = (role: 'lead' | 'participating', ids: string[]) => replaceLinks(ctx.db, rec, id, role, ids);
  if (leadChanged && p.leadIds) replaceUnits('lead', p.leadIds);
  if (partChanged && p.partIds) replaceUnits('participating', p.partIds);
  if (distChanged && p.districtIds) {
    q.clearDistricts.run(id);
    p.districtIds.forEach((did, i) => q.insertDistrict.run(id, did, i));
    rec.update('task', id, 'districts', p.before.districts.map((d) => d.id), p.districtIds);
  }
  return true;
}

/** One edit of one task (tasks.update): the same checks and writes as a paste of one row. */
export function updateTask(ctx: StoreContext, taskId: string, patch: TaskPatch): WithChanges<Task> {
  const current = taskQueries(ctx.db).byId.get(taskId);
  if (!current) throw notFound('任务', taskId);
  const plan = getPlanRow(ctx, current.plan_id);
  const issues: ErrorIssue[] = [];
  const p = preparePatch(ctx, plan, current, patch, undefined, issues);
  if (issues.length) throw invalid(`任务“${p.before.number} ${p.before.title}”有 ${issues.length} 处错误，未保存`, issues, { reason: 'task.notSaved', params: { task: `${p.before.number} ${p.before.title}`.trim(), count: issues.length } });
  return runChange(ctx, { label: `修改任务 ${p.before.number}`, planId: plan.id }, (rec) => {
    applyPatch(ctx, rec, p);
    return getTask(ctx, taskId);
  });
}

function taskOfPlan(ctx: StoreContext, planId: string, taskId: string): TaskRow {
  const row = taskQueries(ctx.db).byId.get(taskId);
  if (!row || row.plan_id !== planId) throw notFound('本规划的任务', taskId);
  return row;
}

export function updateTasks(ctx: StoreContext, planId: string, updates: { taskId: string; patch: TaskPatch; row?: number | undefined }[]): WithChanges<{ rows: Task[] }> {
  const plan = getPlanRow(ctx, planId);
  const issues: ErrorIssue[] = [];
  const prepared = updates.map((u, i) => preparePatch(ctx, plan, taskOfPlan(ctx, planId, u.taskId), u.patch, u.row ?? i + 1, issues));
  if (issues.length) {
    const message = updates.length === 1 ? `任务“${prepared[0]?.before.number ?? ''} ${prepared[0]?.before.title ?? ''}”有 ${issues.length} 处错误，未保存` : `${issues.length} 处错误，粘贴的内容全部未保存`;
    throw invalid(message, issues, updates.length === 1
      ? { reason: 'task.notSaved', params: { task: `${prepared[0]?.before.number ?? ''} ${prepared[0]?.before.title ?? ''}`.trim(), count: issues.length } }
      : { reason: 'task.pasteNotSaved', params: { count: issues.length } });
  }
  const label = updates.length === 1 ? `修改任务 ${prepared[0]?.before.number ?? ''}` : `粘贴到任务台账（${updates.length} 行）`;
  const willChange = prepared.some((p) => FIELDS.some((k) => p.current[k] !== p.next[k]) || p.leadIds || p.partIds || p.districtIds);
  if (!willChange) return { rows: prepared.map((p) => p.before), changes: noChanges(planId) };
  return runChange(ctx, { label, planId }, (rec) => {
    for (const p of prepared) applyPatch(ctx, rec, p);
    return { rows: hydrateTasks(ctx, prepared.map((p) => taskQueries(ctx.db).byId.get(p.current.id)).filter((r): r is TaskRow => !!r)) };
  });
}

export function createTask(ctx: StoreContext, planId: string, afterTaskId: string | undefined, patch: TaskPatch = {}, defaultTitle = '新任务'): WithChanges<Task> {
  const plan = getPlanRow(ctx, planId);
  const eq = taskEditQueries(ctx.db);
  const after = afterTaskId ? taskOfPlan(ctx, planId, afterTaskId) : null;
  const numbering = numberNewTask(ctx, planId, after, patch.section);
  const row: TaskRow = {
    id: randomUUID(), plan_id: planId, number: numbering.number,
    sort_order: after ? after.sort_order + 1 : (eq.maxOrder.get(planId)?.n ?? 0) + 1,
    section: numbering.section, title: defaultTitle, description: null, deadline: null, deadline_text: null, status: INITIAL_TASK_STATUS,
    progress: null, quantitative_goal: null, notes: null, source: null, updated_at: ctx.now(),
  };
  // Check the patch against a would-be row before anything is written.
  const issues: ErrorIssue[] = [];
  const probe = { ...row };
  if (patch.title !== undefined) {
    const c = checkTitle(patch.title);
    if (!c.ok) issues.push({ field: 'title', message: c.message, reason: c.reason, params: c.params });
    else probe.title = c.value;
  }
  if (patch.deadline !== undefined) {
    const c = checkDeadline(patch.deadline, plan.period_start, plan.period_end);
    if (!c.ok) issues.push({ field: 'deadline', message: c.message, reason: c.reason, params: c.params });
    else probe.deadline = c.value;
  }
  const leadIds = patch.leadDepartments ? resolveUnitNames(ctx, patch.leadDepartments, 'leadDepartments', issues) : [];
  const partIds = patch.participatingDepartments ? resolveUnitNames(ctx, patch.participatingDepartments, 'participatingDepartments', issues) : [];
  const districtIds = patch.districts ? resolveDistrictNames(ctx, patch.districts, issues) : [];
  if (issues.length) throw invalid(`新任务有 ${issues.length} 处错误，未添加`, issues, { reason: 'task.notAdded', params: { count: issues.length } });
  if (patch.number !== undefined) probe.number = patch.number.trim();
  if (patch.section !== undefined) probe.section = patch.section;
  if (patch.status !== undefined) probe.status = patch.status;
  if (patch.progress !== undefined) probe.progress = patch.progress;
  if (patch.description !== undefined) probe.description = patch.description;
  if (patch.quantitativeGoal !== undefined) probe.quantitative_goal = patch.quantitativeGoal;
  if (patch.notes !== undefined) probe.notes = blankToNull(patch.notes);
  if (patch.deadlineText !== undefined) probe.deadline_text = blankToNull(patch.deadlineText);
  if (patch.source !== undefined) probe.source = blankToNull(patch.source);

  const q = taskQueries(ctx.db);
  return runChange(ctx, { label: `添加任务${probe.number ? ` ${probe.number}` : ''}`, planId }, (rec) => {
    if (after) {
      // Make room: later tasks move down by one (highest first, each recorded for undo).
      for (const t of eq.after.all(planId, after.sort_order)) {
        eq.setOrder.run(t.sort_order + 1, t.id);
        rec.update('task', t.id, 'sort_order', t.sort_order, t.sort_order + 1);
      }
    }
    q.insert.run(probe);
    leadIds.forEach((u, i) => q.insertUnit.run(probe.id, u, 'lead', i));
    partIds.forEach((u, i) => q.insertUnit.run(probe.id, u, 'participating', i));
    districtIds.forEach((d, i) => q.insertDistrict.run(probe.id, d, i));
    rec.inserted('task', probe.id);
    return getTask(ctx, probe.id);
  });
}

/**
 * The section and number a new task gets (rules.ts nextTaskNumber): it joins the section of the row it is
 * added after (or of the plan's last task), unless the patch names one, and is numbered in that section's style.
 */
function numberNewTask(ctx: StoreContext, planId: string, after: TaskRow | null, sectionGiven: string | null | undefined): { number: string; section: string | null } {
  const eq = taskEditQueries(ctx.db);
  const section = sectionGiven !== undefined ? sectionGiven : after ? after.section : (eq.lastTask.get(planId)?.section ?? null);
  const inSection = eq.sectionNumbers.all(planId, section).map((t) => t.number);
  const anchor = after && after.section === section ? after.number : (inSection.at(-1) ?? null);
  const number = nextTaskNumber({ anchor, section: inSection, sectionTitle: section, used: eq.numbers.all(planId).map((t) => t.number) });
  return { number, section };
}

export function deleteTasks(ctx: StoreContext, planId: string, taskIds: string[]): WithChanges<{ deleted: number }> {
  getPlanRow(ctx, planId);
  const ids = [...new Set(taskIds)];
  const rows = ids.map((id) => taskOfPlan(ctx, planId, id));
  const eq = taskEditQueries(ctx.db);
  const label = rows.length === 1 ? `删除任务 ${rows[0]?.number ?? ''} ${rows[0]?.title ?? ''}` : `删除 ${rows.length} 项任务`;
  return runChange(ctx, { label, planId }, (rec) => {
    for (const r of rows) {
      rec.removing('task', r.id);
      eq.remove.run(r.id);
    }
    return { deleted: rows.length };
  });
}

export function renumberTasks(ctx: StoreContext, planId: string): WithChanges<{ changed: number }> {
  getPlanRow(ctx, planId);
  const eq = taskEditQueries(ctx.db);
  const list = eq.inOrder.all(planId);
  const changes = list.map((t, i) => ({ ...t, next: String(i + 1) })).filter((t) => t.number !== t.next);
  if (changes.length === 0) return { changed: 0, changes: noChanges(planId) };
  return runChange(ctx, { label: `任务重新编号（${changes.length} 项）`, planId }, (rec) => {
    const now = ctx.now();
    for (const t of changes) {
      eq.setNumber.run(t.next, now, t.id);
      rec.update('task', t.id, 'number', t.number, t.next);
    }
    return { changed: changes.length };
  });
}

export function taskStats(ctx: StoreContext, planId: string, filter: TaskFilter = {}): TaskStats {
  getPlanRow(ctx, planId);
  const eq = taskEditQueries(ctx.db);
  const params = filterParams(ctx, planId, filter);
  const month = overdueCutoff(ctx.now(), planTimeZone(ctx));
  // The whole plan: the figures the triggers keep (migration 005); a filter: the matching tasks counted.
  const rows = noCondition(params) ? taskQueries(ctx.db).keptFigures.all({ planId, month, doneStatus: params.doneStatus }) : eq.figures.all({ ...params, month });
  const names = new Map(eq.departmentNames.all().map((u) => [u.id, u.name]));
  const statusCounts = new Map<string, number>();
  const leads = new Map<string, Map<string, number>>();
  const units = new Map<string, { lead: number; participating: number }>();
  const byMonth: { month: string; count: number }[] = [];
  let overdue = 0;
  for (const r of rows) {
    if (r.k === 'status' && r.a) statusCounts.set(r.a, r.n);
    else if (r.k === 'month' && r.a) byMonth.push({ month: r.a, count: r.n });
    else if (r.k === 'overdue') overdue = r.n;
    else if ((r.k === 'lead' || r.k === 'participating') && r.a) {
      // One row per unit, role and status: leads by status for the stacked bars, totals per unit for the department list.
      const u = units.get(r.a) ?? { lead: 0, participating: 0 };
      u[r.k] += r.n;
      units.set(r.a, u);
      if (r.k === 'lead' && r.b) leads.set(r.a, (leads.get(r.a) ?? new Map<string, number>()).set(r.b, r.n));
    }
  }
  const sum = (counts: { count: number }[]) => counts.reduce((n, c) => n + c.count, 0);
  const byLead = [...leads.entries()]
    .map(([departmentId, counts]) => ({ departmentId, name: names.get(departmentId) ?? departmentId, counts: TASK_STATUSES.map((s) => ({ status: s, count: counts.get(s) ?? 0 })) }))
    .sort((a, b) => sum(b.counts) - sum(a.counts) || a.name.localeCompare(b.name, 'zh-CN'));
  const byDepartment = [...units.entries()]
    .map(([departmentId, u]) => ({ departmentId, name: names.get(departmentId) ?? departmentId, ...u }))
    .sort((a, b) => b.lead + b.participating - (a.lead + a.participating) || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    total: [...statusCounts.values()].reduce((a, b) => a + b, 0),
    overdue,
    byStatus: TASK_STATUSES.map((s) => ({ status: s, count: statusCounts.get(s) ?? 0 })),
    byLead,
    byMonth: byMonth.sort((a, b) => a.month.localeCompare(b.month)),
    byDepartment,
  };
}

export function locateTask(ctx: StoreContext, planId: string, taskId: string, filter: TaskFilter = {}): { index: number | null } {
  const r = taskEditQueries(ctx.db).locate.get({ ...filterParams(ctx, planId, filter), taskId });
  return { index: r && r.hit ? r.n : null };
}
