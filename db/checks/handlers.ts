/**
 * Consistency checks of the plans, computed in the core: sums against stated totals, stated growth
 * against implied growth, the same measure in two plans, task deadlines and lead departments,
 * priority industries against the plan's limit. Read-only: the checks never change the plan file.
 */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { checkOps, Finding } from '../../contract/ops/checks.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { loadAllPlans } from './data.ts';
import { sumFindings } from './sums.ts';
import { growthFindings } from './growth.ts';
import { crossPlanFindings } from './crossPlan.ts';
import { taskFindings } from './tasks.ts';
import { getCheckSettings, setCheckSettings } from './settings.ts';
import { runSteps, runStepsSliced, type Steps } from './steps.ts';
import type { Slicer } from '../jobs/jobs.ts';

const SEVERITY_ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };
const KIND_ORDER: Record<Finding['kind'], number> = { sum: 0, growth: 1, cross_plan: 2, priority: 3, deadline: 4, lead: 5 };

type CheckRun = { findings: Finding[]; settings: { growthTolerancePoints: string }; planCount: number };

function* checkSteps(ctx: StoreContext, planId?: string): Steps<CheckRun> {
  if (planId !== undefined) getPlanRow(ctx, planId);
  const settings = getCheckSettings(ctx);
  const plans = yield* loadAllPlans(ctx);
  const chosen = planId === undefined ? plans : plans.filter((p) => p.plan.id === planId);
  const findings: Finding[] = [];
  for (const d of chosen) {
    findings.push(...sumFindings(d), ...growthFindings(d, settings.growthTolerancePoints), ...(yield* taskFindings(d)));
  }
  findings.push(...crossPlanFindings(plans).filter((f) => planId === undefined || f.cells.some((c) => c.planId === planId)));
  const planOrder = new Map(plans.map((p, i) => [p.plan.id, i]));
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (planOrder.get(a.planId) ?? 0) - (planOrder.get(b.planId) ?? 0),
  ); // stable: within a kind, the plan's own order (tasks, indicators, districts)
  return { findings, settings, planCount: chosen.length };
}

/** The checks at once (checks.run: a short synchronous call on the store's connection). */
export function runChecks(ctx: StoreContext, planId?: string): CheckRun {
  return runSteps(checkSteps(ctx, planId));
}

/** The same checks in time slices, on a read snapshot (the workbook export's 一致性检查 sheet). */
export function runChecksSliced(snap: StoreContext, slice: Slicer, planId?: string): Promise<CheckRun> {
  return runStepsSliced(snap, checkSteps(snap, planId), slice);
}

export const checkHandlers = {
  'checks.run': (ctx, input) => runChecks(ctx, input.planId),
  'checks.settings.get': (ctx) => getCheckSettings(ctx),
  'checks.settings.set': (ctx, input) => setCheckSettings(ctx, input),
} satisfies HandlersFor<typeof checkOps, StoreContext>;
