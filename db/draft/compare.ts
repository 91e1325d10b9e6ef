/**
 * draft.compare: a draft of a document whose plan is already in the file (same 文号), compared with
 * that plan the way versions are compared (db/versions/present.ts), so the workbench shows it in the
 * same ComparisonView. The draft's records carry the drafter's own ids, so they are matched to the
 * plan's records by what they are, not by id: the header is the plan; a district by its id; a cluster
 * by name; an indicator by name and unit (else by name); a target by its indicator, scope, scope
 * (district id / cluster) and year; a task by its number (else its title). A matched record takes the
 * plan's id; an unmatched one keeps the draft's and shows as added; a plan record the draft lacks shows
 * as removed. The draft's `source` wording (“渝府发〔2023〕13号 专栏1”) is the drafter's provenance,
 * not the plan's content: a matched record keeps the plan's source, and a task its status and progress
 * (a draft has none), so only what the document states differently shows as a change.
 */
import type { DraftPlan } from '../../contract/ops/draft.ts';
import type { Comparison, VersionedTable } from '../../contract/ops/versions.ts';
import type { StoreContext } from '../context.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { INITIAL_TASK_STATUS } from '../../domain/tasks.ts';
import { Namer, presentComparison } from '../versions/present.ts';
import { rowQueries, VERSIONED, type RowData, type VersionedEntity } from '../versions/rows.ts';
import { diffRow, parseRow, type RowChange } from '../versions/rules.ts';

type Rows = Map<string, RowData>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The plan's rows as versions read them, by entity and row id. */
function planRows(ctx: StoreContext, planId: string): Record<VersionedEntity, Rows> {
  const q = rowQueries(ctx.db);
  const out = {} as Record<VersionedEntity, Rows>;
  for (const e of VERSIONED) {
    const m: Rows = new Map();
    for (const r of q.iterate(e, planId)) {
      const row = parseRow(r.data);
      if (row) m.set(r.row_id, row);
    }
    out[e] = m;
  }
  return out;
}

/** Keys that find a row by content: the first key that matches a row not yet taken wins. */
class Matcher {
  private byKey = new Map<string, string[]>();
  private taken = new Set<string>();
  constructor(rows: Rows, keys: (r: RowData) => string[]) {
    for (const [id, r] of rows) for (const k of keys(r)) this.byKey.set(k, [...(this.byKey.get(k) ?? []), id]);
  }
  take(keys: string[]): string | null {
    for (const k of keys) {
      const id = (this.byKey.get(k) ?? []).find((x) => !this.taken.has(x));
      if (id !== undefined) {
        this.taken.add(id);
        return id;
      }
    }
    return null;
  }
}

