/**
 * Where the drafter meets the numbers module. The brief's interface is domain/cn-numbers.ts
 * (`findQuantities(text)`, `parseQuantity(text, {unit})`, helper s5-cnread); until it is merged this file finds the
 * quantities' spans with one pattern and reads their values with the existing domain rule
 * (domain/numbers.ts readValueText, which already reads 1.4万亿元 in 亿元, 30左右, 超过…). When
 * cn-numbers lands, `findIn` becomes a call of findQuantities and nothing else here changes.
 */
import { readValueText } from '../../domain/numbers.ts';

export interface FoundQuantity {
  start: number;
  end: number;
  /** the number with its unit and qualifier as written ("超过1.28万家", "35%左右") */
  text: string;
  /** the bare amount as written ("1.28万家") */
  amount: string;
  /** the indicator's unit this amount is counted in (亿元 for 1.4万亿元, 家 for 1.28万家) */
  unit: string | null;
  value: string | null;
  /** the words before/after the number (超过, 左右…) */
  lead: string;
  trail: string;
}

const LEAD = '(?:力争)?(?:超过|突破|达到|提高到|提高至|增加到|稳定在|缩小至|小于|大于|不低于|不少于|累计下降|下降|降低|年均增长|增长|实现)?';
const UNITS = '亿元\\/平方公里|元\\/平方公里|亿元|万元|元|万家|家|万人|人|%|个百分点|个|项|天|岁|件|万吨|吨|平方公里|万平方米|:1';
const Q = new RegExp(`(${LEAD})(\\d+(?:\\.\\d+)?)(万亿|千亿|亿|万)?(${UNITS})(左右|以上|及以上)?`, 'g');

/** The unit an indicator counts an amount in: money in 亿元 (or 万元 as written), people as written, firms in 家. */
export function indicatorUnit(magnitude: string, base: string): string {
  if (base.includes('/')) return `${magnitude}${base}`;
  if (base === '亿元' || base === '元') return magnitude === '万' && base === '元' ? '万元' : magnitude ? '亿元' : base;
  if (base === '万元') return '万元';
  if (base === '万家') return '家';
  if (base === '人' && magnitude === '万') return '万人';
  if (base === ':1') return '';
  return base;
}

/** A bound without a unit ("死亡率小于0.015"): only after words that make it a bound. */
const BARE = /(小于|低于|不高于|控制在)(\d+(?:\.\d+)?)(?![\d.%万亿元家人个项天岁件吨])/g;

export function findIn(text: string, limit = 200): FoundQuantity[] {
  const out: FoundQuantity[] = [];
  BARE.lastIndex = 0;
  for (let m = BARE.exec(text); m && out.length < limit; m = BARE.exec(text)) {
    const [all, lead = '', num = ''] = m;
    out.push({ start: m.index, end: m.index + all.length, text: all, amount: num, unit: null, value: num, lead, trail: '' });
  }
  Q.lastIndex = 0;
  for (let m = Q.exec(text); m && out.length < limit; m = Q.exec(text)) {
    const [all, lead = '', num = '', mag = '', base = '', trail = ''] = m;
    // a year (2027年) or a part of a longer number is no quantity
    if (/\d$/.test(text.slice(0, m.index))) continue;
    const unit = indicatorUnit(mag, base) || null;
    const amount = `${num}${mag}${base}`;
    let value: string | null = null;
    if (unit === null) value = num;
    else {
      const r = readValueText(`${num}${mag}${base === '万家' ? '万家' : base}`.replace(/万家$/, '万'), base === '万家' ? '家' : unit);
      value = r.ok ? r.value : null;
    }
    if (lead.includes('下降') || lead.includes('降低')) value = value === null ? null : value.startsWith('-') ? value : `-${value}`;
    out.push({ start: m.index, end: m.index + all.length, text: all, amount, unit, value, lead, trail });
  }
  return out.sort((a, b) => a.start - b.start);
}
