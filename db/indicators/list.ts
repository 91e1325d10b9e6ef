import type { StoreContext } from '../context.ts';
import type { Indicator } from '../../contract/entities.ts';
import { indicatorQueries, type IndicatorRow } from './queries.ts';
import { listTargets } from '../targets/handlers.ts';

export function toIndicator(r: IndicatorRow): Omit<Indicator, 'targets'> {
  return {
    id: r.id,
    planId: r.plan_id,
    category: r.category,
    name: r.name,
    unit: r.unit,
    attribute: r.attribute,
    baselineYear: r.baseline_year,
    baselineValue: r.baseline_value,
    baselineText: r.baseline_text,
    targetYear: r.target_year,
    targetValue: r.target_value,
    targetText: r.target_text,
    statedGrowthText: r.stated_growth_text,
    note: r.note,
    source: r.source,
  };
}

export function listIndicators(ctx: StoreContext, planId: string): Indicator[] {
  const targets = listTargets(ctx, planId, 'plan');
  return indicatorQueries(ctx.db)
    .ofPlan.all(planId)
    .map((r) => ({ ...toIndicator(r), targets: targets.filter((t) => t.indicatorId === r.id) }));
}
