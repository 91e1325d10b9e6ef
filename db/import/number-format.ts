/**
 * What a cell's number format makes of its number, as the planner sees it in Excel or WPS. Decided:
 * - a date or time format → a Date (in the workbook's date system, 1900 or 1904);
 * - a percent format → the text Excel shows ("36%", "36.5%"): in a text field (量化目标, 进展情况)
 *   that is what the officer typed, and in a target column the value reader takes "36%" as 36 with
 *   the wording kept, the figure the officer means (the indicator's unit is then "%"), never 0.36;
 * - anything else → the number as stored (thousands separators or decimals shown are display only).
 * Pure.
 */

export type NumberKind = { kind: 'date' } | { kind: 'percent'; decimals: number } | null;

/** Built-in formats (ECMA-376 18.8.30, with the CJK ones 27–36 and 50–58) that show a date or time. */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_PERCENT: Record<number, number> = { 9: 0, 10: 2 };

/** A format code's first section without quoted text, [colour]/[$-locale] tags and escapes. */
function bare(code: string): string {
  const first = code.split(';')[0] ?? '';
  return first.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/_./g, '').replace(/\*./g, '');
}

export function classifyFormat(id: number, code: string | undefined): NumberKind {
  if (code !== undefined) {
    // [h]/[mm]/[ss] (elapsed time) count as date parts; [Red], [$-804] and the like do not.
    const b = bare(code).replace(/\[[^\]]*\]/g, (tag) => (/^\[[hms]+\]$/i.test(tag) ? 'h' : ''));
    if (/^general$/i.test(b.trim()) || b.trim() === '@') return null;
    if (b.includes('%')) return { kind: 'percent', decimals: /\.([0#?]+)/.exec(b)?.[1]?.length ?? 0 };
    if (/[ymdhs年月日时分秒]/i.test(b)) return { kind: 'date' };
    return null;
  }
  if (BUILTIN_DATE.has(id)) return { kind: 'date' };
  const p = BUILTIN_PERCENT[id];
  return p === undefined ? null : { kind: 'percent', decimals: p };
}

/** A serial day number as a UTC date. 1900 system: serial 1 is 1900-01-01 and 60 is Excel's fictitious 1900-02-29. */
export function serialToDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  return new Date(Math.round((days - 25569) * 86_400_000));
}

export function percentText(n: number, decimals: number): string {
  return `${(n * 100).toFixed(Math.min(decimals, 10))}%`;
}
