/**
 * Exact decimal numbers. Values are stored as canonical decimal strings ("14000", "2.5", "-16")
 * and computed with decimal.js, never with JS floats, so sums and rates do not drift.
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

export function dec(s: string): Dec {
  return new Dec(s);
}

export function sum(values: readonly string[]): string {
  return values.reduce((acc, v) => acc.plus(v), new Dec(0)).toFixed();
}
