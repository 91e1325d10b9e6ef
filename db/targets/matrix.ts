/** The districts × years (or clusters × years) matrix of one indicator, with growth and totals. */
import type { StoreContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { TargetMatrix } from '../../contract/ops/targets.ts';
import { indicatorQueries } from '../indicators/queries.ts';
import { planQueries } from '../plans/queries.ts';
import { clusterQueries } from '../clusters/queries.ts';
import { matrixQueries } from './matrix-queries.ts';
import { sumGrowth, withFigures } from '../../domain/target-matrix.ts';
import { targetYearRange } from '../../domain/targets.ts';

export { sumGrowth };

/** Baseline year (when before the plan), every plan year, and the target year (when after it). */
export function matrixYears(periodStart: number, periodEnd: number, baselineYear: number | null, targetYear: number | null): number[] {
  // The columns are exactly the years a value may be set for (domain/targets.ts).
  const { first, last } = targetYearRange({ plan: { periodStart, periodEnd }, indicator: { baselineYear, targetYear } });
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export function targetMatrix(ctx: StoreContext, indicatorId: string, scope: 'district' | 'cluster', kind: 'target' | 'actual' = 'target'): TargetMatrix {
  const ind = indicatorQueries(ctx.db).byId.get(indicatorId);
  if (!ind) throw notFound('指标', indicatorId);
  const plan = planQueries(ctx.db).byId.get(ind.plan_id);
  if (!plan) throw notFound('规划', ind.plan_id);
  const q = matrixQueries(ctx.db);
  const years = matrixYears(plan.period_start, plan.period_end, ind.baseline_year, ind.target_year);
  const col = new Map(years.map((y, i) => [y, i]));

  const scopes =
    scope === 'district'
      ? [...q.planDistricts.all(plan.id), ...q.extraDistricts.all(ind.id, plan.id)]
      : clusterQueries(ctx.db).ofPlan.all(plan.id).map((c) => ({ id: c.id, name: c.name }));
  const empty = <T>(): (T | null)[] => years.map(() => null);
  const rows = scopes.map((s) => ({
    scopeId: s.id, name: s.name,
    target: empty<string>(), targetText: empty<string>(), actual: empty<string>(), actualText: empty<string>(),
    cagr: null as string | null, cagrFrom: null as number | null, cagrTo: null as number | null, share: empty<string>(),
  }));
  const byScope = new Map(rows.map((r) => [r.scopeId, r]));
  const stated = { target: empty<string>(), targetText: empty<string>(), actual: empty<string>(), actualText: empty<string>() };

  for (const t of q.ofIndicator.all(ind.id)) {
    const i = col.get(t.year);
    if (i === undefined) continue;
    const holder = t.scope === 'plan' ? stated : t.scope === scope ? byScope.get(t.scope_id) : undefined;
    if (!holder) continue;
    if (t.kind === 'target') {
      holder.target[i] = t.value;
      holder.targetText[i] = t.text;
    } else {
      holder.actual[i] = t.value;
      holder.actualText[i] = t.text;
    }
  }

  // The figures (growth, shares, sum, difference) come from domain/target-matrix.ts, the same code
  // the renderer runs when it applies an edit's change set in place.
  return withFigures({
    indicator: { id: ind.id, planId: plan.id, name: ind.name, unit: ind.unit, baselineYear: ind.baseline_year, targetYear: ind.target_year },
    scope,
    kind,
    years,
    rows,
    totals: {
      sum: empty<string>(),
      stated: kind === 'target' ? stated.target : stated.actual,
      statedText: kind === 'target' ? stated.targetText : stated.actualText,
      difference: empty<string>(),
      cagr: null,
    },
  });
}
