/**
 * draft.create: drafts (as draft.read answered them, possibly corrected by the planner) become new
 * plans through plans.create's path (db/plans/create.ts): each header is checked by the same rules
 * (newPlan: title, issuer, dates, period, named by field) and written and recorded the same way
 * (insertNewPlan), its contents after the seed loader's checks (db/seed/format.ts seedPlan,
 * checkSeedReferences) through the seed loader's insert path (insertSeedPlan), all in ONE change set
 * labelled as plans.create labels it (新建规划“…”), of the first plan: undo removes it as it removes a
 * plan created by hand. Each record keeps where it was read in its `source` (db/draft/source.ts), the
 * plan the document's file name and 文号. Names the reference lists do not know become new departments,
 * created and reported (`newDepartments`), never merged into an existing one. A document whose 文号 is
 * already in the file is refused (CONFLICT): it is compared with the existing plan, not duplicated.
 */
import { createHash } from 'node:crypto';
import type { DraftPlan } from '../../contract/ops/draft.ts';
import type { Changes } from '../../contract/changes.ts';
import type { StoreContext } from '../context.ts';
import { PlanDeskError, invalid, type ErrorIssue } from '../errors.ts';
import { runChange } from '../audit/recorder.ts';
import { seedPlan, type SeedCommon, type SeedPlan } from '../seed/format.ts';
import { checkSeedReferences, insertSeedPlan } from '../seed/load.ts';
import { planWithDocNumber } from '../plans/read.ts';
import { docNumberKey } from '../../domain/doc-number.ts';
import { insertNewPlan, newPlan, newPlanLabel } from '../plans/create.ts';
import { departmentQueries } from '../departments/queries.ts';
import { draftQueries } from './queries.ts';
import { referenceOf } from './reference.ts';

const departmentIdFor = (name: string) => `u-draft-${createHash('sha256').update(name).digest('hex').slice(0, 10)}`;

/** A draft in the seed format, or the problems that keep it from being one. */
export function draftToSeed(d: DraftPlan, where: string): { plan: SeedPlan | null; issues: ErrorIssue[] } {
  const issues: ErrorIssue[] = [];
  const h = d.plan;
  if (!h.title.trim()) issues.push({ field: `${where} 标题`, message: '规划标题为空' });
  if (!h.issueDate) issues.push({ field: `${where} 成文日期`, message: '未识别成文日期，请先填写' });
  if (h.periodStart === null || h.periodEnd === null) issues.push({ field: `${where} 规划期`, message: '未识别规划期（起止年份），请先填写' });
  for (const x of d.districts) if (x.id === null) issues.push({ field: `${where} 区县`, message: `区县“${x.name}”不在区县名录中` });
  const districtIds = new Set(d.districts.map((x) => x.id));
  const plan = {
    plan: { ...h, issueDate: h.issueDate ?? '', periodStart: h.periodStart ?? 0, periodEnd: h.periodEnd ?? 0, source: h.source || h.title },
    districts: d.districts.filter((x) => x.id !== null).map((x) => ({ districtId: x.id ?? '', priorityIndustries: x.priorityIndustries, featuredIndustries: x.featuredIndustries, note: x.note, source: x.source })),
    clusters: d.clusters.map((c) => ({ id: c.id, name: c.name, note: c.note, source: c.source })),
    indicators: d.indicators.map(({ targets: _t, ...i }) => i),
    targets: [...d.indicators.flatMap((i) => i.targets), ...d.districts.flatMap((x) => x.targets), ...d.clusters.flatMap((c) => c.targets)].map((t) => ({
      indicatorId: t.indicatorId, scope: t.scope, scopeId: t.scopeId, year: t.year, kind: t.kind, value: t.value, text: t.text, source: t.source,
    })),
    tasks: d.tasks.map((t) => ({
      id: t.id, number: t.number, section: t.section, title: t.title, description: t.description,
      leadDepartments: t.leadDepartments.map((u) => u.name), participatingDepartments: t.participatingDepartments.map((u) => u.name),
      districts: t.districts.filter((x) => x.id !== null).map((x) => x.name), deadline: t.deadline, deadlineText: t.deadlineText,
      quantitativeGoal: t.quantitativeGoal, source: t.source,
    })),
  };
  for (const t of plan.targets) if (t.scope === 'district' && !districtIds.has(t.scopeId)) issues.push({ field: `${where} 目标`, message: `目标的区县“${t.scopeId}”不在区县名录中` });
  const parsed = seedPlan.safeParse(plan);
  if (!parsed.success) for (const i of parsed.error.issues.slice(0, 20)) issues.push({ field: `${where} ${i.path.join('.')}`, message: i.message });
  return { plan: parsed.success && issues.length === 0 ? parsed.data : null, issues };
}

