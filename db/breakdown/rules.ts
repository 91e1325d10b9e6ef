/**
 * The arithmetic of annual breakdowns, pure and exact (decimal.js, never JS floats):
 * implied growth, filling the years between a baseline and a target, spreading a total over parts
 * in proportion to their current values, rounding so that rounded parts still add up exactly.
 */
import { Dec } from '../../domain/numbers.ts';

type D = InstanceType<typeof Dec>;

/** Working precision for powers and roots: far beyond any displayed digit, so results are exact to the display. */
const HP = Dec.clone({ precision: 60, rounding: Dec.ROUND_HALF_UP });

export interface YearValue {
  year: number;
  value: string;
}

/** `reason`: the Chinese text; `key`: the same as a stable key of the UI's catalogue (err.<key>), for other languages */
export type Undefined = { ok: false; reason: string; key: string };
export type Defined<T> = { ok: true } & T;

/** Number of decimal places written in a canonical decimal string ("12.50" → 2, "3000" → 0). */
export function decimalsOf(value: string): number {
  const i = value.indexOf('.');
  return i < 0 ? 0 : value.length - i - 1;
}

/** Half-up rounding to `decimals` places, canonical output ("-0" → "0", trailing zeros dropped). */
export function roundTo(d: D | string, decimals: number): string {
  const s = new Dec(d).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).toFixed();
  return s === '-0' ? '0' : new Dec(s).toFixed();
}

/**
 * Compound annual growth rate implied by a baseline and a target, in percent at full precision:
 * (target / baseline)^(1 / years) − 1. Undefined (with the reason, in Chinese) when a value is
 * missing, the target year is not after the baseline year, the baseline is zero, or the two values
 * have different signs (no real rate leads from one to the other).
 */
export function impliedCagr(baseline: { year: number | null; value: string | null }, target: { year: number | null; value: string | null }): Defined<{ percent: string; years: number }> | Undefined {
  if (baseline.value === null || baseline.year === null) return { ok: false, reason: '缺少基期值', key: 'breakdown.noBaseline' };
  if (target.value === null || target.year === null) return { ok: false, reason: '缺少目标值', key: 'breakdown.noTarget' };
  const years = target.year - baseline.year;
  if (years <= 0) return { ok: false, reason: `目标年份（${target.year}）不晚于基期年份（${baseline.year}）`, key: 'breakdown.yearOrder' };
  const b = new HP(baseline.value);
  const t = new HP(target.value);
  if (b.isZero()) return { ok: false, reason: '基期值为 0，无法计算增长率', key: 'breakdown.zeroBaseline' };
  const ratio = t.dividedBy(b);
  if (ratio.isNegative()) return { ok: false, reason: '基期值与目标值符号相反，无法计算增长率', key: 'breakdown.signsDiffer' };
  if (ratio.isZero()) return { ok: true, percent: '-100', years };
  const rate = ratio.pow(new HP(1).dividedBy(years)).minus(1).times(100);
  return { ok: true, percent: rate.toSignificantDigits(40).toFixed(), years };
}

/** Equal annual step implied by a baseline and a target: (target − baseline) / years, full precision. */
export function impliedStep(baseline: YearValue, target: YearValue): Defined<{ step: string; years: number }> | Undefined {
  const years = target.year - baseline.year;
  if (years <= 0) return { ok: false, reason: `目标年份（${target.year}）不晚于基期年份（${baseline.year}）`, key: 'breakdown.yearOrder' };
  return { ok: true, step: new HP(target.value).minus(baseline.value).dividedBy(years).toSignificantDigits(40).toFixed(), years };
}

/** Cumulative change over the period in percent: (target / baseline − 1) × 100. */
export function cumulativeChangePercent(baseline: string, target: string): string | null {
  const b = new HP(baseline);
  if (b.isZero()) return null;
  return new HP(target).dividedBy(b).minus(1).times(100).toSignificantDigits(40).toFixed();
}

/** The annual rate equivalent to a cumulative change of `percent` over `years`: (1 + p)^(1/years) − 1. */
export function annualisedPercent(cumulativePercent: string, years: number): string | null {
  const base = new HP(cumulativePercent).dividedBy(100).plus(1);
  if (years <= 0 || base.isNegative()) return null;
  if (base.isZero()) return '-100';
  return base.pow(new HP(1).dividedBy(years)).minus(1).times(100).toSignificantDigits(40).toFixed();
}

export type FillMethod = 'growth' | 'steps';

/**
 * The values of the years strictly between a baseline and a target (and the target year itself),
 * by constant growth (value × (1 + r)^k, r the implied CAGR) or by equal steps, rounded half-up to
 * `decimals` places. The target year gets the target value exactly.
 */
