/**
 * Reading and writing target cells for the analysis features: which rows (districts, clusters) an
 * indicator has, the current value of a cell, and writing a computed value inside a runChange so
 * every cell of a breakdown belongs to one change set (one undo step).
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import type { ChangeRecorder } from '../audit/recorder.ts';
import { notFound } from '../errors.ts';
import { indicatorQueries, type IndicatorRow } from '../indicators/queries.ts';
import { planQueries, type PlanRow } from '../plans/queries.ts';
import { districtQueries } from '../districts/queries.ts';
import { clusterQueries } from '../clusters/queries.ts';
import { targetQueries, type TargetRow } from '../targets/queries.ts';

export type Scope = TargetRow['scope'];
export type Kind = TargetRow['kind'];
export type Period = TargetRow['period'];

export function indicatorAndPlan(ctx: StoreContext, indicatorId: string): { ind: IndicatorRow; plan: PlanRow } {
  const ind = indicatorQueries(ctx.db).byId.get(indicatorId);
  if (!ind) throw notFound('指标', indicatorId);
  const plan = planQueries(ctx.db).byId.get(ind.plan_id);
  if (!plan) throw notFound('规划', ind.plan_id);
  return { ind, plan };
}

/** All values of one indicator (every scope, year, period, kind). */
export function cellsOf(ctx: StoreContext, indicatorId: string): TargetRow[] {
  return ctx.db.prepare<[string], TargetRow>('SELECT * FROM target_values WHERE indicator_id = ? ORDER BY scope, scope_id, year, period, kind').all(indicatorId);
}

export function findCell(cells: readonly TargetRow[], scope: Scope, scopeId: string, year: number, period: Period, kind: Kind): TargetRow | undefined {
  return cells.find((c) => c.scope === scope && c.scope_id === scopeId && c.year === year && c.period === period && c.kind === kind);
}

/**
 * The rows of an indicator in a scope, in the plan's order: the plan's districts (or clusters) plus
 * any other district that already has a value for this indicator (e.g. areas such as 中心城区).
 */
export function rowsOf(ctx: StoreContext, plan: PlanRow, indicatorId: string, scope: 'district' | 'cluster', cells: readonly TargetRow[]): { id: string; name: string }[] {
  if (scope === 'cluster') return clusterQueries(ctx.db).ofPlan.all(plan.id).map((c) => ({ id: c.id, name: c.name }));
  const rows = districtQueries(ctx.db).ofPlan.all(plan.id).map((d) => ({ id: d.district_id, name: d.name }));
  const known = new Set(rows.map((r) => r.id));
  for (const c of cells) {
    if (c.indicator_id !== indicatorId || c.scope !== 'district' || known.has(c.scope_id)) continue;
    const d = districtQueries(ctx.db).byId.get(c.scope_id);
    rows.push({ id: c.scope_id, name: d?.name ?? c.scope_id });
    known.add(c.scope_id);
  }
  return rows;
}

export function nameOfRow(ctx: StoreContext, scope: Scope, scopeId: string): string {
  if (scope === 'plan') return '规划总量';
  if (scope === 'cluster') return clusterQueries(ctx.db).byId.get(scopeId)?.name ?? scopeId;
  return districtQueries(ctx.db).byId.get(scopeId)?.name ?? scopeId;
}

/** Writes one value (text cleared: the number is computed, not a document's wording); records it for undo. */
export function writeCell(
  ctx: StoreContext,
  rec: ChangeRecorder,
  ind: IndicatorRow,
  cell: { scope: Scope; scopeId: string; year: number; period: Period; kind: Kind },
  value: string,
): void {
  const q = targetQueries(ctx.db);
  const existing = q.byKey.get(ind.id, cell.scope, cell.scopeId, cell.year, cell.period, cell.kind);
  if (existing) {
    if (existing.value === value) return;
    q.updateValue.run(value, null, existing.id);
    rec.update('target', existing.id, 'value', existing.value, value);
    rec.update('target', existing.id, 'text', existing.text, null);
    return;
  }
  const row: TargetRow = {
    id: randomUUID(), indicator_id: ind.id, scope: cell.scope, scope_id: cell.scopeId, year: cell.year,
    period: cell.period, kind: cell.kind, value, text: null, source: null,
  };
  q.insert.run(row);
  rec.inserted('target', row.id);
}

/** The indicator's own target fields follow its plan-scope target of the target year. */
export function writeIndicatorTarget(ctx: StoreContext, rec: ChangeRecorder, ind: IndicatorRow, value: string): void {
  if (ind.target_value === value) return;
  ctx.db.prepare<[string, string], never>('UPDATE indicators SET target_value = ?, target_text = NULL WHERE id = ?').run(value, ind.id);
  rec.update('indicator', ind.id, 'target_value', ind.target_value, value);
  rec.update('indicator', ind.id, 'target_text', ind.target_text, null);
}
