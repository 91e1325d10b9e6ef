/** An indicator's fields as typed → the stored row, each field checked (pure but for the types). */
import type { ErrorIssue } from '../errors.ts';
import type { IndicatorPatch } from '../../contract/ops/indicators.ts';
import type { IndicatorRow } from './queries.ts';
import { checkAttribute, checkName, checkYear } from './rules.ts';
import { checkUnit } from './units.ts';
import { checkValueText } from '../../domain/targets.ts';

export const COLUMNS = ['category', 'name', 'unit', 'attribute', 'baseline_year', 'baseline_value', 'baseline_text', 'target_year', 'target_value', 'target_text', 'stated_growth_text', 'note', 'source'] as const;

export function applyPatch(current: IndicatorRow, patch: IndicatorPatch, issues: ErrorIssue[]): IndicatorRow {
  const next: IndicatorRow = { ...current };
  const use = <T>(field: string, c: { ok: true; value: T } | { ok: false; message: string }, set: (v: T) => void) => {
    if (c.ok) set(c.value);
    else issues.push({ field, message: c.message });
  };
  if (patch.category !== undefined) next.category = patch.category?.trim() || null;
  if (patch.name !== undefined) use('name', checkName(patch.name, '指标名称'), (v) => (next.name = v));
  if (patch.unit !== undefined) use('unit', checkUnit(patch.unit), (v) => (next.unit = v));
  if (patch.attribute !== undefined) use('attribute', checkAttribute(patch.attribute), (v) => (next.attribute = v));
  if (patch.baselineYear !== undefined) use('baselineYear', checkYear(patch.baselineYear), (v) => (next.baseline_year = v));
  if (patch.targetYear !== undefined) use('targetYear', checkYear(patch.targetYear), (v) => (next.target_year = v));
  if (patch.baselineValue !== undefined)
    use('baselineValue', checkValueText(patch.baselineValue, next), (v) => {
      next.baseline_value = v.value;
      next.baseline_text = v.text;
    });
  if (patch.targetValue !== undefined)
    use('targetValue', checkValueText(patch.targetValue, next), (v) => {
      next.target_value = v.value;
      next.target_text = v.text;
    });
  if (patch.statedGrowthText !== undefined) next.stated_growth_text = patch.statedGrowthText?.trim() || null;
  if (patch.note !== undefined) next.note = patch.note;
  if (patch.source !== undefined) next.source = patch.source;
  if (next.baseline_year !== null && next.target_year !== null && next.baseline_year >= next.target_year)
    issues.push({ field: 'baselineYear', message: `基期年份 ${next.baseline_year} 应早于目标年份 ${next.target_year}` });
  return next;
}

