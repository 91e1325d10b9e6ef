/**
 * The same measure given different values in two plans. "The same measure" (documented rule):
 *   - the indicator names are equal after normalizeMeasureName (NFKC, no spaces, punctuation,
 *     quotes or 的, no leading 全市/全区/本市), and the units are equal;
 *   - the same year and quarter, both targets (or both actuals);
 *   - the same place: the same district/area row, or both plan totals of plans covering the same
 *     area (the same set of plan districts; plans without districts cover the whole city).
 * Values are compared with their wording: "8.6万家" and "超过8.6万家" agree, "1.27万家" and
 * "超过1.28万家" do not. Different wording of the same measure in two plans is a finding; related
 * measures (营业收入 vs 产值, another year, another area) are not compared.
 */
import { Dec } from '../../domain/numbers.ts';
import type { Finding, FindingCell } from '../../contract/ops/checks.ts';
import { boundOf, intervalOf, intervalsMeet, normalizeMeasureName, normalizeUnit } from './rules.ts';
import { targetLabel, targetLabelParams, type PlanData } from './data.ts';
import { formatNumber, indicatorFocus, rounded, signed, targetFocus } from './format.ts';

interface Stated {
  data: PlanData;
  indicatorId: string;
  name: string;
  unit: string | null;
  place: string;
  placeName: string;
  /** 'city' (全市), 'region' (the plan's districts together: placeName lists them) or 'district' */
  placeKind: string;
  year: number;
  value: string;
  text: string | null;
  cell: FindingCell;
}

function statedValues(d: PlanData): Stated[] {
  const out: Stated[] = [];
  const region = d.planDistricts.map((p) => p.district_id).sort().join(',');
  const planPlace = `plan:${region}`;
  const hasPlanRow = new Set<string>();
  for (const t of d.targets) {
    if (t.kind !== 'target' || t.scope === 'cluster') continue;
    if (t.scope === 'plan') hasPlanRow.add(`${t.indicator_id}|${t.year}|${t.period}`);
    const ind = d.indicatorById.get(t.indicator_id);
    if (!ind || t.value === null) continue;
    out.push({
      data: d, indicatorId: ind.id, name: ind.name, unit: ind.unit,
      place: `${t.scope === 'plan' ? planPlace : `district:${t.scope_id}`}|${t.year}|${t.period}`,
      placeName: t.scope === 'plan' ? (region ? d.planDistricts.map((p) => p.name).join('、') : '') : d.nameOf(t.scope, t.scope_id),
      placeKind: t.scope === 'plan' ? (region ? 'region' : 'city') : 'district',
      year: t.year, value: t.value, text: t.text,
      cell: {
        planId: d.plan.id, area: 'target', focus: targetFocus(t), label: `${d.planLabel} ${ind.name} ${targetLabel(d, t)}`, value: t.value, text: t.text,
        labelCode: 'planTarget', labelParams: { plan: d.planLabel, indicator: ind.name, ...targetLabelParams(d, t) },
      },
    });
  }
  // Plans whose targets are only in the indicator table (e.g. a 专栏 with baseline and target columns).
  for (const ind of d.indicators) {
    if (ind.target_year === null || ind.target_value === null || hasPlanRow.has(`${ind.id}|${ind.target_year}|`)) continue;
    out.push({
      data: d, indicatorId: ind.id, name: ind.name, unit: ind.unit,
      place: `${planPlace}|${ind.target_year}|`, placeName: region ? d.planDistricts.map((p) => p.name).join('、') : '', placeKind: region ? 'region' : 'city', year: ind.target_year,
      value: ind.target_value, text: ind.target_text,
      cell: {
        planId: d.plan.id, area: 'indicator', focus: indicatorFocus(ind.id, 'targetValue'), label: `${d.planLabel} ${ind.name} ${ind.target_year}年目标 ${ind.target_text ?? ind.target_value}`, value: ind.target_value, text: ind.target_text,
        labelCode: 'planIndicatorTarget', labelParams: { plan: d.planLabel, indicator: ind.name, year: ind.target_year, value: ind.target_text ?? ind.target_value },
      },
    });
  }
  return out;
}

/** 全市, "江津区、合川区合计", or the district's name. */
const placeWords = (s: Stated) => (s.placeKind === 'city' ? '全市' : s.placeKind === 'region' ? `${s.placeName}合计` : s.placeName);

export function crossPlanFindings(plans: readonly PlanData[]): Finding[] {
  const groups = new Map<string, Stated[]>();
  for (const d of plans) {
    for (const s of statedValues(d)) {
      const key = `${normalizeMeasureName(s.name)}|${normalizeUnit(s.unit)}|${s.place}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
  }
  const findings: Finding[] = [];
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (!a || !b || a.data.plan.id === b.data.plan.id) continue;
        if (intervalsMeet(intervalOf(a.value, boundOf(a.text)), intervalOf(b.value, boundOf(b.text)))) continue;
        const diff = new Dec(b.value).minus(a.value).toFixed();
        const u = a.unit ?? '';
        const show = (s: Stated) => `${s.data.planLabel} 为 ${s.text ? `“${s.text}”` : `${formatNumber(s.value)}${u}`}`;
        const base: Omit<Finding, 'planId' | 'id'> = {
          kind: 'cross_plan',
          severity: 'error',
          title: `${a.name}：两个规划的 ${a.year}年目标不同`,
          message: `${a.name}（${placeWords(a)}）${a.year}年目标：${show(a)}，${show(b)}，相差 ${signed(diff)}${u}。`,
          code: 'cross_plan',
          params: {
            indicator: a.name, place: a.placeName, placeKind: a.placeKind, year: a.year, unit: u, diff: signed(diff),
            planA: a.data.planLabel, valueA: a.text ? `“${a.text}”` : `${formatNumber(a.value)}${u}`,
            planB: b.data.planLabel, valueB: b.text ? `“${b.text}”` : `${formatNumber(b.value)}${u}`,
          },
          cells: [a.cell, b.cell],
          numbers: [
            { label: a.data.planLabel, value: rounded(a.value, 6), unit: a.unit, labelCode: null, unitCode: null },
            { label: b.data.planLabel, value: rounded(b.value, 6), unit: b.unit, labelCode: null, unitCode: null },
          ],
          difference: { label: '相差', value: rounded(diff, 6), unit: a.unit, labelCode: 'difference', unitCode: null },
        };
        // Listed under both plans; the id is the same pair of cells either way.
        const id = `cross_plan:${a.indicatorId}:${b.indicatorId}:${a.place}`;
        findings.push({ ...base, id, planId: a.data.plan.id });
      }
    }
  }
  return findings;
}
