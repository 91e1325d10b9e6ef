/**
 * The comparison as users see it: per-table counts, a page of changed rows with names instead of
 * ids, the change per district; and the plain JSON form of `plandesk diff --json` (docs/diff-json.md).
 * Everything is accumulated while the engine streams; only the requested page of rows is kept.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import { Dec } from '../../domain/numbers.ts';
import { getPlanRow } from '../plans/handlers.ts';
import type { Comparison, RowChangeOut, VersionInfo, VersionedTable } from '../../contract/ops/versions.ts';
import { LINK_NAMES, VERSIONED, specs, type CellValue, type RowData, type VersionedEntity } from './rows.ts';
import { POSITION, compareRows, type Side } from './diff.ts';
import { resolveVersion } from './store.ts';
import type { RowChange } from './rules.ts';
import { toVersion } from './queries.ts';

/** Names for the ids a plan's rows hold (units, districts, clusters, indicators): small tables. */
export class Namer {
  private departments = new Map<string, string>();
  private districts = new Map<string, string>();
  private clusters = new Map<string, string>();
  readonly indicators = new Map<string, { name: string; unit: string | null }>();
  constructor(ctx: StoreContext, planId: string) {
    // a department merged into another (db/departments, migration 007) keeps its name for the versions that name it
    for (const m of ctx.db.prepare<[], { id: string; name: string }>('SELECT from_department_id AS id, from_name AS name FROM department_merges ORDER BY merged_at').all())
      this.departments.set(m.id, m.name);
    for (const u of ctx.db.prepare<[], { id: string; name: string }>('SELECT id, name FROM departments').all()) this.departments.set(u.id, u.name);
    for (const d of ctx.db.prepare<[], { id: string; name: string }>('SELECT id, name FROM districts').all()) this.districts.set(d.id, d.name);
    for (const c of ctx.db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM clusters WHERE plan_id = ?').all(planId))
      this.clusters.set(c.id, c.name);
    for (const i of ctx.db.prepare<[string], { id: string; name: string; unit: string | null }>('SELECT id, name, unit FROM indicators WHERE plan_id = ?').all(planId))
      this.indicators.set(i.id, { name: i.name, unit: i.unit });
  }

  district(id: string): string {
    return this.districts.get(id) ?? id;
  }

  text(entity: VersionedEntity, field: string, value: CellValue | undefined, row: RowData | null): string {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) {
      const kept = entity === 'task' && row ? keptLinkNames(row, field, value.length) : null;
      if (kept) return kept.join('、');
      const names = field === 'districts' ? this.districts : this.departments;
      return value.map((v) => names.get(v) ?? v).join('、');
    }
    const s = String(value);
    if (entity === 'plan_district' && field === 'district_id') return this.district(s);
    if (entity === 'target' && field === 'indicator_id') return this.indicators.get(s)?.name ?? s;
    if (entity === 'target' && field === 'scope_id') return row?.scope === 'cluster' ? (this.clusters.get(s) ?? s) : row?.scope === 'district' ? this.district(s) : s;
    return s;
  }

  label(c: { entity: VersionedEntity; rowId: string; old: RowData | null; new: RowData | null }): string {
    const r = c.new ?? c.old ?? {};
    const s = (f: string) => (r[f] === null || r[f] === undefined ? '' : String(r[f]));
    switch (c.entity) {
      case 'plan':
        return s('title');
      case 'plan_district':
        return this.district(s('district_id'));
      case 'cluster':
      case 'indicator':
        return s('name');
      case 'target': {
        const scope = r.scope === 'plan' ? '全市' : this.text('target', 'scope_id', r.scope_id ?? null, r);
        return `${this.text('target', 'indicator_id', r.indicator_id ?? null, r)} · ${scope} · ${s('year')}${s('period')} · ${r.kind === 'actual' ? '实际' : '目标'}`;
      }
      case 'task':
        return `${s('number')} ${s('title')}`.trim();
    }
  }
}

/**
 * A task's departments as the row kept them (db/versions/rows.ts LINK_NAMES): the name each had then,
 * with the document's wording beside it where it differs ("市金融监管局（原文：市金融工作局）"); null
 * for a row stored without names (shown with today's names).
 */
