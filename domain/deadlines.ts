/**
 * A deadline as planners write it ("2025-06", "2027年", "2023年至2027年间", "2024年上半年") turned into
 * one sortable form: a month "YYYY-MM", or a range "YYYY-MM～YYYY-MM" when the text names a span.
 * The document's wording is kept beside it (the export's 完成时限 column); this is the 规范时限 column
 * and what the ledger can sort by. Pure: no Node, no DOM, no database.
 *
 * Rules (tests/domain/deadlines.test.ts):
 *   - a month: "2025-06", "2025-6", "2025.6", "2025/06", "2025年6月", "2025年6月底|末|前|份", "2025年6月30日",
 *     "2025-06-30" → "2025-06";
 *   - a year alone means "by the end of that year": "2027年", "2027", "2027年底|末|前|年底|年末" → "2027-12";
 *   - a part of a year ends with it: 上半年/年中 → 06, 下半年 → 12, 第一季度/一季度/Q1 → 03 (…Q4 → 12);
 *   - a span: two of the above joined by 至/到/—/–/-/～/~ (with 起/从/间/期间/内 around them) →
 *     start～end, where a year as a start means its January ("2023年至2027年间" → "2023-01～2027-12");
 *     a second part with only a month takes the first's year ("2024年3月至6月" → "2024-03～2024-06");
 *     a span that ends before it starts is not a deadline;
 *   - full-width digits and spaces are read as plain ones; anything else ("长期", "持续推进") → null.
 */

export type NormalizedDeadline = string;

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

interface Point {
  year: number;
  /** the month a point starts in and the month it ends in (equal for a month) */
  first: number;
  last: number;
  /** only a month was written ("6月"): the year comes from the other end of the span */
  yearless?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const month = (year: number, m: number) => `${year}-${pad(m)}`;
const validMonth = (m: number) => Number.isInteger(m) && m >= 1 && m <= 12;
const validYear = (y: number) => y >= 1900 && y <= 2999;

/** One point in time: a month, a year, a half or a quarter. */
function point(raw: string): Point | null {
  const s = raw.replace(/^(从|自|于)/, '').replace(/(以前|之前|前|年底|年末|底|末|份|内|期间|间|止|起|开始)+$/, '');
  let m = /^(\d{4})(?:[-./年](\d{1,2})(?:月)?(?:[-./](\d{1,2})日?|(\d{1,2})日)?)$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const mon = Number(m[2]);
    if (!validYear(year) || !validMonth(mon)) return null;
    return { year, first: mon, last: mon };
  }
  m = /^(\d{4})年?(?:年底|年末|全年)?$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    return validYear(year) ? { year, first: 1, last: 12 } : null;
  }
  m = /^(\d{4})年?(上半年|年中|下半年)$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    if (!validYear(year)) return null;
    return m[2] === '下半年' ? { year, first: 7, last: 12 } : { year, first: 1, last: 6 };
  }
  m = /^(\d{4})年?(?:第?([一二三四1-4])季度|[Qq]([1-4]))$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const q = m[3] ? Number(m[3]) : (CN_DIGIT[m[2] ?? ''] ?? Number(m[2]));
    if (!validYear(year) || !(q >= 1 && q <= 4)) return null;
    return { year, first: q * 3 - 2, last: q * 3 };
  }
  m = /^(\d{1,2})月?$/.exec(s);
  if (m && raw.includes('月')) {
    const mon = Number(m[1]);
    return validMonth(mon) ? { year: 0, first: mon, last: mon, yearless: true } : null;
  }
  return null;
}

/** Where a span splits, tried in order: words first, then dashes between two 4-digit years. */
const SPAN_WORDS = /至|到|～|~|—|–|－/;
const SPAN_DASH = /^(\d{4}年?)-(\d{4}.*)$/;

function span(s: string): [string, string] | null {
  const w = SPAN_WORDS.exec(s);
  if (w) return [s.slice(0, w.index), s.slice(w.index + w[0].length)];
  const d = SPAN_DASH.exec(s);
  if (d && d[1] && d[2]) return [d[1], d[2]];
  return null;
}

/** The deadline text in its sortable form, or null when the text names no time this rule reads. */
export function normalizeDeadlineText(text: string): NormalizedDeadline | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '').replace(/^(在|于)/, '').replace(/(完成|实现|建成|以内)$/, '');
  if (!s) return null;
  const parts = span(s);
  if (parts) {
    const a = point(parts[0]);
    const b = point(parts[1]);
    if (!a || !b || a.yearless) return null;
    const endYear = b.yearless ? a.year : b.year;
    const from = month(a.year, a.first);
    const to = month(endYear, b.last);
    if (to < from) return null;
    return from === to ? from : `${from}～${to}`;
  }
  const p = point(s);
  if (!p || p.yearless) return null;
  return month(p.year, p.last);
}

/**
 * A task's sortable deadline: from its wording when the rule reads it, else the stored month
 * ("YYYY-MM", what the ledger's filter and the overdue rule use), else null.
 */
export function normalizedDeadline(task: { deadline: string | null; deadlineText: string | null }): NormalizedDeadline | null {
  return (task.deadlineText ? normalizeDeadlineText(task.deadlineText) : null) ?? task.deadline ?? null;
}
