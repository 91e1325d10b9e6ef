import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { districtOps } from '../../contract/ops/districts.ts';
import type { District, PlanDistrict } from '../../contract/entities.ts';
import { districtQueries, type DistrictRow } from './queries.ts';
import { parseGroups } from './rules.ts';
import { listTargets } from '../targets/handlers.ts';

export function toDistrict(r: DistrictRow): District {
  const groups = parseGroups(r.groups);
  return { id: r.id, name: r.name, code: r.code, kind: r.kind, group: groups[0] ?? r.area_group, groups };
}

function parseList(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
}

export function listDistricts(ctx: StoreContext): District[] {
  return districtQueries(ctx.db).all.all().map(toDistrict);
}

export function listPlanDistricts(ctx: StoreContext, planId: string): PlanDistrict[] {
  const targets = listTargets(ctx, planId, 'district');
  return districtQueries(ctx.db)
    .ofPlan.all(planId)
    .map((r) => ({
      ...toDistrict(r),
      id: r.district_id,
      priorityIndustries: parseList(r.priority_industries),
      featuredIndustries: parseList(r.featured_industries),
      note: r.note,
      source: r.source,
      targets: targets.filter((t) => t.scopeId === r.district_id),
    }));
}

export const districtHandlers = {
  'districts.list': (ctx) => listDistricts(ctx),
} satisfies HandlersFor<typeof districtOps, StoreContext>;