function keptLinkNames(row: RowData, field: string, count: number): string[] | null {
  const c = field === 'lead_departments' || field === 'participating_departments' ? LINK_NAMES[field] : null;
  const names = c ? row[c.names] : null;
  if (!c || !Array.isArray(names) || names.length !== count) return null;
  const wording = row[c.asWritten];
  return names.map((n, i) => {
    const w = Array.isArray(wording) ? wording[i] : undefined;
    return w && w !== n ? `${n}（原文：${w}）` : n;
  });
}

export function toRowOut(namer: Namer, c: RowChange): RowChangeOut {
  const txt = (f: string, row: RowData | null) => (row ? namer.text(c.entity, f, row[f] ?? null, row) : '');
  const changed = new Set(c.cells.map((x) => x.field));
  // a moved row's place (diff.ts POSITION) is not a stored field: its texts are the positions themselves
  const moved = c.cells.find((x) => x.field === POSITION);
  const place = moved ? [{ field: POSITION, oldText: String(moved.old), newText: String(moved.new), changed: true }] : [];
  return {
    table: c.entity,
    id: c.rowId,
    kind: c.kind,
    label: namer.label(c),
    cells: c.cells.map((x) => ({
      field: x.field, old: x.old, new: x.new,
      oldText: x.field === POSITION ? String(x.old) : txt(x.field, c.old), newText: x.field === POSITION ? String(x.new) : txt(x.field, c.new),
      ...(x.delta !== undefined ? { delta: x.delta, pct: x.pct ?? null } : {}),
    })),
    fields: [...specs[c.entity].fields.map((f) => ({ field: f, oldText: txt(f, c.old), newText: txt(f, c.new), changed: changed.has(f) })), ...place],
  };
}

/** The districts a row concerns (every district of an added or removed row). */
export function districtsOf(c: RowChange): string[] {
  const rows = [c.old, c.new].filter((r): r is RowData => r !== null);
  const out = new Set<string>();
  for (const r of rows) {
    if (c.entity === 'task' && Array.isArray(r.districts)) r.districts.forEach((d) => out.add(d));
    if (c.entity === 'plan_district' && typeof r.district_id === 'string') out.add(r.district_id);
    if (c.entity === 'target' && r.scope === 'district' && typeof r.scope_id === 'string') out.add(r.scope_id);
  }
  return [...out];
}

/**
 * How one row change counts per district, each district at most once and only where the change
 * touches it: an added or removed row counts in each of its districts; a task that gained or lost a
 * district counts as added or removed there; an edit of a row's other fields counts in its district
 * when it has exactly one (a district's target, a task of one district) and, for a task shared by
 * several districts, in none of them: it is counted once as `shared` (one edit of an 8-district task
 * is one change, not eight).
 */
export function districtEffects(c: RowChange): { added: string[]; removed: string[]; changed: string[]; shared: boolean } {
  const none = { added: [] as string[], removed: [] as string[], changed: [] as string[], shared: false };
  if (c.kind === 'added') return { ...none, added: districtsOf(c) };
  if (c.kind === 'removed') return { ...none, removed: districtsOf(c) };
  const before = new Set(districtsOf({ ...c, new: null }));
  const after = new Set(districtsOf({ ...c, old: null }));
  const gained = [...after].filter((d) => !before.has(d));
  const lost = [...before].filter((d) => !after.has(d));
  const membership = c.entity === 'task' ? ['districts'] : c.entity === 'target' ? ['scope', 'scope_id'] : ['district_id'];
  const otherFields = c.cells.some((x) => !membership.includes(x.field));
  const kept = [...after].filter((d) => before.has(d));
  if (!otherFields) return { ...none, added: gained, removed: lost };
  // The edit of the other fields: in the one district that keeps the row, or once as shared when several do.
  return { added: gained, removed: lost, changed: kept.length === 1 ? kept : [], shared: kept.length > 1 };
}

export function sideOf(ctx: StoreContext, ref: number | 'current', planId: string): Side {
  if (ref === 'current') return 'current';
  const v = resolveVersion(ctx, String(ref), planId);
  return v;
}

const sideInfo = (s: Side): Comparison['from'] => (s === 'current' ? { current: true } : { ...toVersion(s), current: false });

