/**
 * Parts that do not add up to their stated whole: districts against the plan's total, clusters
 * against the plan's total, for every additive indicator (money, counts), year, quarter and kind.
 * Wording counts: "超过7110家" + "超过4640家" + "超过1060家" = more than 12810, which can be
 * "超过1.28万家"; 14100 cannot be "1.4万亿元". A plan's district rows are taken to be disjoint areas.
 */
import { Dec } from '../../domain/numbers.ts';
import type { Finding, FindingCell } from '../../contract/ops/checks.ts';
import type { TargetRow } from '../targets/queries.ts';
import { boundOf, intervalOf, intervalsMeet, isAdditiveUnit, sumIntervals } from './rules.ts';
import { targetLabel, targetLabelParams, type PlanData } from './data.ts';
import { formatNumber, indicatorFocus, rounded, signed, targetFocus } from './format.ts';

type Whole = { cell: FindingCell; value: string; text: string | null };

function wholeOf(d: PlanData, indicatorId: string, year: number, period: string, kind: string): Whole | null {
  const row = d.targets.find((t) => t.indicator_id === indicatorId && t.scope === 'plan' && t.year === year && t.period === period && t.kind === kind);
  if (row && row.value !== null) {
    return {
      value: row.value,
      text: row.text,
      cell: { planId: d.plan.id, area: 'target', focus: targetFocus(row), label: targetLabel(d, row), value: row.value, text: row.text, labelCode: 'target', labelParams: targetLabelParams(d, row) },
    };
  }
  const ind = d.indicatorById.get(indicatorId);
  if (!row && ind && kind === 'target' && period === '' && ind.target_year === year && ind.target_value !== null) {
    return {
      value: ind.target_value,
      text: ind.target_text,
      cell: {
        planId: d.plan.id, area: 'indicator', focus: indicatorFocus(ind.id, 'targetValue'),
        label: `${ind.name} ${year}年目标 ${ind.target_text ?? ind.target_value}`, value: ind.target_value, text: ind.target_text,
        labelCode: 'indicatorTarget', labelParams: { indicator: ind.name, year, value: ind.target_text ?? ind.target_value },
      },
    };
  }
  return null;
}

export function sumFindings(d: PlanData): Finding[] {
  const findings: Finding[] = [];
  const groups = new Map<string, TargetRow[]>();
  for (const t of d.targets) {
    if (t.scope === 'plan' || t.value === null) continue;
    const key = [t.indicator_id, t.scope, t.year, t.period, t.kind].join('|');
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  for (const parts of groups.values()) {
    const first = parts[0];
    if (!first || parts.length < 2) continue;
    const ind = d.indicatorById.get(first.indicator_id);
    if (!ind || !isAdditiveUnit(ind.unit)) continue;
    const whole = wholeOf(d, first.indicator_id, first.year, first.period, first.kind);
    if (!whole) continue;
    const partsInterval = sumIntervals(parts.map((p) => intervalOf(p.value ?? '0', boundOf(p.text))));
    const wholeBound = boundOf(whole.text);
    if (intervalsMeet(partsInterval, intervalOf(whole.value, wholeBound))) continue;

    const total = parts.reduce((acc, p) => acc.plus(p.value ?? 0), new Dec(0)).toFixed();
    const diff = new Dec(total).minus(whole.value).toFixed();
    const unit = ind.unit;
    const what = first.scope === 'district' ? '区县' : '产业集群';
    const approx = parts.some((p) => boundOf(p.text) === 'approx') || wholeBound === 'approx';
    // Fewer district values than the plan has districts: maybe the breakdown is just not finished.
    const missing = first.scope === 'district' && d.planDistricts.length > parts.length && new Dec(diff).isNegative() ? d.planDistricts.length - parts.length : 0;
    const severity: Finding['severity'] = missing > 0 ? 'info' : approx ? 'warning' : 'error';
    const period = `${first.year}年${first.period}${first.kind === 'actual' ? '实际' : '目标'}`;
    const partsText = parts.map((p) => formatNumber(p.value ?? '')).join(' + ');
    const lowerNote = partsInterval.hi === null ? '（各项均为下限，合计为下限）' : '';
    findings.push({
      id: ['sum', d.plan.id, first.indicator_id, first.scope, first.year, first.period, first.kind].join(':'),
      kind: 'sum',
      severity,
      planId: d.plan.id,
      title: `${ind.name}：${what}${first.kind === 'actual' ? '实际值' : '目标'}之和与总量不符`,
      code: 'sum',
      params: {
        plan: d.planLabel, indicator: ind.name, scope: first.scope, kind: first.kind, year: first.year, period: first.period, count: parts.length,
        parts: partsText, total: formatNumber(total), unit: unit ?? '', lowerBound: partsInterval.hi === null ? 1 : 0,
        whole: formatNumber(whole.value), wholeText: whole.text ?? '', diff: signed(diff), missing,
      },
      message:
        `${d.planLabel} ${ind.name} ${period}：${parts.length} 个${what}合计 ${partsText} = ${formatNumber(total)}${unit ?? ''}${lowerNote}，` +
        `规划总量 ${formatNumber(whole.value)}${unit ?? ''}${whole.text ? `（原文“${whole.text}”）` : ''}，相差 ${signed(diff)}${unit ?? ''}。` +
        (missing > 0 ? `另有 ${missing} 个区县尚未分解。` : ''),
      cells: [
        whole.cell,
        ...parts.map((p) => ({
          planId: d.plan.id, area: 'target' as const, focus: targetFocus(p), label: targetLabel(d, p), value: p.value, text: p.text,
          labelCode: 'target', labelParams: targetLabelParams(d, p),
        })),
      ],
      numbers: [
        { label: `${what}合计`, value: rounded(total, 6), unit, labelCode: first.scope === 'district' ? 'districtsTotal' : 'clustersTotal', unitCode: null },
        { label: '规划总量', value: rounded(whole.value, 6), unit, labelCode: 'planTotal', unitCode: null },
      ],
      difference: { label: '相差', value: rounded(diff, 6), unit, labelCode: 'difference', unitCode: null },
    });
  }
  return findings;
}
