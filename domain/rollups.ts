/**
 * Rollups of target matrices: sums beside the stated total, differences, shares and implied growth.
 * Pure and exact (decimal.js, never JS floats); percentages are rounded half-up to 2 decimals,
 * trailing zeros dropped. Shared by the core (db/targets/matrix.ts) and the renderer, which
 * recomputes a matrix's totals in place after an edit (domain/target-matrix.ts) instead of fetching it again.
 * No Node, no DOM.
 */
import { Dec } from './numbers.ts';

const round2 = (d: InstanceType<typeof Dec>): string => {
  const s = d.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed();
  return s === '-0' ? '0' : s;
};

/** Sum of the values present; null when none is. */
export function sumPresent(values: readonly (string | null)[]): string | null {
  let acc: InstanceType<typeof Dec> | null = null;
  for (const v of values) if (v !== null) acc = (acc ?? new Dec(0)).plus(v);
  return acc === null ? null : acc.toFixed();
}

/** sum − stated where both exist. */
export function difference(sum: string | null, stated: string | null): string | null {
  if (sum === null || stated === null) return null;
  return new Dec(sum).minus(stated).toFixed();
}

/** part / whole × 100, 2 decimals; null when either is missing or the whole is zero. */
export function sharePercent(part: string | null, whole: string | null): string | null {
  if (part === null || whole === null || new Dec(whole).isZero()) return null;
  return round2(new Dec(part).dividedBy(whole).times(100));
}

/**
 * cagrPercent's answers by their inputs. It is a decimal power (a logarithm and an exponential at 40
 * digits, 0.2–1 ms), and an edit recomputes the growth of its row and of the sum, whose first and last
 * values an edit of any year in between leaves as they were. The same inputs give the same string, so
 * remembering is exact; the map is emptied when it holds 4096.
 */
const cagrMemo = new Map<string, string | null>();

/** Compound annual growth rate in percent: (last / first)^(1 / years) − 1; null where undefined. */
export function cagrPercent(first: string | null, last: string | null, years: number): string | null {
  if (first === null || last === null || years <= 0) return null;
  const key = `${first}|${last}|${years}`;
  const known = cagrMemo.get(key);
  if (known !== undefined) return known;
  if (cagrMemo.size >= 4096) cagrMemo.clear();
  const value = cagrUncached(first, last, years);
  cagrMemo.set(key, value);
  return value;
}

function cagrUncached(first: string, last: string, years: number): string | null {
  const a = new Dec(first);
  const b = new Dec(last);
  if (a.lte(0) || b.lt(0)) return null;
  return round2(b.dividedBy(a).pow(new Dec(1).dividedBy(years)).minus(1).times(100));
}

/** The first and last years that have a value, with the CAGR between them. */
export function rowGrowth(years: readonly number[], values: readonly (string | null)[]): { cagr: string | null; from: number | null; to: number | null } {
  let fi = -1;
  let li = -1;
  values.forEach((v, i) => {
    if (v === null) return;
    if (fi < 0) fi = i;
    li = i;
  });
  if (fi < 0 || li <= fi) return { cagr: null, from: null, to: null };
  const from = years[fi] ?? null;
  const to = years[li] ?? null;
  if (from === null || to === null) return { cagr: null, from: null, to: null };
  return { cagr: cagrPercent(values[fi] ?? null, values[li] ?? null, to - from), from, to };
}

export type GrowthKind = 'rate' | 'points' | 'absolute';

/**
 * How a plan states the growth of an indicator: "6%" is a compound rate, "0.6个百分点" percentage
 * points a year, "4个" / "0.6万元/人" units a year. Without a stated growth: shares grow in points, the rest at a rate.
 */
export function growthKind(unit: string | null, statedGrowthText: string | null): GrowthKind {
  const stated = (statedGrowthText ?? '').trim();
  if (stated.includes('百分点')) return 'points';
  if (/[%％]$/.test(stated)) return 'rate';
  if (stated !== '' && stated !== '—' && stated !== '-' && /\d/.test(stated)) return 'absolute';
  return unit !== null && /[%％]/.test(unit) ? 'points' : 'rate';
}

/** The growth a baseline and a target imply, in the way the plan states it; null where it cannot be computed. */
export function impliedGrowth(
  baseline: { year: number | null; value: string | null },
  target: { year: number | null; value: string | null },
  unit: string | null,
  statedGrowthText: string | null,
): { kind: GrowthKind; value: string; years: number } | null {
  if (baseline.year === null || target.year === null || baseline.value === null || target.value === null) return null;
  const years = target.year - baseline.year;
  if (years <= 0) return null;
  const kind = growthKind(unit, statedGrowthText);
  if (kind === 'rate') {
    const value = cagrPercent(baseline.value, target.value, years);
    return value === null ? null : { kind, value, years };
  }
  return { kind, value: round2(new Dec(target.value).minus(baseline.value).dividedBy(years)), years };
}
