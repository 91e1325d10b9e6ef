/** What a valid task is, and reading deadlines as planners write them. Pure: no database. */

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

/** The month a deadline must not be before to count as on time: tasks with deadline < this month are overdue. */
export function currentMonth(nowIso: string): string {
  return nowIso.slice(0, 7);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
