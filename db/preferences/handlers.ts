/** The user's preferences kept in the plan file (table preferences): user name and the plan's time zone. */
import type { StoreContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { currentUser } from '../audit/recorder.ts';
import type { HandlersFor, ParsedInput } from '../../contract/operations.ts';
import type { preferenceOps } from '../../contract/ops/preferences.ts';
import { PLAN_TIME_ZONE, isTimeZone } from '../../domain/calendar.ts';

type Preferences = { userName: string; timeZone: string };

function stored(ctx: StoreContext, key: string): string | null {
  return ctx.db.prepare<[string], { value: string }>('SELECT value FROM preferences WHERE key = ?').get(key)?.value ?? null;
}

function store(ctx: StoreContext, key: string, value: string): void {
  ctx.db.prepare<[string, string], never>('INSERT INTO preferences (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The time zone of the plans in this file: "this month" and "overdue" are read in it (Asia/Shanghai unless set). */
export function planTimeZone(ctx: StoreContext): string {
  const tz = stored(ctx, 'timeZone');
  return tz && isTimeZone(tz) ? tz : PLAN_TIME_ZONE;
}

export function getPreferences(ctx: StoreContext): Preferences {
  return { userName: currentUser(ctx), timeZone: planTimeZone(ctx) };
}

/** Sets the user name (written into the audit log beside every change) and/or the time zone: all checked, then written. */
export function setPreferences(ctx: StoreContext, input: ParsedInput<'preferences.set'>): Preferences {
  const userName = input.userName?.trim();
  const timeZone = input.timeZone?.trim();
  if (userName === undefined && timeZone === undefined) throw invalid('没有要修改的设置', [{ field: 'userName', message: '请填写用户名或时区' }]);
  if (userName === '') throw invalid('用户名不能为空', [{ field: 'userName', message: '请填写用户名，它会记录在修改记录中' }]);
  if (timeZone !== undefined && !isTimeZone(timeZone))
    throw invalid(`“${timeZone}”不是有效的时区`, [{ field: 'timeZone', message: '请填写 IANA 时区名，如 Asia/Shanghai' }]);
  ctx.db.transaction(() => {
    if (userName !== undefined) store(ctx, 'userName', userName);
    if (timeZone !== undefined) store(ctx, 'timeZone', timeZone);
  })();
  return getPreferences(ctx);
}

export const preferenceHandlers = {
  'preferences.get': (ctx) => getPreferences(ctx),
  'preferences.set': (ctx, input) => setPreferences(ctx, input),
} satisfies HandlersFor<typeof preferenceOps, StoreContext>;
