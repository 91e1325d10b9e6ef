/**
 * Pure rules of the consistency checks (no database): what a document's wording says about a
 * number (exact, "超过" a floor, "以内" a ceiling, "左右" approximate), how stated growth is read,
 * when two indicators are "the same measure", which units may be added up.
 */
import { Dec } from '../../domain/numbers.ts';
import { annualisedPercent, cumulativeChangePercent, impliedCagr, impliedStep } from '../breakdown/rules.ts';

type D = InstanceType<typeof Dec>;

export type Bound = 'exact' | 'lower' | 'upper' | 'approx';

const LOWER = /(超过|以上|突破|不低于|不少于|高于|多于|大于|>|＞|≥|>=|及以上)/;
const UPPER = /(不超过|不高于|以内|以下|小于|低于|少于|控制在|<|＜|≤|<=)/;
const APPROX = /(左右|约|大约|上下)/;

/** What the wording says about the number: "超过1.28万家" is a floor, "30左右" approximate, "3000亿元" exact. */
export function boundOf(text: string | null): Bound {
  if (!text) return 'exact';
  // Ceilings first: "不超过" contains "超过".
  if (UPPER.test(text)) return 'upper';
  if (LOWER.test(text)) return 'lower';
  if (APPROX.test(text)) return 'approx';
  return 'exact';
}

/** The values a stated number allows: [lo, hi], null for unbounded. Approximate values count as exact. */
export interface Interval {
  lo: D | null;
  hi: D | null;
}

export function intervalOf(value: string, bound: Bound): Interval {
  const v = new Dec(value);
  if (bound === 'lower') return { lo: v, hi: null };
  if (bound === 'upper') return { lo: null, hi: v };
  return { lo: v, hi: v };
}

export function sumIntervals(list: readonly Interval[]): Interval {
  let lo: D | null = new Dec(0);
  let hi: D | null = new Dec(0);
  for (const i of list) {
    lo = lo === null || i.lo === null ? null : lo.plus(i.lo);
    hi = hi === null || i.hi === null ? null : hi.plus(i.hi);
  }
  return { lo, hi };
}

/**
 * Whether two stated quantities can both be true. "超过12810" and "超过1.28万" can; "14100" and
 * "14000" cannot; "1.27万" and "超过1.28万" cannot. Floors and ceilings are treated as inclusive.
 */
export function intervalsMeet(a: Interval, b: Interval): boolean {
  if (a.lo !== null && b.hi !== null && a.lo.gt(b.hi)) return false;
  if (b.lo !== null && a.hi !== null && b.lo.gt(a.hi)) return false;
  return true;
}

/**
 * Units whose values add up across districts or clusters: amounts of money and counts. Shares (%),
 * ratios ("万元/人", "亿元/平方公里"), ages, days are not additive, so no sum check applies to them.
 */
export function isAdditiveUnit(unit: string | null): boolean {
  if (!unit) return false;
  return /^(万亿|千亿|亿|千万|百万|万|千)?(元|美元|家|个|项|件|人|户|台|辆|吨|千瓦|平方米|亩|座|所|张|套|艘|架)$/.test(unit.trim());
}

/** Percent-like units, whose growth is naturally stated in percentage points. */
export function isPercentUnit(unit: string | null): boolean {
  return !!unit && /^(%|％|百分点|‰)$/.test(unit.trim());
}

/**
 * "The same measure" across plans: the indicator's name after normalising (Unicode NFKC, no
 * whitespace or punctuation or quotes, no 的, no leading region words 全市/全区/本市), the same unit
 * (normalised the same way) and the same year. Names that differ in anything else are different
 * measures on purpose: 营业收入 is not 产值, 工业增加值 is not 制造业增加值.
 */
export function normalizeMeasureName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/的/g, '')
    .replace(/^(全市|全区|本市)/, '');
}

export function normalizeUnit(unit: string | null): string {
  return (unit ?? '').normalize('NFKC').replace(/\s/g, '');
}

export type GrowthForm = 'rate' | 'points' | 'absolute';

export interface StatedGrowth {
  form: GrowthForm;
  /** the number as stated: percent for 'rate', percentage points for 'points', the indicator's unit for 'absolute' */
  value: string;
  /** "[…]": the change over the whole period rather than per year (Chinese planning convention, e.g. 专栏 notes) */
  cumulative: boolean;
  bound: Bound;
}

const GROWTH = /^(?:年均)?(?:增长|提高|提升|增加)?(下降|降低|减少)?\s*(\[|［|【)?\s*([+\-−－]?\d+(?:\.\d+)?)\s*(%|％|个百分点|百分点)?\s*([^\]］】\d]*?)\s*(\]|］|】)?\s*(左右|以上|以下|以内)?$/;

/**
 * Reads a stated growth cell: "18%" a compound rate per year, "0.6个百分点" percentage points per
 * year, "0.6万元/人" or "4个" units per year, a bare "0.6" points for percentage indicators and
 * units otherwise, "[-16%]" a change over the whole period. "—" or an empty cell: no stated growth.
 */