export function fillPath(method: FillMethod, baseline: YearValue, target: YearValue, decimals: number): Defined<{ values: YearValue[] }> | Undefined {
  const years = target.year - baseline.year;
  if (years <= 0) return { ok: false, reason: `目标年份（${target.year}）不晚于基期年份（${baseline.year}），无法分解`, key: 'breakdown.yearOrder' };
  const b = new HP(baseline.value);
  const t = new HP(target.value);
  const values: YearValue[] = [];
  if (method === 'growth') {
    if (b.isZero()) return { ok: false, reason: '基期值为 0，不能按年均增长率分解，请改用“等额递增”', key: 'breakdown.zeroBaselineUseSteps' };
    const ratio = t.dividedBy(b);
    if (ratio.isNegative()) return { ok: false, reason: '基期值与目标值符号相反，不能按年均增长率分解，请改用“等额递增”', key: 'breakdown.signsDifferUseSteps' };
    for (let k = 1; k < years; k++) {
      const v = ratio.isZero() ? new HP(0) : b.times(ratio.pow(new HP(k).dividedBy(years)));
      values.push({ year: baseline.year + k, value: roundTo(new Dec(v.toFixed()), decimals) });
    }
  } else {
    const step = t.minus(b).dividedBy(years);
    for (let k = 1; k < years; k++) values.push({ year: baseline.year + k, value: roundTo(new Dec(b.plus(step.times(k)).toFixed()), decimals) });
  }
  values.push({ year: target.year, value: new Dec(target.value).toFixed() });
  return { ok: true, values };
}

/** Year-on-year growth in percent (full precision) from one value to the next; null where undefined. */
export function yearOnYearPercent(previous: string | null, current: string | null): string | null {
  if (previous === null || current === null) return null;
  const p = new HP(previous);
  if (p.isZero()) return null;
  return new HP(current).dividedBy(p).minus(1).times(100).toSignificantDigits(40).toFixed();
}

export interface SpreadPart {
  id: string;
  /** current value, null when the part has none */
  current: string | null;
  held: boolean;
}

/** What a spread does with a part that has no value (a blank cell): leave it blank, or let it share. */
export type BlankParts = 'keep' | 'share';

/**
 * Spreads `total` over parts: held parts keep their value, the rest share what remains in proportion
 * to their current values (equally when none of them has a value above 0). A part with no value
 * (blank) stays blank and takes no share (`blanks: 'keep'`, the default: a blank is not a 0), or,
 * when asked (`'share'`), takes the average share of the parts that have one (an equal share when
 * none has). Rounded to `decimals` by the largest-remainder method, so the parts add up to the total
 * exactly. `blank`: the parts left blank.
 */
export function spreadTotal(
  total: string,
  parts: readonly SpreadPart[],
  decimals: number,
  blanks: BlankParts = 'keep',
): Defined<{ values: Map<string, string>; remaining: string; adjusted: string[]; blank: string[] }> | Undefined {
  const blank = parts.filter((p) => !p.held && p.current === null && blanks === 'keep').map((p) => p.id);
  const free = parts.filter((p) => !p.held && !(p.current === null && blanks === 'keep'));
  if (free.length === 0)
    return {
      ok: false,
      reason: blank.length > 0 ? '未固定的行都没有现值（空白），空白保持空白，没有可以分配的行；要把总量分给空白的行，请选择“空白的行也参与分配”' : '所有区县都被固定，没有可以调整的区县',
      key: blank.length > 0 ? 'breakdown.onlyBlanksFree' : 'breakdown.allHeld',
    };
  const heldSum = parts.filter((p) => p.held).reduce((acc, p) => acc.plus(p.current ?? 0), new Dec(0));
  const remaining = new Dec(total).minus(heldSum);
  const valued = free.filter((p) => p.current !== null).map((p) => Dec.max(new Dec(p.current ?? 0), 0));
  const valuedSum = valued.reduce((a, w) => a.plus(w), new Dec(0));
  // A blank that shares takes the average weight of the parts with a value.
  const blankWeight = valued.length > 0 && valuedSum.gt(0) ? valuedSum.dividedBy(valued.length) : new Dec(0);
  const weights = free.map((p) => (p.current === null ? blankWeight : Dec.max(new Dec(p.current), 0)));
  let weightSum = weights.reduce((a, w) => a.plus(w), new Dec(0));
  const equal = weightSum.isZero();
  if (equal) weightSum = new Dec(free.length);
  const unit = new Dec(10).pow(-decimals);
  const exact = free.map((_, i) => remaining.times(equal ? 1 : (weights[i] ?? 0)).dividedBy(weightSum));
  // Largest remainder: floor everything, then hand out the leftover units to the biggest remainders.
  const floors = exact.map((e) => e.toDecimalPlaces(decimals, Dec.ROUND_FLOOR));
  let leftover = remaining.minus(floors.reduce((a, f) => a.plus(f), new Dec(0)));
  const order = exact.map((e, i) => ({ i, rem: e.minus(floors[i] ?? 0) })).sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (const o of order) {
    if (leftover.lt(unit)) break;
    floors[o.i] = (floors[o.i] ?? new Dec(0)).plus(unit);
    leftover = leftover.minus(unit);
  }
  const values = new Map<string, string>();
  for (const p of parts) if (p.held && p.current !== null) values.set(p.id, new Dec(p.current).toFixed());
  free.forEach((p, i) => values.set(p.id, roundTo(floors[i] ?? new Dec(0), decimals)));
  // Parts whose value differs from plain half-up rounding: they took the rounding residue.
  const adjusted = free.filter((p, i) => roundTo(exact[i] ?? new Dec(0), decimals) !== values.get(p.id)).map((p) => p.id);
  return { ok: true, values, remaining: remaining.toFixed(), adjusted, blank };
}
