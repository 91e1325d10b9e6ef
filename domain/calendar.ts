/**
 * The plan's calendar: which day and month it is where the plan is made. Core and renderer both ask
 * here, so "this month" turns at the same instant on both sides (midnight in Chongqing, not in UTC
 * and not wherever the computer's clock happens to be set). Pure: Intl only, no Node, no DOM.
 */

/** Chongqing, like all of China, keeps Beijing time (UTC+8, no daylight saving). */
export const PLAN_TIME_ZONE = 'Asia/Shanghai';

export interface PlanDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for a time zone Intl does not know.
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', calendar: 'gregory', numberingSystem: 'latn' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the time zone ("Asia/Shanghai", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The date in the plan's calendar at instant `now` (a Date or an ISO timestamp such as ctx.now()). */
export function planDate(now: Date | string, timeZone: string = PLAN_TIME_ZONE): PlanDate {
  const instant = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`不是有效的时间：${String(now)}`);
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12": the plan's month at `now`, in the "YYYY-MM" form deadlines are stored in. */
export function planMonth(now: Date | string, timeZone: string = PLAN_TIME_ZONE): string {
  const d = planDate(now, timeZone);
  return `${d.year}-${pad(d.month)}`;
}

/** "2026-12-01": the plan's day at `now`. */
export function planDay(now: Date | string, timeZone: string = PLAN_TIME_ZONE): string {
  const d = planDate(now, timeZone);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** "2026-12-01 20:10": an instant (ISO timestamp) as the plan's wall clock shows it (comments, exports). */
export function planDateTime(iso: string, timeZone: string = PLAN_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
