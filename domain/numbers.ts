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

/**
 * How a typed value was read. `converted`: the text carried a magnitude (万, 亿…) or a unit, so what
 * will be stored is not simply the number typed — the editor shows it before it is saved.
 * `qualified`: the wording says more than a number (约, 左右, 以上, >…).
 */
export type ValueReading =
  | ({ ok: true; converted: boolean; qualified: boolean } & ParsedValue)
  | { ok: false; problem: 'notNumber' | 'unit'; message: string };

/** Magnitude words, longest first (a regex alternation tries them in order). 千/百 alone are not magnitudes: 千米, 百分点. */
const MAGNITUDES: [string, number][] = [['万亿', 12], ['千亿', 11], ['百亿', 10], ['千万', 7], ['百万', 6], ['亿', 8], ['万', 4]];
const MAGNITUDE_RE = MAGNITUDES.map(([w]) => w).join('|');
const PREFIX = '约|大约|近|不低于|不少于|不超过|超过|突破|达到|提高到|力争|>=|<=|≥|≤|>|<';
const SUFFIX = '左右|及以上|以上|以下|以内';
const VALUE_RE = new RegExp(
  `^(${PREFIX})?\\s*[\\[【]?\\s*([-+]?(?:\\d[\\d,]*(?:\\.\\d*)?|\\.\\d+))\\s*(${MAGNITUDE_RE})?\\s*([^\\d\\s\\[\\]【】]*?)\\s*[\\]】]?\\s*(${SUFFIX})?$`,
);

/** Full-width digits, point, signs, percent and comma as their ASCII forms. */
function halfWidth(s: string): string {
  return s.replace(/[０-９．－＋％＞＜]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/，/g, ',');
}

/**
 * A unit split into its magnitude and its base word: 亿元 → 亿 × 元, 万人 → 万 × 人, 万千瓦 → 万 × 千瓦,
 * % → × %, 个 → × 个, null → × (nothing). The magnitude words are those of MAGNITUDES, repeated
 * ("万万元" is 亿 × 元).
 */
export function splitUnit(unit: string | null): { magnitude: string; power: number; base: string } {
  let rest = halfWidth((unit ?? '').trim());
  let magnitude = '';
  let power = 0;
  for (;;) {
    const m = MAGNITUDES.find(([w]) => rest.startsWith(w));
    if (!m) break;
    magnitude += m[0];
    power += m[1];
    rest = rest.slice(m[0].length);
  }
  return { magnitude, power, base: rest.trim() };
}

/**
 * Reads a value as a planner types it into a cell of an indicator measured in `unit`, or as a
 * document writes it. The rule (one for the core, the import and the renderer's editor):
 * - a plain number ("14,000", "１２.５") is the value in the cell's unit;
 * - a unit written out converts: in an 亿元 cell "5000万元" is 0.5, "1.2万亿元" is 12000, "3000亿元"
 *   is 3000; a unit with another base word ("3000美元", "5万人" in 亿元) is refused as incompatible;
 * - a bare magnitude (no base word) at least as large as the cell's own magnitude names the amount:
 *   "5000亿" and "1.4万亿" in 亿元 are 5000 and 14000, "2万" in 万人 is 2, "1.2亿" in 万元 is 12000;
 * - a smaller bare magnitude multiplies the number, counted in the cell's unit: "1.2万" in 亿元 is
 *   12000 (亿元), "3万" in 个 is 30000, "1.2万" in % is 12000 (the editor shows "= 12,000 亿元" before
 *   it is saved, so a slip is seen);
 * - words around the number (约, 超过, 左右, 以上, [ ]) are kept as the wording, the number is the value.
 * Exact: decimal.js, never floats.
 */
export function readValueText(input: string, unit: string | null): ValueReading {
  const raw = input.trim();
  if (raw === '') return { ok: true, value: null, text: null, converted: false, qualified: false };
  const plain = parseDecimal(raw);
  if (plain !== null) return { ok: true, value: plain, text: null, converted: false, qualified: false };
  const notNumber = { ok: false as const, problem: 'notNumber' as const, message: `“${raw}”不是有效的数值` };
  // "1 000万" is grouped like "1,000万": spaces between digits go, as parseDecimal drops them.
  const m = VALUE_RE.exec(halfWidth(raw).replace(/(\d)\s+(?=\d)/g, '$1'));
  if (!m || m[2] === undefined) return notNumber;
  const n = parseDecimal(m[2]);
  if (n === null) return notNumber;
  const written = splitUnit(`${m[3] ?? ''}${m[4] ?? ''}`);
  const cell = splitUnit(unit);
  const qualified = m[1] !== undefined || m[5] !== undefined || /[\[【]/.test(raw);
  const converted = written.magnitude !== '' || written.base !== '';
  let value = new Dec(n);
  if (written.base !== '') {
    const noUnit = unit === null || unit.trim() === '';
    if (noUnit || written.base !== cell.base) {
      const what = `${written.magnitude}${written.base}`;
      return {
        ok: false,
        problem: 'unit',
        message: noUnit
          ? `“${raw}”写了单位“${what}”，但本指标没有计量单位，无法换算`
          : `“${raw}”的单位“${what}”与本指标的单位“${unit}”不相符，无法换算`,
      };
    }
    value = value.times(new Dec(10).pow(written.power - cell.power));
  } else if (written.power >= cell.power) {
    value = value.times(new Dec(10).pow(written.power - cell.power));
  } else {
    value = value.times(new Dec(10).pow(written.power));
  }
  return { ok: true, value: canonical(value.toFixed()), text: raw, converted, qualified };
}

/** A value as typed into a cell of an indicator measured in `unit`; null when it is not a number in any accepted wording (readValueText says why). */
export function parseValueText(input: string, unit: string | null): ParsedValue | null {
  const r = readValueText(input, unit);
  return r.ok ? { value: r.value, text: r.text } : null;
}

/** Units where a negative value makes no sense (money, counts). */
export function allowsNegative(unit: string | null): boolean {
  if (unit === null) return true;
  return /%|百分点|‰/.test(unit);
}

/**
 * True when the wording says more than the number in its unit ("30左右", "超过1.28万家", "无"): it is
 * shown beside the number. False when it is only the number, however written: "3,000", "3000亿元",
 * "1.4万亿元" for 14000 亿元, "1.2万" typed for 12000 亿元 (such wording is kept and shown on hover).
 */
export function wordingSaysMore(text: string | null, value: string | null, unit: string | null | undefined): boolean {
  if (!text || text.trim() === '') return false;
  const r = readValueText(text, unit ?? null);
  if (!r.ok || r.qualified) return true;
  if (r.value === null || value === null) return r.value !== value;
  return !new Dec(r.value).eq(value);
}

/** True when a kept wording differs from the plain number (worth a tooltip: "原文：1.2万"). */
export function wordingDiffers(text: string | null, value: string | null): boolean {
  if (!text) return false;
  return text.replace(/[,，\s]/g, '') !== (value ?? '');
}
