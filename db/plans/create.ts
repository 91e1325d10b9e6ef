/**
 * plans.create: a blank plan, or a copy of another plan for a new period. One change set: undo
 * removes the new plan with everything written into it (recorded plan first, its records after, so
 * undo removes them in the reverse order).
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { runChange, type ChangeRecorder, type WithChanges } from '../audit/recorder.ts';
import type { PlanHeader } from '../../contract/entities.ts';
import type { CopyFrom } from '../../contract/ops/plans.ts';
import { INITIAL_TASK_STATUS } from '../../domain/tasks.ts';
import { planQueries, toPlanHeader, type PlanRow } from './queries.ts';
import { newPlanRow, type HeaderInput } from './rules.ts';
import { assertDocNumberFree, getPlanRow } from './read.ts';
import { contentQueries } from './content-queries.ts';
import { districtQueries } from '../districts/queries.ts';
import { clusterQueries } from '../clusters/queries.ts';
import { indicatorQueries } from '../indicators/queries.ts';
import { targetQueries } from '../targets/queries.ts';
import { taskQueries } from '../tasks/queries.ts';
import { checkDistrictIds } from './districts.ts';

export interface CreatePlanInput {
  header: HeaderInput;
  districtIds?: string[] | undefined;
  copyFrom?: CopyFrom | undefined;
}

/**
 * A new plan's header row, checked (plans.create's checks, refused naming the field): also the
 * drafter's (db/draft/create.ts), so a plan drafted from a document is checked as one typed in.
 * `order` places it after the plans already in the file (and the ones created before it in the same step).
 */
export function newPlan(ctx: StoreContext, id: string, header: HeaderInput, extra: { origin?: PlanRow | null; maxPriorityIndustries?: number | null; order?: number }): PlanRow {
  const pq = planQueries(ctx.db);
  assertDocNumberFree(ctx, header.docNumber ?? '', null);
  return newPlanRow(id, header, {
    sortOrder: (pq.maxOrder.get()?.n ?? -1) + 1 + (extra.order ?? 0),
    now: ctx.now(),
    originPlanId: extra.origin?.id ?? null,
    maxPriorityIndustries: extra.origin?.max_priority_industries ?? extra.maxPriorityIndustries ?? null,
  });
}

/** The label of a new plan's change set (its undo: 撤销：新建规划“…”). */
export const newPlanLabel = (row: PlanRow, origin: PlanRow | null = null): string => (origin ? `复制规划“${origin.title}”为“${row.title}”` : `新建规划“${row.title}”`);

/** Writes a new plan's header inside a change, recorded first so that undo removes it last. */
export function insertNewPlan(ctx: StoreContext, rec: ChangeRecorder, row: PlanRow): void {
  planQueries(ctx.db).insert.run(row);
  rec.inserted('plan', row.id);
}

export function createPlan(ctx: StoreContext, input: CreatePlanInput): WithChanges<PlanHeader> {
  const origin = input.copyFrom ? getPlanRow(ctx, input.copyFrom.planId) : null;
  const row = newPlan(ctx, `p-${randomUUID()}`, input.header, { origin });
  const extraDistricts = checkDistrictIds(ctx, input.districtIds ?? []);
  const label = newPlanLabel(row, origin);
  return runChange(ctx, { label, planId: row.id }, (rec) => {
    insertNewPlan(ctx, rec, row);
    const dq = districtQueries(ctx.db);
    const inPlan = new Set<string>();
    if (origin && input.copyFrom) {
      for (const d of copyContent(ctx, rec, origin, row, input.copyFrom)) inPlan.add(d);
    }
    let order = inPlan.size;
    for (const id of extraDistricts) {
      if (inPlan.has(id)) continue;
      inPlan.add(id);
      dq.insertPlanDistrict.run({ plan_id: row.id, district_id: id, priority_industries: '[]', featured_industries: '[]', note: null, source: null, sort_order: order++ });
      rec.inserted('plan_district', `${row.id}|${id}`);
    }
    return toPlanHeader(row);
  });
}

/** Writes the origin's districts, clusters, indicators (and targets, tasks as asked) into the new plan; returns its district ids. */
function copyContent(ctx: StoreContext, rec: ChangeRecorder, origin: PlanRow, plan: PlanRow, how: CopyFrom): string[] {
  const cq = contentQueries(ctx.db);
  const dq = districtQueries(ctx.db);
  const districts: string[] = [];
  for (const pd of cq.planDistricts.all(origin.id)) {
    dq.insertPlanDistrict.run({ ...pd, plan_id: plan.id });
    rec.inserted('plan_district', `${plan.id}|${pd.district_id}`);
    districts.push(pd.district_id);
  }
  const clusterIds = new Map<string, string>();
  for (const c of cq.clusters.all(origin.id)) {
    const id = randomUUID();
    clusterIds.set(c.id, id);
    clusterQueries(ctx.db).insert.run({ ...c, id, plan_id: plan.id });
    rec.inserted('cluster', id);
  }
  const indicatorIds = new Map<string, string>();
  for (const i of cq.indicators.all(origin.id)) {
    const id = randomUUID();
    indicatorIds.set(i.id, id);
    indicatorQueries(ctx.db).insert.run({ ...i, id, plan_id: plan.id });
    rec.inserted('indicator', id);
  }
  if (how.targets === 'keep') {
    for (const t of cq.targets.all(origin.id)) {
      const indicatorId = indicatorIds.get(t.indicator_id);
      const scopeId = t.scope === 'cluster' ? clusterIds.get(t.scope_id) : t.scope_id;
      if (indicatorId === undefined || scopeId === undefined) continue;
      const id = randomUUID();
      targetQueries(ctx.db).insert.run({ ...t, id, indicator_id: indicatorId, scope_id: scopeId });
      rec.inserted('target', id);
    }
  }
  if (how.tasks) copyTasks(ctx, rec, origin.id, plan.id);
  return districts;
}

function copyTasks(ctx: StoreContext, rec: ChangeRecorder, fromPlan: string, toPlan: string): void {
  const cq = contentQueries(ctx.db);
  const kq = taskQueries(ctx.db);
  const departments = groupByTask(cq.taskDepartments.all(fromPlan));
  const districts = groupByTask(cq.taskDistricts.all(fromPlan));
  const now = ctx.now();
  for (const t of cq.tasks.all(fromPlan)) {
    const id = randomUUID();
    // A new period's ledger starts afresh: the carried task is not started, with no progress of the last period.
    kq.insert.run({ ...t, id, plan_id: toPlan, status: INITIAL_TASK_STATUS, progress: null, updated_at: now });
    for (const u of departments.get(t.id) ?? []) kq.insertUnit.run(id, u.department_id, u.role, u.position);
    for (const d of districts.get(t.id) ?? []) kq.insertDistrict.run(id, d.district_id, d.position);
    rec.inserted('task', id);
  }
}

// Map.groupBy is Node 21+; the app supports Node 20.
function groupByTask<T extends { task_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.task_id);
    if (list) list.push(r);
    else out.set(r.task_id, [r]);
  }
  return out;
}