export interface CompareInput {
  planId: string;
  from: number | 'current';
  to: number | 'current';
  table?: VersionedTable | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export function compareVersions(ctx: StoreContext, input: CompareInput): Comparison {
  getPlanRow(ctx, input.planId);
  const from = sideOf(ctx, input.from, input.planId);
  const to = sideOf(ctx, input.to, input.planId);
  const namer = new Namer(ctx, input.planId);
  return presentComparison(namer, compareRows(ctx, input.planId, from, to), { ...input, from: sideInfo(from), to: sideInfo(to) });
}

/** The comparison as users see it from a stream of row changes (also draft.compare's, db/draft/compare.ts). */
export function presentComparison(
  namer: Namer,
  changes: Iterable<RowChange>,
  input: { planId: string; from: Comparison['from']; to: Comparison['to']; table?: VersionedTable | undefined; offset?: number | undefined; limit?: number | undefined },
): Comparison {
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 200;
  const summary = new Map(VERSIONED.map((e) => [e, { table: e, added: 0, removed: 0, changed: 0, cells: 0 }]));
  const districts = new Map<string, Comparison['byDistrict'][number]>();
  const deltas = new Map<string, Map<string, InstanceType<typeof Dec>>>();
  const rows: RowChangeOut[] = [];
  let total = 0;
  let sharedChanges = 0;
  for (const c of changes) {
    const s = summary.get(c.entity);
    if (s) {
      s[c.kind]++;
      s.cells += c.cells.length;
    }
    const effects = districtEffects(c);
    for (const kind of ['added', 'removed', 'changed'] as const) {
      for (const d of effects[kind]) {
        const entry = districts.get(d) ?? { districtId: d, name: namer.district(d), added: 0, removed: 0, changed: 0, deltas: [] };
        entry[kind]++;
        districts.set(d, entry);
      }
    }
    if (effects.shared) sharedChanges++;
    if (c.entity === 'target') {
      const r = c.new ?? c.old;
      if (r?.scope === 'district' && typeof r.scope_id === 'string' && typeof r.indicator_id === 'string') {
        const o = typeof c.old?.value === 'string' ? c.old.value : '0';
        const n = typeof c.new?.value === 'string' ? c.new.value : '0';
        const byInd = deltas.get(r.scope_id) ?? new Map<string, InstanceType<typeof Dec>>();
        byInd.set(r.indicator_id, (byInd.get(r.indicator_id) ?? new Dec(0)).plus(new Dec(n).minus(o)));
        deltas.set(r.scope_id, byInd);
      }
    }
    if (input.table && c.entity !== input.table) continue;
    if (total >= offset && rows.length < limit) rows.push(toRowOut(namer, c));
    total++;
  }
  for (const [d, byInd] of deltas) {
    const entry = districts.get(d);
    if (entry) entry.deltas = [...byInd].map(([indicatorId, v]) => ({ indicatorId, delta: v.toFixed() }));
  }
  const usedIndicators = new Set([...districts.values()].flatMap((d) => d.deltas.map((x) => x.indicatorId)));
  return {
    planId: input.planId,
    from: input.from,
    to: input.to,
    summary: [...summary.values()],
    total,
    offset,
    rows,
    byDistrict: [...districts.values()].sort((a, b) => a.districtId.localeCompare(b.districtId)),
    sharedChanges,
    indicators: [...usedIndicators].map((id) => ({ id, name: namer.indicators.get(id)?.name ?? id, unit: namer.indicators.get(id)?.unit ?? null })),
  };
}

export function versionLabel(v: VersionInfo | 'current'): string {
  return v === 'current' ? '当前' : `#${v.id} ${v.name}`;
}

/** The plan two sides belong to (at least one side is a saved version). */
export function planOfSides(a: Side, b: Side): string {
  const plans = [a, b].flatMap((s) => (s === 'current' ? [] : [s.plan_id]));
  const planId = plans[0];
  if (!planId) throw new PlanDeskError('INVALID_INPUT', '至少一边须是保存的版本');
  if (plans.some((p) => p !== planId)) throw new PlanDeskError('INVALID_INPUT', '只能比较同一规划的版本');
  return planId;
}
