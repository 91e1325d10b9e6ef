/** Everything the checks read of one plan, loaded once per run. */
import type { StoreContext } from '../context.ts';
import { planQueries, type PlanRow } from '../plans/queries.ts';
import { indicatorQueries, type IndicatorRow } from '../indicators/queries.ts';
import { clusterQueries, type ClusterRow } from '../clusters/queries.ts';
import { districtQueries, type PlanDistrictRow } from '../districts/queries.ts';
import type { TargetRow } from '../targets/queries.ts';
import { checkQueries, type CheckTaskRow } from './queries.ts';
import { formatNumber } from './format.ts';
import { STEP_ROWS, type Steps } from './steps.ts';

export interface PlanData {
  plan: PlanRow;
  /** "渝府〔2023〕13号" or, without a document number, the title */
  planLabel: string;
  indicators: IndicatorRow[];
  indicatorById: Map<string, IndicatorRow>;
  targets: TargetRow[];
  clusters: ClusterRow[];
  planDistricts: PlanDistrictRow[];
  tasks: CheckTaskRow[];
  /** name of a district or cluster by id */
  nameOf(scope: TargetRow['scope'], scopeId: string): string;
}

export function* loadPlanData(ctx: StoreContext, plan: PlanRow, districtNames: Map<string, string>): Steps<PlanData> {
  const tasks: CheckTaskRow[] = [];
  for (const t of checkQueries(ctx.db).tasksOfPlan.iterate(plan.id)) {
    if (tasks.push(t) % STEP_ROWS === 0) yield;
  }
  const indicators = indicatorQueries(ctx.db).ofPlan.all(plan.id);
  const clusters = clusterQueries(ctx.db).ofPlan.all(plan.id);
  const clusterNames = new Map(clusters.map((c) => [c.id, c.name]));
  return {
    plan,
    planLabel: plan.doc_number || plan.title,
    indicators,
    indicatorById: new Map(indicators.map((i) => [i.id, i])),
    targets: checkQueries(ctx.db).targetsOfPlan.all(plan.id),
    clusters,
    planDistricts: districtQueries(ctx.db).ofPlan.all(plan.id),
    tasks,
    nameOf: (scope, scopeId) =>
      scope === 'plan' ? '规划总量' : scope === 'district' ? (districtNames.get(scopeId) ?? scopeId) : (clusterNames.get(scopeId) ?? scopeId),
  };
}

export function* loadAllPlans(ctx: StoreContext): Steps<PlanData[]> {
  const districtNames = new Map(districtQueries(ctx.db).all.all().map((d) => [d.id, d.name]));
  const out: PlanData[] = [];
  for (const p of planQueries(ctx.db).list.all({ all: 1 })) out.push(yield* loadPlanData(ctx, p, districtNames));
  return out;
}

/** The words of a target cell's label, for fd.cell.target: who (plan content, or the plan total), year, quarter, kind, value. */
export function targetLabelParams(d: PlanData, t: TargetRow): { scope: string; who: string; year: number; period: string; kind: string; value: string } {
  const ind = d.indicatorById.get(t.indicator_id);
  return {
    scope: t.scope, who: t.scope === 'plan' ? '' : d.nameOf(t.scope, t.scope_id), year: t.year, period: t.period, kind: t.kind,
    value: t.text ?? `${formatNumber(t.value ?? '')}${ind?.unit ?? ''}`,
  };
}

/** "营业收入 2027年目标 3000亿元" as a cell label. */
export function targetLabel(d: PlanData, t: TargetRow): string {
  const ind = d.indicatorById.get(t.indicator_id);
  const who = d.nameOf(t.scope, t.scope_id);
  return `${who} ${t.year}年${t.period ? t.period : ''}${t.kind === 'actual' ? '实际' : '目标'} ${t.text ?? `${formatNumber(t.value ?? '')}${ind?.unit ?? ''}`}`;
}
