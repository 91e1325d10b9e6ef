/**
 * Reading plans: what nearly every domain needs (getPlanRow) and what the document and the overview
 * show. Its own module, not handlers.ts, so that a domain plans.document reads (tasks) can use it
 * without an import cycle through handlers.ts → document.ts.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError, notFound } from '../errors.ts';
import type { PlanOverview, PlanSummary } from '../../contract/entities.ts';
import { planQueries, toPlanHeader, toPlanSummary, type PlanRow } from './queries.ts';
import { listPlanDistricts, toDistrict } from '../districts/handlers.ts';
import { districtQueries } from '../districts/queries.ts';
import { listTargets } from '../targets/handlers.ts';
import { listClusters } from '../clusters/list.ts';
import { listIndicators } from '../indicators/list.ts';
import { docNumberKey, sameDocNumber } from '../../domain/doc-number.ts';

export function listPlans(ctx: StoreContext, options: { includeArchived?: boolean | undefined } = {}): PlanSummary[] {
  return planQueries(ctx.db).list.all({ all: options.includeArchived ? 1 : 0 }).map(toPlanSummary);
}

export function getPlanRow(ctx: StoreContext, planId: string): PlanRow {
  const row = planQueries(ctx.db).byId.get(planId);
  if (!row) throw notFound('规划', planId);
  return row;
}

/** Another plan of the file (archived ones too) with this 文号, however its brackets were typed (domain/doc-number.ts), or null. */
export function planWithDocNumber(ctx: StoreContext, docNumber: string, exceptPlanId: string | null): PlanRow | null {
  if (docNumberKey(docNumber) === '') return null;
  return planQueries(ctx.db).withDocNumber.all().find((p) => p.id !== exceptPlanId && sameDocNumber(p.doc_number, docNumber)) ?? null;
}

/**
 * plans.create and plans.update refuse a 文号 another plan has: one document, one plan (a later period's
 * plan, or a copy, gets its own number; a document drafted again is compared with its plan instead).
 */
export function assertDocNumberFree(ctx: StoreContext, docNumber: string, exceptPlanId: string | null): void {
  const creating = exceptPlanId === null;
  const other = planWithDocNumber(ctx, docNumber, exceptPlanId);
  if (!other) return;
  const params = { docNumber: docNumber.trim(), title: other.title };
  throw new PlanDeskError(
    'CONFLICT',
    `文号“${params.docNumber}”已是规划“${other.title}”的文号，一个文号只对应一个规划，${creating ? '未创建' : '未保存'}`,
    [{ field: 'docNumber', message: `文号：已是规划“${other.title}”的文号`, reason: 'plan.docNumberTakenField', params }],
    { reason: creating ? 'plan.docNumberTakenCreate' : 'plan.docNumberTaken', params },
  );
}

/** Finds a plan by its id or by its document number (文号). */
export function resolvePlan(ctx: StoreContext, ref: string): PlanRow {
  const q = planQueries(ctx.db);
  const byId = q.byId.get(ref);
  if (byId) return byId;
  const byDoc = q.byDocNumber.all(ref);
  if (byDoc.length === 1 && byDoc[0]) return byDoc[0];
  if (byDoc.length > 1)
    throw new PlanDeskError('CONFLICT', `文号“${ref}”对应 ${byDoc.length} 个规划，请改用规划编号：${byDoc.map((p) => p.id).join('、')}`);
  throw notFound('规划（编号或文号）', ref);
}

/**
 * The 片区 with targets in a plan (中心城区, 主城新区, “两群”地区 in 26号): district-scope rows outside
 * the plan's district list whose district is of kind 'area' (migration 006; the seeds' `a-…`). Counted
 * the same way as planSummary.areaCount (db/plans/queries.ts).
 */
function planAreas(ctx: StoreContext, planId: string, inPlan: Set<string>): PlanOverview['areas'] {
  const byArea = new Map<string, PlanOverview['areas'][number]>();
  for (const tv of listTargets(ctx, planId, 'district')) {
    if (tv.value === null || tv.scopeId === null || inPlan.has(tv.scopeId)) continue;
    let area = byArea.get(tv.scopeId);
    if (!area) {
      const d = districtQueries(ctx.db).byId.get(tv.scopeId);
      if (!d || d.kind !== 'area') continue;
      area = { ...toDistrict(d), targets: [] };
      byArea.set(d.id, area);
    }
    area.targets.push(tv);
  }
  return [...byArea.values()];
}

export function getPlanOverview(ctx: StoreContext, planId: string): PlanOverview {
  const plan = getPlanRow(ctx, planId);
  const districts = listPlanDistricts(ctx, planId);
  return {
    plan: toPlanHeader(plan),
    districts,
    areas: planAreas(ctx, planId, new Set(districts.map((d) => d.id))),
    clusters: listClusters(ctx, planId),
    indicators: listIndicators(ctx, planId),
    taskCount: planQueries(ctx.db).taskCount.get(planId)?.n ?? 0,
  };
}
