/** The user's preferences kept in the plan file (table preferences). */
import type { StoreContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { currentUser } from '../audit/recorder.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { preferenceOps } from '../../contract/ops/preferences.ts';

export function getPreferences(ctx: StoreContext): { userName: string } {
  return { userName: currentUser(ctx) };
}

/** The user name written into the audit log beside every change. */
export function setPreferences(ctx: StoreContext, input: { userName: string }): { userName: string } {
  const userName = input.userName.trim();
  if (!userName) throw invalid('用户名不能为空', [{ field: 'userName', message: '请填写用户名，它会记录在修改记录中' }]);
  ctx.db.prepare<[string], never>("INSERT INTO preferences (key, value) VALUES ('userName', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(userName);
  return { userName };
}

export const preferenceHandlers = {
  'preferences.get': (ctx) => getPreferences(ctx),
  'preferences.set': (ctx, input) => setPreferences(ctx, input),
} satisfies HandlersFor<typeof preferenceOps, StoreContext>;
