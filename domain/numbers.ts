/**
 * Exact decimal numbers and reading them as a planner types them or a document writes them.
 * Values are stored as canonical decimal strings ("14000", "2.5", "-16") and computed with
 * decimal.js, never with JS floats, so sums and rates do not drift. Pure: no Node, no DOM.
 * "3,000" → 3000; "30左右" → 30 with the wording kept; ">6", "6以上", "[-16%]", "1.4万亿" likewise.
 */
import Decimal from 'decimal.js';

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses user or document input such as "14,000", "１２.５", " 3000 " into a canonical decimal string. */
export function parseDecimal(input: string): string | null {
  const cleaned = input
    .trim()
    .replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '');
  if (!DECIMAL_RE.test(cleaned)) return null;
  return canonical(cleaned);
}

export function isDecimalString(s: string): boolean {
  return DECIMAL_RE.test(s);
}

/** "14000.00" → "14000", "-0" → "0", "007" → "7". */
export function canonical(s: string): string {
  const d = new Dec(s);
  const out = d.toFixed();
  return out === '-0' ? '0' : out;
}

export interface ParsedValue {
  /** canonical decimal string, or null for "no value" */
  value: string | null;
  /** the wording as written when it says more than the number ("30左右"), else null */
  text: string | null;
}

const QUALIFIED = /^(约|大约|不低于|不少于|不超过|超过|达到|>=|<=|≥|≤|>|<|＞|＜)?\s*\[?\s*([-+－]?[\d０-９][\d０-９,，.．]*)\s*(%|％)?\s*\]?\s*(万亿|亿|万)?\s*(元|个|家|项|%)?\s*(左右|以上|以下|以内|及以上)?$/;
const SCALE: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4 };
const UNIT_SCALE: Record<string, number> = { 亿元: 1e8, 万元: 1e4, 元: 1, 万人: 1e4, 亿: 1e8, 万: 1e4 };

/** A value as typed into a cell of an indicator measured in `unit`; null when it is not a number in any accepted wording. */
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
    const from = SCALE[scale];
    const to = unit ? UNIT_SCALE[unit] : undefined;
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

/**
 * True when the document's wording says more than the number and unit ("30左右", "1.4万亿元"),
 * false when it is only the number, with or without grouping and the unit ("3,000", "3000亿元").
 */
export function wordingSaysMore(text: string | null, value: string | null, unit: string | null | undefined): boolean {
  if (!text) return false;
  const plain = text.replace(/[,，\s]/g, '');
  return plain !== (value ?? '') && plain !== `${value ?? ''}${unit ?? ''}`;
}