/** The draft's rows in the shape versions store (db/versions/rows.ts specs), matched to the plan's ids. */
export function draftRows(d: DraftPlan, planId: string, plan: Record<VersionedEntity, Rows>, names: { indicators: Map<string, { name: string; unit: string | null }> }): Record<VersionedEntity, Rows> {
  const out = Object.fromEntries(VERSIONED.map((e) => [e, new Map<string, RowData>()])) as Record<VersionedEntity, Rows>;
  const keep = (e: VersionedEntity, id: string | null, field: string, fallback: RowData[string]) => (id === null ? fallback : (plan[e].get(id)?.[field] ?? fallback));
  const h = d.plan;
  const planRow = plan.plan.get(planId);
  out.plan.set(planId, {
    title: h.title, doc_number: h.docNumber, issuer: h.issuer, issue_date: h.issueDate, period_start: h.periodStart, period_end: h.periodEnd,
    source: planRow?.source ?? h.source, max_priority_industries: h.maxPriorityIndustries,
  });
  d.districts.forEach((x, i) => {
    const districtId = x.id ?? x.name;
    const id = `${planId}|${districtId}`;
    out.plan_district.set(id, {
      district_id: districtId, priority_industries: JSON.stringify(x.priorityIndustries), featured_industries: JSON.stringify(x.featuredIndustries),
      note: x.note, source: keep('plan_district', plan.plan_district.has(id) ? id : null, 'source', x.source), sort_order: i,
    });
  });
  const clusters = new Matcher(plan.cluster, (r) => [str(r.name)]);
  const clusterId = new Map<string, string>();
  d.clusters.forEach((c, i) => {
    const id = clusters.take([c.name]);
    // an added cluster's targets name it by its name (the Namer shows an unknown id as it is)
    clusterId.set(c.id, id ?? c.name);
    out.cluster.set(id ?? c.id, { name: c.name, note: c.note, source: keep('cluster', id, 'source', c.source), sort_order: i });
  });
  const indicators = new Matcher(plan.indicator, (r) => [`${str(r.name)}|${str(r.unit)}`, str(r.name)]);
  const indicatorId = new Map<string, string>();
  d.indicators.forEach((ind, i) => {
    const id = indicators.take([`${ind.name}|${ind.unit ?? ''}`, ind.name]);
    indicatorId.set(ind.id, id ?? ind.id);
    if (!id) names.indicators.set(ind.id, { name: ind.name, unit: ind.unit });
    out.indicator.set(id ?? ind.id, {
      category: ind.category, name: ind.name, unit: ind.unit, attribute: ind.attribute, baseline_year: ind.baselineYear, baseline_value: ind.baselineValue,
      baseline_text: ind.baselineText, target_year: ind.targetYear, target_value: ind.targetValue, target_text: ind.targetText,
      stated_growth_text: ind.statedGrowthText, note: ind.note, source: keep('indicator', id, 'source', ind.source), sort_order: i,
    });
  });
  const targetKey = (r: RowData) => [r.indicator_id, r.scope, r.scope_id, r.year, r.period, r.kind].map(str).join('|');
  const targets = new Matcher(plan.target, (r) => [targetKey(r)]);
  for (const t of [...d.indicators.flatMap((x) => x.targets), ...d.districts.flatMap((x) => x.targets), ...d.clusters.flatMap((x) => x.targets)]) {
    const row: RowData = {
      indicator_id: indicatorId.get(t.indicatorId) ?? t.indicatorId,
      scope: t.scope,
      scope_id: t.scope === 'plan' ? '' : t.scope === 'cluster' ? (clusterId.get(t.scopeId ?? '') ?? t.scopeId ?? '') : (t.scopeId ?? ''),
      year: t.year, period: t.period, kind: t.kind, value: t.value, text: t.text, source: t.source,
    };
    const id = targets.take([targetKey(row)]);
    row.source = keep('target', id, 'source', t.source);
    out.target.set(id ?? t.id, row);
  }
  const tasks = new Matcher(plan.task, (r) => [`n:${str(r.number)}`, `t:${str(r.title)}`]);
  d.tasks.forEach((t, i) => {
    const id = tasks.take([...(t.number ? [`n:${t.number}`] : []), `t:${t.title}`]);
    out.task.set(id ?? t.id, {
      number: t.number, section: t.section, title: t.title, description: t.description, deadline: t.deadline, deadline_text: t.deadlineText,
      status: keep('task', id, 'status', INITIAL_TASK_STATUS), progress: keep('task', id, 'progress', null), quantitative_goal: t.quantitativeGoal,
      source: keep('task', id, 'source', t.source),
      lead_departments: t.leadDepartments.map((u) => u.id ?? u.name), participating_departments: t.participatingDepartments.map((u) => u.id ?? u.name),
      districts: t.districts.map((x) => x.id ?? x.name), sort_order: i + 1,
    });
  });
  return out;
}

function* changes(plan: Record<VersionedEntity, Rows>, draft: Record<VersionedEntity, Rows>): Generator<RowChange> {
  for (const e of VERSIONED) {
    const ids = [...new Set([...plan[e].keys(), ...draft[e].keys()])].sort();
    for (const id of ids) {
      const c = diffRow(e, id, plan[e].get(id) ?? null, draft[e].get(id) ?? null);
      if (c) yield c;
    }
  }
}

export interface DraftCompareInput {
  draft: DraftPlan;
  planId: string;
  table?: VersionedTable | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** The plan as it is now (from) → the draft (to), in versions.compare's shape; `to` is marked as not the current plan. */
export function compareDraft(ctx: StoreContext, input: DraftCompareInput): Comparison {
  getPlanRow(ctx, input.planId);
  const namer = new Namer(ctx, input.planId);
  const plan = planRows(ctx, input.planId);
  const draft = draftRows(input.draft, input.planId, plan, namer);
  return presentComparison(namer, changes(plan, draft), { ...input, from: { current: true }, to: { current: true } });
}
