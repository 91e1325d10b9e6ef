/** tasks.facets: the plan's own departments and districts with their task counts, for the ledger's filter lists. */
import type { StoreContext } from '../context.ts';
import type { TaskFacets } from '../../contract/ops/tasks.ts';
import { getPlanRow } from '../plans/read.ts';
import { taskFacetQueries } from './facet-queries.ts';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

export function taskFacets(ctx: StoreContext, planId: string): TaskFacets {
  const plan = getPlanRow(ctx, planId);
  const q = taskFacetQueries(ctx.db);
  const departments = q
    .departments.all(planId)
    .map((u) => ({ departmentId: u.id, name: u.name, lead: u.lead, participating: u.participating }))
    .sort((a, b) => b.lead + b.participating - (a.lead + a.participating) || byName(a, b));
  const districts = q
    .districts.all(planId)
    .map((d) => ({ districtId: d.id, name: d.name, count: d.count }))
    .sort((a, b) => b.count - a.count || byName(a, b));
  return { periodStart: plan.period_start, periodEnd: plan.period_end, departments, districts };
}
