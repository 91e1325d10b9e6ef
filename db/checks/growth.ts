/**
 * Stated annual growth against the growth implied by baseline, target and years. Rates ("18%") are
 * compared with the compound rate (target / baseline)^(1/years) − 1; percentage points ("0.6个百分点",
 * or a bare number for a percentage indicator) with (target − baseline) / years; units per year
 * ("4个", "0.6万元/人") likewise, their gap expressed as a share of the baseline; "[…]" is the change
 * over the whole period (Chinese planning convention), compared after annualising.
 */
import type { Finding, FindingCell } from '../../contract/ops/checks.ts';
import { compareGrowth, parseStatedGrowth, type GrowthComparison } from './rules.ts';
import type { PlanData } from './data.ts';
import { formatNumber, indicatorFocus, rounded, signed } from './format.ts';

function unitOf(c: GrowthComparison, unit: string | null): string {
  const per = c.cumulative ? `（${c.years}年累计）` : '/年';
  if (c.form === 'rate') return `%${per}`;
  if (c.form === 'points') return `个百分点${per}`;
  return `${unit ?? ''}${per}`;
}

export function growthFindings(d: PlanData, tolerancePoints: string): Finding[] {
  const findings: Finding[] = [];
  for (const ind of d.indicators) {
    const stated = parseStatedGrowth(ind.stated_growth_text, ind.unit);
    if (!stated) continue;
    const baseline = { year: ind.baseline_year, value: ind.baseline_value };
    const target = { year: ind.target_year, value: ind.target_value };
    const cells: FindingCell[] = [
      {
        planId: d.plan.id, area: 'indicator' as const, focus: indicatorFocus(ind.id, 'statedGrowthText'), label: `${ind.name} 年均增长（原文）${ind.stated_growth_text}`, value: stated.value, text: ind.stated_growth_text,
        labelCode: 'statedGrowth', labelParams: { indicator: ind.name, text: ind.stated_growth_text ?? '' },
      },
      {
        planId: d.plan.id, area: 'indicator' as const, focus: indicatorFocus(ind.id, 'baselineValue'), label: `${ind.name} ${ind.baseline_year ?? ''}年基期值 ${ind.baseline_text ?? ind.baseline_value ?? '—'}`, value: ind.baseline_value, text: ind.baseline_text,
        labelCode: 'baseline', labelParams: { indicator: ind.name, year: ind.baseline_year ?? '', value: ind.baseline_text ?? ind.baseline_value ?? '—' },
      },
      {
        planId: d.plan.id, area: 'indicator' as const, focus: indicatorFocus(ind.id, 'targetValue'), label: `${ind.name} ${ind.target_year ?? ''}年目标值 ${ind.target_text ?? ind.target_value ?? '—'}`, value: ind.target_value, text: ind.target_text,
        labelCode: 'targetValue', labelParams: { indicator: ind.name, year: ind.target_year ?? '', value: ind.target_text ?? ind.target_value ?? '—' },
      },
    ];
    const cmp = compareGrowth(stated, baseline, target, tolerancePoints);
    if (!cmp.ok) {
      // Only a broken period is worth a finding; a missing baseline is common and says nothing.
      if (ind.baseline_year !== null && ind.target_year !== null && ind.target_year <= ind.baseline_year) {
        findings.push({
          id: `growth:${ind.id}`, kind: 'growth', severity: 'warning', planId: d.plan.id,
          title: `${ind.name}：无法核对年均增长`,
          message: `${d.planLabel} ${ind.name}：${cmp.reason}，无法核对原文的年均增长 ${ind.stated_growth_text}。`,
          code: 'growth.period',
          params: { plan: d.planLabel, indicator: ind.name, stated: ind.stated_growth_text ?? '', baselineYear: ind.baseline_year, targetYear: ind.target_year },
          cells, numbers: [], difference: null,
        });
      }
      continue;
    }
    const c = cmp.result;
    if (c.consistent) continue;
    const u = unitOf(c, ind.unit);
    const digits = c.form === 'absolute' ? 4 : 2;
    const diffUnit = c.form === 'absolute' ? u : `个百分点${c.cumulative ? '' : '/年'}`;
    // fd.unit.<code>: rate / points / absolute, per year or over the period ({years}, {unit} from the params)
    const growthUnit = `${c.form}${c.cumulative ? 'Cumulative' : 'PerYear'}`;
    findings.push({
      id: `growth:${ind.id}`,
      kind: 'growth',
      severity: 'warning',
      planId: d.plan.id,
      title: `${ind.name}：原文年均增长与基期、目标不符`,
      code: 'growth',
      params: {
        plan: d.planLabel, indicator: ind.name, cumulative: c.cumulative ? 1 : 0, stated: ind.stated_growth_text ?? '',
        baselineYear: ind.baseline_year ?? '', baseline: formatNumber(ind.baseline_value ?? ''), targetYear: ind.target_year ?? '',
        target: formatNumber(ind.target_value ?? ''), unit: ind.unit ?? '', years: c.years, implied: formatNumber(c.implied, digits),
        diff: signed(c.difference, digits), tolerance: formatNumber(tolerancePoints),
      },
      message:
        `${d.planLabel} ${ind.name}：原文${c.cumulative ? '累计' : '年均'}增长 ${ind.stated_growth_text}，` +
        `按基期 ${ind.baseline_year}年 ${formatNumber(ind.baseline_value ?? '')}${ind.unit ?? ''}、目标 ${ind.target_year}年 ${formatNumber(ind.target_value ?? '')}${ind.unit ?? ''}（${c.years}年）计算，` +
        `应为 ${formatNumber(c.implied, digits)}${u}，相差 ${signed(c.difference, digits)}${diffUnit}` +
        `（容差 ${formatNumber(tolerancePoints)} 个百分点）。`,
      cells,
      numbers: [
        { label: '原文', value: rounded(c.stated, digits), unit: u, labelCode: 'stated', unitCode: growthUnit },
        { label: '按基期和目标计算', value: rounded(c.implied, digits), unit: u, labelCode: 'implied', unitCode: growthUnit },
      ],
      difference: { label: '相差', value: rounded(c.difference, digits), unit: diffUnit, labelCode: 'difference', unitCode: c.form === 'absolute' ? growthUnit : c.cumulative ? 'points' : 'pointsPerYear' },
    });
  }
  return findings;
}
