/**
 * Rules for text a planner types, pastes or imports: what may be stored, and reading a list of
 * names ("市经济信息委、市发展改革委"). Pure: no Node, no DOM.
 *
 * NUL cuts a text short in SQLite and C libraries; U+FFFE and U+FFFF are Unicode non-characters
 * that XML 1.0 forbids, so a workbook holding one could not be written or read back. The API
 * boundary (db/dispatch.ts) refuses them in every request; a file reader should refuse them per
 * cell with `typedTextProblem`.
 */
import { MAX_NAME, MAX_TEXT } from '../contract/entities.ts';

export { MAX_NAME, MAX_TEXT };

export type ForbiddenCharacter = 'NUL' | 'U+FFFE' | 'U+FFFF';

const FORBIDDEN = /[\u0000\uFFFE\uFFFF]/;

/** The first forbidden character in `text`, or null when there is none. */
export function forbiddenCharacter(text: string): ForbiddenCharacter | null {
  const m = FORBIDDEN.exec(text);
  if (!m) return null;
  return m[0] === '\u0000' ? 'NUL' : m[0] === '\uFFFE' ? 'U+FFFE' : 'U+FFFF';
}

/** Why `text` cannot be stored as typed text of at most `max` characters (Chinese, for a planner), or null when it can. */
export function typedTextProblem(text: string, max: number = MAX_TEXT): string | null {
  const bad = forbiddenCharacter(text);
  if (bad === 'NUL') return '含有不可见的控制字符（NUL）';
  if (bad) return `含有不允许的非字符（${bad}）`;
  if (text.length > max) return `内容过长（${text.length} 字，最多 ${max} 字）`;
  return null;
}

/** "市经济信息委、市发展改革委" / "a,b" / "a；b" / one per line → the names, trimmed, empty ones dropped. */
export function splitNames(raw: string): string[] {
  return raw
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
