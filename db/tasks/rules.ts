/**
 * What a valid task field is, as a planner types it, and reading deadlines as planners write them.
 * Pure: no database. The rules the renderer shares (statuses, overdue, name lists) are in
 * domain/tasks.ts and domain/text.ts.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

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
  return title ? { ok: true, value: title } : { ok: false, message: '任务名称不能为空' };
}

/** "2027-12", "2027年12月" within the plan period → "2027-12"; "" → null (no deadline). */
export function checkDeadline(raw: string | null, periodStart: number, periodEnd: number): Checked<string | null> {
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: true, value: null };
  const parsed = parseDeadline(text);
  if (!parsed) return { ok: false, message: `“${text}”不是有效的完成时限，请写成 2027-12 或 2027年12月` };
  const year = Number(parsed.slice(0, 4));
  if (year < periodStart || year > periodEnd) return { ok: false, message: `完成时限 ${parsed} 超出规划期（${periodStart}—${periodEnd}年）` };
  return { ok: true, value: parsed };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
