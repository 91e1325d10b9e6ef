/**
 * Builds a plan file's content from the curated seed data (seeds/*.json). Everything is validated
 * first (schemas, every unit and district reference); then all is written in one transaction.
 */
import type { StoreContext } from '../context.ts';
import { invalid, type ErrorIssue } from '../errors.ts';
import { canonical } from '../../domain/numbers.ts';
import { INITIAL_TASK_STATUS } from '../../domain/tasks.ts';
import { seedCommon, seedPlan, type SeedCommon, type SeedPlan } from './format.ts';
import { districtQueries } from '../districts/queries.ts';
import { districtKindOf } from '../districts/rules.ts';
import { departmentQueries } from '../departments/queries.ts';
import { planQueries } from '../plans/queries.ts';
import { clusterQueries } from '../clusters/queries.ts';
import { indicatorQueries } from '../indicators/queries.ts';
import { targetQueries } from '../targets/queries.ts';
import { taskQueries } from '../tasks/queries.ts';
import { loadLeaderSeed } from '../leaders/load.ts';

export interface SeedBundle {
  common: unknown;
  plans: { file: string; data: unknown }[];
  /** the city leaders' 分工 (seeds/leaders.json, db/leaders/format.ts): reference data like common, in every new file */
  leaders?: unknown;
}

export function targetId(t: { indicatorId: string; scope: string; scopeId: string | null; year: number; kind: string }): string {
  return `${t.indicatorId}/${t.scope}/${t.scopeId ?? ''}/${t.year}/${t.kind}`;
}

function parseBundle(bundle: SeedBundle): { common: SeedCommon; plans: SeedPlan[] } {
  const issues: ErrorIssue[] = [];
  const common = seedCommon.safeParse(bundle.common);
  if (!common.success) issues.push({ field: 'common.json', message: common.error.message });
  const plans: SeedPlan[] = [];
  for (const p of bundle.plans) {
    const parsed = seedPlan.safeParse(p.data);
    if (parsed.success) plans.push(parsed.data);
    else issues.push({ field: p.file, message: parsed.error.message });
  }
  if (!common.success || issues.length) throw invalid('种子数据格式错误', issues);
  return { common: common.data, plans };
}

/** Checks every cross-reference of the seeds; returns the problems found (empty when the seeds are sound). */
export function checkSeedReferences(common: SeedCommon, plans: SeedPlan[]): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const districtIds = new Set(common.districts.map((d) => d.id));
  const districtNames = new Set(common.districts.map((d) => d.name));
  const departmentNames = new Set(common.departments.flatMap((u) => [u.name, ...u.aliases]));
  for (const p of plans) {
    const where = (what: string) => `${p.plan.id} ${what}`;
    const clusterIds = new Set(p.clusters.map((c) => c.id));
    const indicatorIds = new Set(p.indicators.map((i) => i.id));
    for (const d of p.districts) if (!districtIds.has(d.districtId)) issues.push({ field: where('districts'), message: `未知区县 ${d.districtId}` });
    for (const t of p.targets) {
      if (!indicatorIds.has(t.indicatorId)) issues.push({ field: where('targets'), message: `未知指标 ${t.indicatorId}` });
      if (t.scope === 'district' && !districtIds.has(t.scopeId ?? '')) issues.push({ field: where('targets'), message: `未知区县 ${t.scopeId}` });
      if (t.scope === 'cluster' && !clusterIds.has(t.scopeId ?? '')) issues.push({ field: where('targets'), message: `未知产业集群 ${t.scopeId}` });
    }
    for (const task of p.tasks) {
      for (const u of [...task.leadDepartments, ...task.participatingDepartments])
        if (!departmentNames.has(u)) issues.push({ field: where(`task ${task.id}`), message: `未知单位“${u}”` });
      for (const d of task.districts) if (!districtNames.has(d)) issues.push({ field: where(`task ${task.id}`), message: `未知区县“${d}”` });
    }
  }
  return issues;
}

export function loadSeeds(ctx: StoreContext, bundle: SeedBundle): void {
  const { common, plans } = parseBundle(bundle);
  const refIssues = checkSeedReferences(common, plans);
  if (refIssues.length) throw invalid(`种子数据有 ${refIssues.length} 处引用错误`, refIssues);

  const dq = districtQueries(ctx.db);
  const uq = departmentQueries(ctx.db);

  ctx.db.transaction(() => {
    for (const d of common.districts) {
      const groups = d.groups ?? (d.group ? [d.group] : []);
      dq.insert.run({ id: d.id, name: d.name, code: d.code, area_group: groups[0] ?? null, kind: d.kind ?? districtKindOf(d.code, d.name), groups: JSON.stringify(groups) });
    }
    const departmentIdByName = new Map<string, string>();
    for (const u of common.departments) {
      uq.insert.run({ id: u.id, name: u.name });
      departmentIdByName.set(u.name, u.id);
    }
    for (const u of common.departments) {
      for (const a of u.aliases) {
        if (a !== u.name && !departmentIdByName.has(a)) {
          uq.insertAlias.run(a, u.id);
          departmentIdByName.set(a, u.id);
        }
      }
    }
    const districtIdByName = new Map(common.districts.map((d) => [d.name, d.id]));

    plans.forEach((p, planIndex) => insertSeedPlan(ctx, p, planIndex, { departmentIdByName, districtIdByName }));
    if (bundle.leaders !== undefined) loadLeaderSeed(ctx, bundle.leaders);
  })();
}

