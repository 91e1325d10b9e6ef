/**
 * Completion arithmetic, pure and exact: rates against a year's target and against the path to the
 * final target, and the 达标 / 预警 / 滞后 status from configurable thresholds.
 */
import { Dec } from '../../domain/numbers.ts';
import { roundTo } from '../breakdown/rules.ts';

export type Direction = 'up' | 'down';
export type Status = '达标' | '预警' | '滞后' | '无数据';

/**
 * Actual against target in percent (2 decimals). 'up': actual / target; 'down' (less is better,
 * e.g. energy use per unit): target / actual. Negative reduction targets ("−13%") compare as
 * actual / target, so a −10% reduction against −13% is 76.92%. Null when undefined.
 */
export function completionPercent(actual: string | null, target: string | null, direction: Direction): string | null {
  if (actual === null || target === null) return null;
  const a = new Dec(actual);
  const t = new Dec(target);
  if (direction === 'down' && a.isPositive() && t.isPositive()) return roundTo(t.dividedBy(a).times(100), 2);
  if (t.isZero()) return null;
  return roundTo(a.dividedBy(t).times(100), 2);
}

/** Share of the planned change achieved: (actual − baseline) / (final − baseline), percent, 2 decimals. */
export function pathPercent(actual: string | null, baseline: string | null, final: string | null): string | null {
  if (actual === null || baseline === null || final === null) return null;
  const span = new Dec(final).minus(baseline);
  if (span.isZero()) return null;
  return roundTo(new Dec(actual).minus(baseline).dividedBy(span).times(100), 2);
}

/** Share of the period elapsed by `year`, percent, 2 decimals. */
export function timePercent(year: number, baselineYear: number | null, finalYear: number | null): string | null {
  if (baselineYear === null || finalYear === null || finalYear <= baselineYear) return null;
  return roundTo(new Dec(year - baselineYear).dividedBy(finalYear - baselineYear).times(100), 2);
}

/** 达标 at or above `okPercent`, 预警 at or above `warnPercent`, else 滞后. */
export function statusOf(percent: string | null, okPercent: string, warnPercent: string): Status {
  if (percent === null) return '无数据';
  const p = new Dec(percent);
  if (p.gte(okPercent)) return '达标';
  if (p.gte(warnPercent)) return '预警';
  return '滞后';
}

/**
 * Year-to-date actuals of money indicators (flows such as 营业收入) are judged against the part of
 * the year elapsed ("序时进度"): by the end of Q2, 50% of the year's target is on track. Stocks and
 * shares (家, %) are judged against the full target.
 */
export function timeAdjusted(percent: string | null, period: '' | 'Q1' | 'Q2' | 'Q3' | 'Q4', unit: string | null): string | null {
  if (percent === null || period === '' || period === 'Q4' || !unit || !/元$/.test(unit)) return percent;
  const quarters = Number(period.slice(1));
  return roundTo(new Dec(percent).times(4).dividedBy(quarters), 2);
}
