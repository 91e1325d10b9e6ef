import type { StoreContext } from '../context.ts';
import { PlanDeskError, notFound } from '../errors.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import type { PlanHeader, PlanOverview, PlanSummary } from '../../contract/entities.ts';
import type { HandlersFor, PlanPatch } from '../../contract/operations.ts';
import type { planOps } from '../../contract/ops/plans.ts';
import { planQueries, toPlanHeader, toPlanSummary, type PlanRow } from './queries.ts';
import { applyPlanPatch } from './rules.ts';
import { listPlanDistricts } from '../districts/handlers.ts';
import { listClusters } from '../clusters/list.ts';
import { listIndicators } from '../indicators/list.ts';
import { planDocument } from './document.ts';

export function listPlans(ctx: StoreContext): PlanSummary[] {
  return planQueries(ctx.db).list.all().map(toPlanSummary);
}

export function getPlanRow(ctx: StoreContext, planId: string): PlanRow {
  const row = planQueries(ctx.db).byId.get(planId);
  if (!row) throw notFound('规划', planId);
  return row;
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

export function getPlanOverview(ctx: StoreContext, planId: string): PlanOverview {
  const plan = getPlanRow(ctx, planId);
  return {
    plan: toPlanHeader(plan),
    districts: listPlanDistricts(ctx, planId),
    clusters: listClusters(ctx, planId),
    indicators: listIndicators(ctx, planId),
    taskCount: planQueries(ctx.db).taskCount.get(planId)?.n ?? 0,
  };
}

export function updatePlan(ctx: StoreContext, planId: string, patch: PlanPatch): WithChanges<PlanHeader> {
  const current = getPlanRow(ctx, planId);
  const next = applyPlanPatch(current, patch, ctx.now());
  return runChange(ctx, { label: '修改规划信息', planId }, (rec) => {
    planQueries(ctx.db).update.run(next);
    for (const key of ['title', 'doc_number', 'issuer', 'issue_date', 'period_start', 'period_end', 'source'] as const) {
      rec.update('plan', planId, key, current[key], next[key]);
    }
    return toPlanHeader(next);
  });
}

export const planHandlers = {
  'plans.list': (ctx) => listPlans(ctx),
  'plans.get': (ctx, input) => getPlanOverview(ctx, input.planId),
  'plans.update': (ctx, input) => updatePlan(ctx, input.planId, input.patch),
  'plans.resolve': (ctx, input) => toPlanHeader(resolvePlan(ctx, input.ref)),
  'plans.document': (ctx, input) => planDocument(ctx, input.planId),
} satisfies HandlersFor<typeof planOps, StoreContext>;