/**
 * Inserts one validated seed plan (the references resolved through the maps); the seed loader's and
 * the drafter's (db/draft/create.ts) one insert path. Call inside a transaction. `onInsert` is told
 * of every record right after it is written (the drafter records them for undo).
 */
export function insertSeedPlan(
  ctx: StoreContext,
  p: SeedPlan,
  planIndex: number,
  maps: { departmentIdByName: Map<string, string>; districtIdByName: Map<string, string> },
  onInsert: (entity: 'plan' | 'plan_district' | 'cluster' | 'indicator' | 'target' | 'task', id: string) => void = () => {},
  /** the plan's header is already written (the drafter writes it as plans.create does, db/plans/create.ts) */
  headerWritten = false,
): void {
  const now = ctx.now();
  const dq = districtQueries(ctx.db);
  const pq = planQueries(ctx.db);
  const cq = clusterQueries(ctx.db);
  const iq = indicatorQueries(ctx.db);
  const tq = targetQueries(ctx.db);
  const kq = taskQueries(ctx.db);
  const dec = (v: string | null) => (v === null ? null : canonical(v));
  const { departmentIdByName, districtIdByName } = maps;
  const h = p.plan;
  if (!headerWritten) pq.insert.run({
    id: h.id, title: h.title, doc_number: h.docNumber, issuer: h.issuer, issue_date: h.issueDate,
    period_start: h.periodStart, period_end: h.periodEnd, source: h.source,
    max_priority_industries: h.maxPriorityIndustries, sort_order: planIndex, updated_at: now,
    archived_at: null, origin_plan_id: null,
  });
  if (!headerWritten) onInsert('plan', h.id);
  p.districts.forEach((d, i) => {
    dq.insertPlanDistrict.run({
      plan_id: h.id, district_id: d.districtId, priority_industries: JSON.stringify(d.priorityIndustries),
      featured_industries: JSON.stringify(d.featuredIndustries), note: d.note, source: d.source, sort_order: i,
    });
    onInsert('plan_district', `${h.id}|${d.districtId}`);
  });
  p.clusters.forEach((c, i) => {
    cq.insert.run({ id: c.id, plan_id: h.id, name: c.name, note: c.note, source: c.source, sort_order: i });
    onInsert('cluster', c.id);
  });
  p.indicators.forEach((ind, i) => {
    iq.insert.run({
      id: ind.id, plan_id: h.id, category: ind.category, name: ind.name, unit: ind.unit, attribute: ind.attribute,
      baseline_year: ind.baselineYear, baseline_value: dec(ind.baselineValue), baseline_text: ind.baselineText,
      target_year: ind.targetYear, target_value: dec(ind.targetValue), target_text: ind.targetText,
      stated_growth_text: ind.statedGrowthText, note: ind.note, source: ind.source, sort_order: i,
    });
    onInsert('indicator', ind.id);
  });
  for (const t of p.targets) {
    tq.insert.run({
      id: targetId(t), indicator_id: t.indicatorId, scope: t.scope, scope_id: t.scope === 'plan' ? '' : (t.scopeId ?? ''),
      year: t.year, period: '', kind: t.kind, value: dec(t.value), text: t.text, source: t.source,
    });
    onInsert('target', targetId(t));
  }
  p.tasks.forEach((t, i) => {
    kq.insert.run({
      id: t.id, plan_id: h.id, number: t.number, sort_order: i + 1, section: t.section, title: t.title,
      description: t.description, deadline: t.deadline, deadline_text: t.deadlineText, status: INITIAL_TASK_STATUS,
      progress: null, quantitative_goal: t.quantitativeGoal, notes: null, source: t.source, updated_at: now,
    });
    // a name written as an alias (市金融工作局) links the department and keeps the document's wording
    const addDepartments = (names: string[], role: 'lead' | 'participating') => {
      const seen = new Set<string>();
      names.forEach((n) => {
        const uid = departmentIdByName.get(n);
        if (uid && !seen.has(uid)) {
          seen.add(uid);
          kq.insertUnitAsWritten.run(t.id, uid, role, seen.size - 1, kq.departmentName.get(uid)?.name === n ? null : n);
        }
      });
    };
    addDepartments(t.leadDepartments, 'lead');
    addDepartments(t.participatingDepartments, 'participating');
    const districtIds = new Set(t.districts.map((n) => districtIdByName.get(n)).filter((d) => d !== undefined));
    [...districtIds].forEach((did, j) => kq.insertDistrict.run(t.id, did, j));
    onInsert('task', t.id);
  });
}
