/**
 * What a valid task field is, as a planner types it, and reading deadlines as planners write them.
 * Pure: no database. The rules the renderer shares (statuses, overdue, name lists) are in
 * domain/tasks.ts and domain/text.ts.
 */
import type { ErrorParams } from '../errors.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string; reason?: string; params?: ErrorParams };

/** "2027-12", "2027-6", "2027年12月", "2027年12月底", "2027.12", "2027年底", "2027年" → "YYYY-MM"; else null. */
export function parseDeadline(input: string): string | null {
  const s = input.trim().replace(/\s+/g, '');
  let m = /^(\d{4})[-./年](\d{1,2})(月(底|末|前)?)?$/.exec(s);
  if (m && m[1] && m[2]) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return `${m[1]}-${String(month).padStart(2, '0')}`;
  }
  m = /^(\d{4})年?(底|末|前|年底|年末)?$/.exec(s);
  if (m && m[1]) return `${m[1]}-12`;
  return null;
}

export function checkTitle(raw: string): Checked<string> {
  const title = raw.trim();
  return title ? { ok: true, value: title } : { ok: false, message: '任务名称不能为空', reason: 'task.titleEmpty' };
}

/** "2027-12", "2027年12月" within the plan period → "2027-12"; "" → null (no deadline). */
export function checkDeadline(raw: string | null, periodStart: number, periodEnd: number): Checked<string | null> {
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: true, value: null };
  const parsed = parseDeadline(text);
  if (!parsed) return { ok: false, message: `“${text}”不是有效的完成时限，请写成 2027-12 或 2027年12月`, reason: 'task.deadlineUnreadable', params: { text } };
  const year = Number(parsed.slice(0, 4));
  if (year < periodStart || year > periodEnd) return { ok: false, message: `完成时限 ${parsed} 超出规划期（${periodStart}—${periodEnd}年）`, reason: 'task.deadlineOutside', params: { deadline: parsed, from: periodStart, to: periodEnd } };
  return { ok: true, value: parsed };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// ---- Numbering a new task the way the plan numbers its tasks ----------------------------------
// The documents number tasks "1" … "86" (one sequence), "（一）", "一、" or "七（三）" (the chapter's
// numeral, then the item's in brackets). A new task takes the number that follows its neighbour in the
// same style; Chinese numerals are written out here (1–999 is all a plan's list ever needs).

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五; outside 1–999 → null. */
export function chineseNumeral(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > 999) return null;
  const h = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let s = h ? `${DIGITS[h]}百` : '';
  if (tens) s += tens === 1 && !h ? '十' : `${DIGITS[tens]}十`;
  else if (h && ones) s += '零';
  if (ones) s += DIGITS[ones];
  return s;
}

/** 一 → 1, 十一 → 11, 二十 → 20, 一百零五 → 105 (also 〇 for 零); anything else → null. */
export function parseChineseNumeral(text: string): number | null {
  if (!/^[零〇一二三四五六七八九十百]+$/.test(text)) return null;
  for (let n = 1; n <= 999; n++) if (chineseNumeral(n) === text.replace(/〇/g, '零')) return n;
  return null;
}

/** A task number read as a style (what comes before and after the counter) and the counter. */
export interface NumberShape {
  prefix: string;
  value: number;
  suffix: string;
  chinese: boolean;
}

export function readTaskNumber(raw: string): NumberShape | null {
  const s = raw.trim();
  // "七（三）", "（一）", "(3)", "四（十一）"
  let m = /^(.*?[（(])([零〇一二三四五六七八九十百]+|\d+)([）)].*)$/.exec(s);
  if (m && m[1] !== undefined && m[2] && m[3]) {
    const chinese = !/^\d+$/.test(m[2]);
    const value = chinese ? parseChineseNumeral(m[2]) : Number(m[2]);
    if (value !== null) return { prefix: m[1], value, suffix: m[3], chinese };
  }
  // "1", "22", "1.", "3、", "第5项"
  m = /^(\D*?)(\d+)(\D*)$/.exec(s);
  if (m && m[1] !== undefined && m[2] && m[3] !== undefined) return { prefix: m[1], value: Number(m[2]), suffix: m[3], chinese: false };
  // "一、", "十二．"
  m = /^([零〇一二三四五六七八九十百]+)([、.．]?)$/.exec(s);
  if (m && m[1] && m[2] !== undefined) {
    const value = parseChineseNumeral(m[1]);
    if (value !== null) return { prefix: '', value, suffix: m[2], chinese: true };
  }
  return null;
}

function writeTaskNumber(shape: NumberShape, value: number): string | null {
  const counter = shape.chinese ? chineseNumeral(value) : String(value);
  return counter === null ? null : `${shape.prefix}${counter}${shape.suffix}`;
}

const sameStyle = (a: NumberShape, b: NumberShape) => a.prefix === b.prefix && a.suffix === b.suffix && a.chinese === b.chinese;

/**
 * The number of a new task.
 * - `anchor`: the number of the task it follows (the row it was added after, or the plan's last task);
 * - `section`: the numbers of the tasks of the section it joins (in order);
 * - `sectionTitle`: that section's heading ("八、组织保障"), for a section with no numbered task yet;
 * - `used`: every number of the plan, never given twice.
 * The anchor's successor when it is free (七（三） → 七（四）; 15 → 16); else the successor of the highest
 * number of that style in the section, then the next free one (inserting after 七（一） when 七（二） exists →
 * the section's next, 七（四）). A plan numbered with one sequence ("1" … "86") keeps it: the next free number.
 * Nothing readable → the plan's next free plain number (1 for an empty plan).
 */
export function nextTaskNumber(input: { anchor: string | null; section: readonly string[]; sectionTitle: string | null; used: readonly string[] }): string {
  const used = new Set(input.used.map((u) => u.trim()));
  const free = (shape: NumberShape, from: number): string | null => {
    for (let v = from; v < from + 1000; v++) {
      const n = writeTaskNumber(shape, v);
      if (n === null) return null;
      if (!used.has(n)) return n;
    }
    return null;
  };
  const anchor = input.anchor === null ? null : readTaskNumber(input.anchor);
  const siblings = input.section.map(readTaskNumber).filter((s): s is NumberShape => s !== null);
  const style = anchor ?? siblings.at(-1) ?? null;
  if (style) {
    const direct = writeTaskNumber(style, style.value + 1);
    if (direct !== null && !used.has(direct)) return direct;
    const top = Math.max(style.value, ...siblings.filter((s) => sameStyle(s, style)).map((s) => s.value));
    const next = free(style, top + 1);
    if (next !== null) return next;
  }
  // A section with no numbered task yet, in a plan that writes the chapter's numeral first ("七（三）"):
  // "八、组织保障" → 八（一）.
  const heading = input.sectionTitle ? /^([零〇一二三四五六七八九十百]+)[、.．]/.exec(input.sectionTitle.trim()) : null;
  const chapterStyle = [...used].map(readTaskNumber).find((s) => s !== null && s.chinese && /^[零〇一二三四五六七八九十百]+[（(]$/.test(s.prefix));
  if (heading?.[1] && chapterStyle) {
    const next = free({ ...chapterStyle, prefix: `${heading[1]}${chapterStyle.prefix.slice(-1)}` }, 1);
    if (next !== null) return next;
  }
  const plain = [...used].filter((u) => /^\d+$/.test(u)).map(Number);
  return free({ prefix: '', value: 0, suffix: '', chinese: false }, (plain.length ? Math.max(...plain) : 0) + 1) ?? String(used.size + 1);
}
