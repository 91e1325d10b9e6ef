import type { StoreContext } from '../context.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import type { PlanHeader } from '../../contract/entities.ts';
import type { HandlersFor, PlanPatch } from '../../contract/operations.ts';
import type { planOps } from '../../contract/ops/plans.ts';
import { planQueries, toPlanHeader } from './queries.ts';
import { applyPlanPatch, headerFieldOrder } from './rules.ts';
import { assertDocNumberFree, getPlanOverview, getPlanRow, listPlans, resolvePlan } from './read.ts';
import { docNumberKey } from '../../domain/doc-number.ts';
import { planDocument } from './document.ts';
import { createPlan } from './create.ts';
import { deletePlanAtOnce, setArchived } from './delete.ts';
import { startDeletePlanJob, startUndeletePlanJob } from './delete-job.ts';
import { addDistricts, districtUse, removeDistricts } from './districts.ts';

// Reading plans lives in read.ts (plans.document's tasks need getPlanRow); other domains may import it from here.
export { getPlanOverview, getPlanRow, listPlans, resolvePlan } from './read.ts';


export function updatePlan(ctx: StoreContext, planId: string, patch: PlanPatch): WithChanges<PlanHeader> {
  const current = getPlanRow(ctx, planId);
  const next = applyPlanPatch(current, patch, ctx.now());
  // Only a 文号 that changes is checked: a header saved with its number as it was is never refused for it.
  if (docNumberKey(next.doc_number) !== docNumberKey(current.doc_number)) assertDocNumberFree(ctx, next.doc_number, planId);
  return runChange(ctx, { label: '修改规划信息', planId }, (rec) => {
    planQueries(ctx.db).update.run(next);
    for (const key of headerFieldOrder(current, next, ['title', 'doc_number', 'issuer', 'issue_date', 'source'] as const)) {
      rec.update('plan', planId, key, current[key], next[key]);
    }
    return toPlanHeader(next);
  });
}

export const planHandlers = {
  'plans.list': (ctx, input) => listPlans(ctx, { includeArchived: input.includeArchived }),
  'plans.get': (ctx, input) => getPlanOverview(ctx, input.planId),
  'plans.update': (ctx, input) => updatePlan(ctx, input.planId, input.patch),
  'plans.resolve': (ctx, input) => toPlanHeader(resolvePlan(ctx, input.ref)),
  'plans.document': (ctx, input) => planDocument(ctx, input.planId),
  'plans.create': (ctx, input) => createPlan(ctx, input),
  'plans.archive': (ctx, input) => setArchived(ctx, input.planId, true),
  'plans.unarchive': (ctx, input) => setArchived(ctx, input.planId, false),
  'plans.delete': (ctx, input) => deletePlanAtOnce(ctx, input.planId),
  'plans.deleteStart': (ctx, input) => startDeletePlanJob(ctx, input.planId),
  'plans.undeleteStart': (ctx, input) => startUndeletePlanJob(ctx, input.planId),
  'plans.addDistricts': (ctx, input) => addDistricts(ctx, input.planId, input),
  'plans.districtUse': (ctx, input) => districtUse(ctx, input.planId, input.districtIds),
  'plans.removeDistricts': (ctx, input) => removeDistricts(ctx, input.planId, input.districtIds, input.confirm ?? false),
} satisfies HandlersFor<typeof planOps, StoreContext>;
