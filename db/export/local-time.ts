/**
 * An instant as officers read it on paper: "2026-12-01 20:05（北京时间）", in the plan's time zone
 * (db/preferences planTimeZone, Asia/Shanghai unless the file says otherwise), never UTC. Intl only.
 */
import type { StoreContext } from '../context.ts';
import { planTimeZone } from '../preferences/handlers.ts';
import { PLAN_TIME_ZONE } from '../../domain/calendar.ts';
import { authorLabel, currentAuthor } from '../identity/author.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      calendar: 'gregory', numberingSystem: 'latn',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "2026-12-01 20:05" in `timeZone`; a text that is not a time is returned as it is. */
export function localTime(instant: string | Date, timeZone: string = PLAN_TIME_ZONE): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return String(instant);
  const p = Object.fromEntries(formatter(timeZone).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The zone's name as a reader knows it: 北京时间 for Asia/Shanghai (and China's other zone names), else the IANA name. */
export function zoneName(timeZone: string): string {
  return ['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC'].includes(timeZone) ? '北京时间' : timeZone;
}

/** An instant in the plan's time zone with the zone named: "2026-12-01 20:05（北京时间）". */
export function planLocalTime(ctx: StoreContext, instant: string | Date): string {
  const tz = planTimeZone(ctx);
  return `${localTime(instant, tz)}（${zoneName(tz)}）`;
}

/** Who exports, as exports name a person: "王五（市人力社保局 · 江津区）" (db/identity/author.ts). */
export function exportedBy(ctx: StoreContext): string {
  return authorLabel(currentAuthor(ctx));
}

/** The end of an export's line under its title: "导出人 王五（市人力社保局 · 江津区）　｜　导出时间 2026-12-01 20:05（北京时间）". */
export function exportStamp(ctx: StoreContext): string {
  return `导出人 ${exportedBy(ctx)}　｜　导出时间 ${planLocalTime(ctx, ctx.now())}`;
}