export function parseStatedGrowth(text: string | null, unit: string | null): StatedGrowth | null {
  if (!text) return null;
  const raw = text.normalize('NFKC').trim().replace(/^约/, '');
  if (raw === '' || /^[—–\-－/]+$/.test(raw)) return null;
  const m = GROWTH.exec(raw);
  if (!m || m[3] === undefined) return null;
  let value = new Dec(m[3].replace(/[−－]/g, '-'));
  if (m[1]) value = value.negated();
  const mark = m[4] ?? '';
  const rest = (m[5] ?? '').trim();
  let form: GrowthForm;
  if (mark === '%' || mark === '％') form = 'rate';
  else if (mark.includes('百分点')) form = 'points';
  else if (rest === '' && isPercentUnit(unit)) form = 'points';
  else form = 'absolute';
  const cumulative = m[2] !== undefined && m[6] !== undefined;
  const qualifier = m[7] ?? '';
  const bound: Bound = /以上/.test(qualifier) ? 'lower' : /以下|以内/.test(qualifier) ? 'upper' : /左右/.test(qualifier) ? 'approx' : 'exact';
  return { form, value: value.toFixed(), cumulative, bound };
}

export interface GrowthComparison {
  form: GrowthForm;
  cumulative: boolean;
  years: number;
  /** as stated, in the stated form (per year, or over the period when cumulative) */
  stated: string;
  /** implied by baseline and target, same form, full precision */
  implied: string;
  /** stated − implied, same form */
  difference: string;
  /**
   * The gap on one common scale, percentage points of annual growth, compared with the tolerance:
   * rates: stated rate − implied CAGR (cumulative rates annualised first); points: the per-year
   * point difference; absolute steps: the per-year difference as a percentage of the baseline.
   */
  gapPoints: string;
  consistent: boolean;
}

/**
 * Compares stated growth with the growth a baseline and a target imply. Returns a reason instead
 * when it cannot be compared (no baseline, target year not after the baseline year, baseline 0…).
 */
export function compareGrowth(
  stated: StatedGrowth,
  baseline: { year: number | null; value: string | null },
  target: { year: number | null; value: string | null },
  tolerancePoints: string,
): { ok: true; result: GrowthComparison } | { ok: false; reason: string } {
  if (baseline.year === null || baseline.value === null) return { ok: false, reason: '缺少基期值' };
  if (target.year === null || target.value === null) return { ok: false, reason: '缺少目标值' };
  const years = target.year - baseline.year;
  if (years <= 0) return { ok: false, reason: `目标年份（${target.year}）不晚于基期年份（${baseline.year}）` };
  const tol = new Dec(tolerancePoints);
  let implied: D;
  let gapAnnual: D;
  if (stated.form === 'rate') {
    if (stated.cumulative) {
      const c = cumulativeChangePercent(baseline.value, target.value);
      if (c === null) return { ok: false, reason: '基期值为 0，无法计算增长率' };
      implied = new Dec(c);
      const a = annualisedPercent(stated.value, years);
      const b = annualisedPercent(c, years);
      if (a === null || b === null) return { ok: false, reason: '累计变化小于 −100%，无法折算年均' };
      gapAnnual = new Dec(a).minus(b);
    } else {
      const r = impliedCagr(baseline, target);
      if (!r.ok) return r;
      implied = new Dec(r.percent);
      gapAnnual = new Dec(stated.value).minus(implied);
    }
  } else {
    const s = impliedStep({ year: baseline.year, value: baseline.value }, { year: target.year, value: target.value });
    if (!s.ok) return s;
    implied = stated.cumulative ? new Dec(target.value).minus(baseline.value) : new Dec(s.step);
    const perYearGap = new Dec(stated.value).minus(implied).dividedBy(stated.cumulative ? years : 1);
    if (stated.form === 'points') gapAnnual = perYearGap;
    else {
      const b = new Dec(baseline.value);
      gapAnnual = b.isZero() ? (perYearGap.isZero() ? new Dec(0) : new Dec(Infinity)) : perYearGap.dividedBy(b.abs()).times(100);
    }
  }
  // A stated floor ("6%以上") is met by any faster implied growth; a ceiling by any slower one.
  let consistent = gapAnnual.abs().lte(tol);
  if (stated.bound === 'lower' && gapAnnual.isNegative()) consistent = true;
  if (stated.bound === 'upper' && gapAnnual.isPositive()) consistent = true;
  return {
    ok: true,
    result: {
      form: stated.form,
      cumulative: stated.cumulative,
      years,
      stated: stated.value,
      implied: implied.toFixed(),
      difference: new Dec(stated.value).minus(implied).toFixed(),
      gapPoints: gapAnnual.isFinite() ? gapAnnual.toFixed() : 'Infinity',
      consistent,
    },
  };
}
