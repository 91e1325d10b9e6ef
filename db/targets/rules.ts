/**
 * Reading a value as a planner types it or a document writes it. Pure: no database.
 * "3,000" → 3000; "30左右" → 30 with the wording kept; ">6", "6以上", "[-16%]", "1.4万亿" likewise.
 */
import { parseDecimal } from '../decimal.ts';
import { Dec } from '../decimal.ts';

export interface ParsedValue {
  /** canonical decimal string, or null for "no value" */
  value: string | null;
  /** the wording as written when it says more than the number ("30左右"), else null */
  text: string | null;
}

const QUALIFIED = /^(约|大约|不低于|不少于|不超过|超过|达到|>=|<=|≥|≤|>|<|＞|＜)?\s*\[?\s*([-+－]?[\d０-９][\d０-９,，.．]*)\s*(%|％)?\s*\]?\s*(万亿|亿|万)?\s*(元|个|家|项|%)?\s*(左右|以上|以下|以内|及以上)?$/;

/** Returns null when the input is not a number in any accepted wording. */
export function parseValueText(input: string, unit: string | null): ParsedValue | null {
  const raw = input.trim();
  if (raw === '') return { value: null, text: null };
  const plain = parseDecimal(raw);
  if (plain !== null) return { value: plain, text: null };
  const m = QUALIFIED.exec(raw);
  if (!m || m[2] === undefined) return null;
  const n = parseDecimal(m[2].replace(/－/g, '-'));
  if (n === null) return null;
  let value = new Dec(n);
  const scale = m[4];
  if (scale) {
    // Convert "1.4万亿" into the indicator's unit where the two are commensurable.
    const factor: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4 };
    const unitFactor: Record<string, number> = { 亿元: 1e8, 万元: 1e4, 元: 1, 万人: 1e4, 亿: 1e8, 万: 1e4 };
    const from = factor[scale];
    const to = unit ? unitFactor[unit] : undefined;
    if (from === undefined || to === undefined) return null;
    value = value.times(from).dividedBy(to);
  }
  return { value: value.toFixed(), text: raw };
}

/** Units where a negative value makes no sense (money, counts). */
export function allowsNegative(unit: string | null): boolean {
  if (unit === null) return true;
  return /%|百分点|‰/.test(unit);
}
