/**
 * What a name may hold (plan titles, 文号, issuers, clusters, indicators, departments, aliases; s8-auth14).
 * A name is one line people read in lists, grids, workbooks and the CLI: control characters (a BEL or
 * ESC pasted from a terminal, which XML 1.0 cannot even store in a workbook) and the Unicode bidi
 * controls (U+202E turns “局务商市” into what reads as “市商务局”: the Trojan-Source trick) are refused,
 * as are line breaks inside it. Pure: no Node, no DOM.
 */

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const BREAK = /[\t\n\r\u2028\u2029]/;

const hex = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `name` (already trimmed) cannot be a name, in Chinese, or null when it can. */
export function nameCharacterProblem(name: string): string | null {
  const control = CONTROL.exec(name);
  if (control) return `含有不可见的控制字符（${hex(control[0])}）`;
  const bidi = BIDI.exec(name);
  if (bidi) return `含有改变文字方向的控制字符（${hex(bidi[0])}），显示的文字会与保存的不同`;
  if (BREAK.test(name)) return '不能含有换行或制表符，应写在一行内';
  return null;
}