export function createDrafts(ctx: StoreContext, drafts: DraftPlan[]): { planIds: string[]; newDepartments: string[]; changes: Changes } {
  const ref = referenceOf(ctx);
  const dq = draftQueries(ctx.db);
  const issues: ErrorIssue[] = [];
  const seeds: SeedPlan[] = [];
  const seenDoc = new Set<string>();
  drafts.forEach((d, n) => {
    const where = `草稿 ${n + 1}（${d.plan.docNumber || d.plan.title.slice(0, 30)}）`;
    const doc = d.plan.docNumber.trim();
    if (doc) {
      const existing = planWithDocNumber(ctx, doc, null);
      if (existing) throw new PlanDeskError('CONFLICT', `文号“${doc}”已在文件中（规划“${existing.title}”），请与现有规划比较，不要重复创建`, [{ field: where, message: `已有规划 ${existing.id}` }]);
      if (seenDoc.has(docNumberKey(doc))) issues.push({ field: where, message: `文号“${doc}”在草稿中出现两次` });
      seenDoc.add(docNumberKey(doc));
    } else {
      const same = dq.planByTitle.get(d.plan.title);
      if (same) throw new PlanDeskError('CONFLICT', `规划“${d.plan.title}”已在文件中（无文号，按标题比对），请与现有规划比较，不要重复创建`, [{ field: where, message: `已有规划 ${same.id}` }]);
    }
    if (dq.planExists.get(d.plan.id) || seeds.some((s) => s.plan.id === d.plan.id)) issues.push({ field: where, message: `规划标识“${d.plan.id}”已存在` });
    const r = draftToSeed(d, where);
    issues.push(...r.issues);
    if (r.plan) seeds.push(r.plan);
  });
  if (issues.length) throw invalid(`草稿有 ${issues.length} 处问题，未创建任何规划`, issues);

  const known = new Set(ref.departments.flatMap((u) => [u.name, ...u.aliases]));
  const newDepartments = [...new Set(seeds.flatMap((s) => s.tasks.flatMap((t) => [...t.leadDepartments, ...t.participatingDepartments])).filter((n) => !known.has(n)))];
  const common: SeedCommon = {
    districts: ref.districts,
    departments: [...ref.departments, ...newDepartments.map((name) => ({ id: departmentIdFor(name), name, aliases: [] }))],
  };
  const refIssues = checkSeedReferences(common, seeds);
  if (refIssues.length) throw invalid(`草稿有 ${refIssues.length} 处引用错误，未创建任何规划`, refIssues);

  const departmentIdByName = new Map<string, string>();
  for (const u of common.departments) {
    departmentIdByName.set(u.name, u.id);
    for (const a of u.aliases) if (!departmentIdByName.has(a)) departmentIdByName.set(a, u.id);
  }
  const districtIdByName = new Map(ref.districts.map((x) => [x.name, x.id]));
  // plans.create's header checks, for every draft before anything is written
  const headerIssues: ErrorIssue[] = [];
  const rows = seeds.map((s, n) => {
    const h = s.plan;
    try {
      return newPlan(ctx, h.id, { title: h.title, docNumber: h.docNumber, issuer: h.issuer, issueDate: h.issueDate, periodStart: h.periodStart, periodEnd: h.periodEnd, source: h.source }, { maxPriorityIndustries: h.maxPriorityIndustries, order: n });
    } catch (err) {
      if (!(err instanceof PlanDeskError)) throw err;
      headerIssues.push(...err.issues.map((i) => ({ ...i, field: `草稿 ${n + 1}（${h.docNumber || h.title.slice(0, 30)}） ${i.field ?? ''}`.trim() })));
      return null;
    }
  });
  if (headerIssues.length) throw invalid(`草稿有 ${headerIssues.length} 处问题，未创建任何规划`, headerIssues);
  const first = rows[0] ?? null;
  const label = first && rows.length === 1 ? newPlanLabel(first) : `${first ? newPlanLabel(first) : '新建规划'}等 ${rows.length} 个规划（从公文）`;
  return runChange(ctx, { label, planId: first?.id ?? null }, (rec) => {
    const uq = departmentQueries(ctx.db);
    for (const name of newDepartments) {
      const id = departmentIdFor(name);
      if (dq.departmentExists.get(id)) continue;
      uq.insert.run({ id, name });
      rec.inserted('department', id);
    }
    seeds.forEach((s, n) => {
      const row = rows[n];
      if (!row) return;
      insertNewPlan(ctx, rec, row);
      insertSeedPlan(ctx, s, row.sort_order, { departmentIdByName, districtIdByName }, (entity, id) => rec.inserted(entity, id), true);
    });
    return { planIds: seeds.map((s) => s.plan.id), newDepartments };
  });
}
