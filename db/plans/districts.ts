/**
 * A plan's districts, chosen from the common list (districts.list): added by id or by group
 * ("add all 渝西"), removed with what they hold in the plan after a confirmation. Both undoable.
 */
import type { StoreContext } from '../context.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import { PlanDeskError, invalid, notFound, type ErrorIssue } from '../errors.ts';
import { noChanges } from '../audit/changes.ts';
import type { DistrictUse } from '../../contract/ops/plans.ts';
import { districtQueries } from '../districts/queries.ts';
import { listDistricts } from '../districts/handlers.ts';
import { setEntityField } from '../history/entities.ts';
import { getPlanRow } from './read.ts';

/** The ids, each of the common list (refused naming every unknown one), without repeats. */
export function checkDistrictIds(ctx: StoreContext, ids: string[]): string[] {
  const dq = districtQueries(ctx.db);
  const issues: ErrorIssue[] = [];
  ids.forEach((id, i) => {
    if (!dq.byId.get(id)) issues.push({ field: `districtIds[${i}]`, message: `区县列表中没有“${id}”` });
  });
  if (issues.length) throw invalid(`有 ${issues.length} 个区县不在区县列表中`, issues);
  return [...new Set(ids)];
}

export function addDistricts(ctx: StoreContext, planId: string, input: { districtIds?: string[] | undefined; groups?: string[] | undefined }): WithChanges<{ added: string[] }> {
  const plan = getPlanRow(ctx, planId);
  const wanted = checkDistrictIds(ctx, input.districtIds ?? []);
  if (input.groups?.length) {
    const all = listDistricts(ctx);
    const issues: ErrorIssue[] = [];
    input.groups.forEach((g, i) => {
      const members = all.filter((d) => d.kind !== 'area' && d.groups.includes(g));
      if (members.length === 0) issues.push({ field: `groups[${i}]`, message: `没有属于“${g}”的区县` });
      for (const d of members) if (!wanted.includes(d.id)) wanted.push(d.id);
    });
    if (issues.length) throw invalid(`有 ${issues.length} 个区县分组无法识别`, issues);
  }
  const dq = districtQueries(ctx.db);
  const fresh = wanted.filter((id) => !dq.planDistrict.get(planId, id));
  if (fresh.length === 0) return { added: [], changes: noChanges(planId) };
  const names = fresh.map((id) => dq.byId.get(id)?.name ?? id);
  const label = fresh.length === 1 ? `添加区县 ${names[0]}` : `添加 ${fresh.length} 个区县`;
  return runChange(ctx, { label: `${label}（${plan.title}）`, planId }, (rec) => {
    let order = (dq.maxOrder.get(planId)?.n ?? -1) + 1;
    for (const id of fresh) {
      dq.insertPlanDistrict.run({ plan_id: planId, district_id: id, priority_industries: '[]', featured_industries: '[]', note: null, source: null, sort_order: order++ });
      rec.inserted('plan_district', `${planId}|${id}`);
    }
    return { added: fresh };
  });
}

function planDistrictsOf(ctx: StoreContext, planId: string, ids: string[]) {
  const dq = districtQueries(ctx.db);
  const issues: ErrorIssue[] = [];
  const rows = [...new Set(ids)].flatMap((id, i) => {
    const r = dq.planDistrict.get(planId, id);
    if (!r) issues.push({ field: `districtIds[${i}]`, message: `规划中没有区县“${dq.byId.get(id)?.name ?? id}”` });
    return r ? [r] : [];
  });
  if (issues.length) throw invalid(`有 ${issues.length} 个区县不在这个规划中`, issues);
  return rows;
}

export function districtUse(ctx: StoreContext, planId: string, ids: string[]): DistrictUse[] {
  getPlanRow(ctx, planId);
  const dq = districtQueries(ctx.db);
  return planDistrictsOf(ctx, planId, ids).map((r) => ({
    districtId: r.district_id,
    name: r.name,
    targets: dq.targetsOf.all(planId, r.district_id).length,
    tasks: dq.tasksOf.all(planId, r.district_id).length,
  }));
}

export function removeDistricts(ctx: StoreContext, planId: string, ids: string[], confirm: boolean) {
  const plan = getPlanRow(ctx, planId);
  const rows = planDistrictsOf(ctx, planId, ids);
  const use = districtUse(ctx, planId, rows.map((r) => r.district_id));
  const holding = use.filter((u) => u.targets > 0 || u.tasks > 0);
  if (holding.length && !confirm) {
    throw new PlanDeskError(
      'NEEDS_CONFIRMATION',
      `移除 ${holding.map((u) => u.name).join('、')} 会一并删除其在本规划中的目标值，并从任务中去掉该区县；请确认后再移除。`,
      holding.map((u) => ({ field: u.districtId, message: `${u.name}：${u.targets} 个目标值，${u.tasks} 项任务` })),
    );
  }
  if (rows.length === 0) throw notFound('区县', ids.join('、'));
  const dq = districtQueries(ctx.db);
  const label = rows.length === 1 ? `移除区县 ${rows[0]?.name ?? ''}` : `移除 ${rows.length} 个区县`;
  let targetsRemoved = 0;
  const tasksChanged = new Set<string>();
  const result: WithChanges<{ removed: string[]; targetsRemoved: number; tasksChanged: number }> = runChange(ctx, { label: `${label}（${plan.title}）`, planId }, (rec) => {
    for (const r of rows) {
      for (const t of dq.targetsOf.all(planId, r.district_id)) {
        rec.removing('target', t.id);
        dq.removeTarget.run(t.id);
        targetsRemoved++;
      }
      for (const t of dq.tasksOf.all(planId, r.district_id)) {
        const before = JSON.parse(t.districts) as string[];
        const after = before.filter((d) => d !== r.district_id);
        setEntityField(ctx.db, 'task', t.id, 'districts', JSON.stringify(after));
        rec.update('task', t.id, 'districts', before, after);
        tasksChanged.add(t.id);
      }
      rec.removing('plan_district', `${planId}|${r.district_id}`);
      dq.removePlanDistrict.run(planId, r.district_id);
    }
    return { removed: rows.map((r) => r.district_id), targetsRemoved, tasksChanged: tasksChanged.size };
  });
  return result;
}
