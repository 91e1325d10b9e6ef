/**
 * Many target cells at once (a pasted block, a cleared range, one typed cell): every cell is checked
 * first and every problem reported with its row and column; only a fully valid block is written, in
 * one change set (one undo step).
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { invalid, notFound, type ErrorIssue, type Reason } from '../errors.ts';
import { runChange, type ChangeRecorder, type WithChanges } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import type { TargetValue } from '../../contract/entities.ts';
import type { TargetCellInput } from '../../contract/ops/targets.ts';
import { targetQueries, toTargetValue, type TargetRow } from './queries.ts';
import { checkTargetCell as checkCellRule, type TargetCellCheck } from '../../domain/targets.ts';
import { wordingSaysMore } from '../../domain/numbers.ts';
import { indicatorQueries, type IndicatorRow } from '../indicators/queries.ts';
import { planQueries, type PlanRow } from '../plans/queries.ts';
import { districtQueries } from '../districts/queries.ts';
import { clusterQueries } from '../clusters/queries.ts';

export interface PreparedCell {
  indicator: IndicatorRow;
  scope: TargetRow['scope'];
  scopeId: string;
  year: number;
  period: TargetRow['period'];
  kind: TargetRow['kind'];
  value: string | null;
  text: string | null;
}

type CellInput = Omit<TargetCellInput, 'row' | 'field'>;

/**
 * Looks up what the rule needs (plan, indicator, whether the district or cluster is the plan's) and
 * applies domain/targets.ts checkTargetCell: the one rule for a typed cell, a pasted block and a
 * cluster's target.
 */
export function prepareTargetCell(ctx: StoreContext, planId: string, cell: CellInput): PreparedCell | Extract<TargetCellCheck, { ok: false }> | { ok: false; field: 'indicatorId'; message: string } {
  const ind = indicatorQueries(ctx.db).byId.get(cell.indicatorId);
  if (!ind || ind.plan_id !== planId) return { ok: false, field: 'indicatorId', message: `指标“${cell.indicatorId}”不属于本规划` };
  const plan: PlanRow | undefined = planQueries(ctx.db).byId.get(planId);
  if (!plan) throw notFound('规划', planId);
  const scopeId = cell.scope === 'plan' ? '' : (cell.scopeId ?? '');
  const scopeInPlan =
    cell.scope === 'district' ? districtQueries(ctx.db).planDistrict.get(planId, scopeId) !== undefined
    : cell.scope === 'cluster' ? clusterQueries(ctx.db).byId.get(scopeId)?.plan_id === planId
    : true;
  const checked = checkCellRule(
    { scope: cell.scope, scopeId, year: cell.year, value: cell.value },
    {
      plan: { periodStart: plan.period_start, periodEnd: plan.period_end },
      indicator: { name: ind.name, unit: ind.unit, baselineYear: ind.baseline_year, targetYear: ind.target_year },
      scopeInPlan,
    },
  );
  if (!checked.ok) return checked;
  return { indicator: ind, scope: cell.scope, scopeId, year: cell.year, period: cell.period ?? '', kind: cell.kind, value: checked.value, text: checked.text };
}

/** Checks one cell of a block; returns it ready to write, or pushes its problem to `issues` with the cell's row and column. */
export function checkTargetCell(ctx: StoreContext, planId: string, cell: TargetCellInput, index: number, issues: ErrorIssue[]): PreparedCell | null {
  const c = prepareTargetCell(ctx, planId, cell);
  if ('ok' in c) {
    // reason + params: the refusal in words of the UI's language (db/errors.ts; s5-polish13)
    const why: Reason = c.field === 'value' ? { reason: 'target.value', params: { text: cell.value ?? '' } } : c.field === 'year' ? { reason: 'target.year', params: { year: cell.year } } : { reason: `target.${c.field}` };
    issues.push({ row: cell.row ?? index + 1, field: cell.field ?? String(cell.year), message: c.message, ...why });
    return null;
  }
  return c;
}

/** True when storing `c` over `existing` would change nothing a planner sees (same number, no new wording). */
export function sameCell(existing: { value: string | null; text: string | null }, c: PreparedCell): boolean {
  if (existing.value !== c.value) return false;
  if (existing.text === c.text) return true;
  // "3000" typed over the document's "3000亿元": the wording said nothing more, keep it.
  return c.text === null && !wordingSaysMore(existing.text, existing.value, c.indicator.unit);
}

/** True when writing `c` would change the stored cell (or store a new value). */
export function changesTargetCell(ctx: StoreContext, c: PreparedCell): boolean {
  const e = targetQueries(ctx.db).byKey.get(c.indicator.id, c.scope, c.scopeId, c.year, c.period, c.kind);
  return e ? !sameCell(e, c) : c.value !== null;
}

/** Writes one checked cell inside a change; returns the stored value, or null when nothing changed. */
export function writeTargetCell(ctx: StoreContext, rec: ChangeRecorder, c: PreparedCell): TargetValue | null {
  const q = targetQueries(ctx.db);
  const existing = q.byKey.get(c.indicator.id, c.scope, c.scopeId, c.year, c.period, c.kind);
  if (existing) {
    if (sameCell(existing, c)) return null;
    q.updateValue.run(c.value, c.text, existing.id);
    rec.update('target', existing.id, 'value', existing.value, c.value);
    rec.update('target', existing.id, 'text', existing.text, c.text);
    return toTargetValue({ ...existing, value: c.value, text: c.text });
  }
  if (c.value === null) return null;
  const row: TargetRow = {
    id: randomUUID(), indicator_id: c.indicator.id, scope: c.scope, scope_id: c.scopeId, year: c.year,
    period: c.period, kind: c.kind, value: c.value, text: c.text, source: null,
  };
  q.insert.run(row);
  rec.inserted('target', row.id);
  return toTargetValue(row);
}

export function describeTargetChange(cells: PreparedCell[]): string {
  const first = cells[0];
  if (!first) return '修改目标值';
  const kind = first.kind === 'actual' ? '实际值' : '目标值';
  if (cells.length === 1) return `修改${first.indicator.name} ${first.year}年${kind}`;
  return `粘贴${first.indicator.name}${kind}（${cells.length} 格）`;
}

export function setTargetCells(ctx: StoreContext, planId: string, cells: TargetCellInput[], label?: string): WithChanges<{ changed: number; values: TargetValue[] }> {
  if (!planQueries(ctx.db).byId.get(planId)) throw notFound('规划', planId);
  const issues: ErrorIssue[] = [];
  const prepared: PreparedCell[] = [];
  cells.forEach((cell, i) => {
    const p = checkTargetCell(ctx, planId, cell, i, issues);
    if (p) prepared.push(p);
  });
  if (issues.length) {
    throw invalid(
      cells.length === 1 ? (issues[0]?.message ?? '数值无效') : `${issues.length} 个单元格有错误，全部未保存`,
      issues,
      cells.length === 1 ? { reason: issues[0]?.reason ?? 'target.value', ...(issues[0]?.params ? { params: issues[0].params } : {}) } : { reason: 'target.pasteNotSaved', params: { count: issues.length } },
    );
  }
  const effective = prepared.filter((c) => changesTargetCell(ctx, c));
  // Nothing to change: no empty undo step.
  if (effective.length === 0) return { changed: 0, values: [], changes: noChanges(planId) };
  return runChange(ctx, { label: label ?? describeTargetChange(effective), planId }, (rec) => {
    const values: TargetValue[] = [];
    for (const c of effective) {
      const v = writeTargetCell(ctx, rec, c);
      if (v) values.push(v);
    }
    return { changed: values.length, values };
  });
}
