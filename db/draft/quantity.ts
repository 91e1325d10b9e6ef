/**
 * Where the drafter meets the numbers module, domain/cn-numbers.ts (helper s5-cnread): findQuantities
 * finds and reads each quantity; this adapter only says which unit an indicator counts it in
 * (1.4万亿元 → 14000 亿元, 1.28万家 → 12800 家) and mends two things the module does not carry yet
 * (reported to the lead): a unit per area ("75亿元/平方公里": the module stops at 亿元) and units it
 * does not know after the number ("80岁"); a ratio "2.3:1" is read here as its first term.
 */
import { findQuantities, parseQuantity } from '../../domain/cn-numbers.ts';

export interface FoundQuantity {
  start: number;
  end: number;
  /** the number with its unit and qualifier as written ("超过1.28万家", "35%左右") */
  text: string;
  /** the indicator's unit this amount is counted in (亿元 for 1.4万亿元, 家 for 1.28万家) */
  unit: string | null;
  value: string | null;
  /** the words before the number (超过, 分别提高至…) and the change verb (年均增长, 下降…) */
  lead: string;
  trail: string;
}

/** The unit an indicator counts an amount in: money in 亿元 (or 万元 as written), firms in 家, people as written. */
export function indicatorUnit(unit: string | null): string | null {
  if (unit === null) return null;
  if (unit.includes('/')) return unit;
  if (/^(万亿|千亿|百亿|亿)元$/.test(unit)) return '亿元';
  if (/^万家$/.test(unit)) return '家';
  if (/^万个$/.test(unit)) return '个';
  return unit;
}

const EXTRA_UNIT = /^(\/[\u4e00-\u9fa5]{1,4})/;
const BARE_UNIT = /^(岁|小时|分钟)/;
const RATIO = /(缩小至|缩小到|保持在)?(\d+(?:\.\d+)?):1/g;

export function findIn(text: string, limit = 200): FoundQuantity[] {
  const out: FoundQuantity[] = [];
  for (const { start, end, quantity: q } of findQuantities(text).slice(0, limit)) {
    // a year (2027年) is no quantity
    if (q.unit === '年' || /^\d{4}$/.test(text.slice(start, end)) && text[end] === '年') continue;
    let unit = q.unit;
    let stop = end;
    const extra = unit ? EXTRA_UNIT.exec(text.slice(end)) : null;
    if (extra && unit) {
      unit = `${unit}${extra[1]}`;
      stop = end + (extra[1]?.length ?? 0);
    } else if (unit === null) {
      const bare = BARE_UNIT.exec(text.slice(end));
      if (bare) {
        unit = bare[1] ?? null;
        stop = end + (bare[1]?.length ?? 0);
      }
    }
    const target = indicatorUnit(unit);
    const written = text.slice(start, stop);
    let value: string | null = q.value;
    if (target !== unit && target !== null) value = parseQuantity(written, { unit: target })?.value ?? null;
    const change = q.change ?? '';
    if (value !== null && /下降|降低|减少/.test(change) && !value.startsWith('-')) value = `-${value}`;
    out.push({ start, end: stop, text: written, unit: target, value, lead: `${q.before ?? ''}${change}`, trail: q.after ?? '' });
  }
  RATIO.lastIndex = 0;
  for (let m = RATIO.exec(text); m && out.length < limit; m = RATIO.exec(text)) {
    const start = m.index;
    if (out.some((q) => q.start <= start + m![0].length && q.end >= start)) continue;
    out.push({ start, end: start + m[0].length, text: m[0], unit: null, value: m[2] ?? null, lead: m[1] ?? '', trail: '' });
  }
  return out.sort((a, b) => a.start - b.start);
}
