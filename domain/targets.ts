/**
 * What a valid target cell is — one rule for a typed cell (targets.set), a pasted block
 * (targets.setMany), a cluster's target and the renderer. The core looks up the facts (the plan's
 * period, the indicator, whether the district or cluster belongs to the plan); the rule is here.
 * Pure: no Node, no DOM, no database.
 */
import { allowsNegative, readValueText, type ParsedValue } from './numbers.ts';

export interface TargetCellFacts {
  plan: { periodStart: number; periodEnd: number };
  indicator: { name: string; unit: string | null; baselineYear: number | null; targetYear: number | null };
  /**
   * For a district or cluster cell: whether that district is in the plan's own district list, or
   * that cluster is one of the plan's. A district merely known elsewhere (another plan, an older
   * value left behind) does not count: the plan's list is what a value may be set for.
   */
  scopeInPlan: boolean;
}

export interface TargetCell {
  scope: 'plan' | 'district' | 'cluster';
  scopeId: string | null;
  year: number;
  /** as typed: "3,000", "30左右"; null or "" clears the cell */
  value: string | null;
}

export type TargetCellCheck = ({ ok: true } & ParsedValue) | { ok: false; field: 'scopeId' | 'year' | 'value'; message: string };

/** The years a value of this indicator may be set for: the plan period, widened to its baseline and target years. */
export function targetYearRange(facts: { plan: TargetCellFacts['plan']; indicator: Pick<TargetCellFacts['indicator'], 'baselineYear' | 'targetYear'> }): { first: number; last: number } {
  const { plan, indicator } = facts;
  return {
    first: Math.min(plan.periodStart, indicator.baselineYear ?? plan.periodStart),
    last: Math.max(plan.periodEnd, indicator.targetYear ?? plan.periodEnd),
  };
}

/** Checks one target cell; the first problem found is reported with the field it concerns. */
export function checkTargetCell(cell: TargetCell, facts: TargetCellFacts): TargetCellCheck {
  const scopeId = cell.scopeId ?? '';
  if (cell.scope === 'district' && !facts.scopeInPlan) return { ok: false, field: 'scopeId', message: `区县“${scopeId}”不属于本规划` };
  if (cell.scope === 'cluster' && !facts.scopeInPlan) return { ok: false, field: 'scopeId', message: `产业集群“${scopeId}”不属于本规划` };
  const { first, last } = targetYearRange(facts);
  if (cell.year < first || cell.year > last) return { ok: false, field: 'year', message: `年份 ${cell.year} 超出本指标的年份范围（${first}—${last}）` };
  const value = checkValueText(cell.value, facts.indicator);
  return value.ok ? { ok: true, ...value.value } : { ok: false, field: 'value', message: value.message };
}

/**
 * A value as typed for an indicator (a target cell, an indicator's baseline or target): number and
 * wording, or why it is refused ("很多" is not a number; money and counts are never negative).
 */
export function checkValueText(raw: string | null, indicator: { name: string; unit: string | null }): { ok: true; value: ParsedValue } | { ok: false; message: string } {
  const text = raw ?? '';
  const read = readValueText(text, indicator.unit);
  // "3000美元" in an 亿元 cell: the reading's message names the two units.
  if (!read.ok) return { ok: false, message: read.message };
  if (read.value !== null && read.value.startsWith('-') && !allowsNegative(indicator.unit))
    return { ok: false, message: `${indicator.name}（${indicator.unit ?? ''}）不能为负数：${text}` };
  return { ok: true, value: { value: read.value, text: read.text } };
}
