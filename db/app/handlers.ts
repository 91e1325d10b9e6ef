import type { StoreContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { currentUser } from '../audit/recorder.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { appOps } from '../../contract/ops/app.ts';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.ts';

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

export const appHandlers = {
  'app.info': (ctx) => ({ file: ctx.file, schemaVersion: LATEST_SCHEMA_VERSION, userName: currentUser(ctx), readonly: ctx.readonly }),
  'preferences.get': (ctx) => getPreferences(ctx),
  'preferences.set': (ctx, input) => setPreferences(ctx, input),
} satisfies HandlersFor<typeof appOps, StoreContext>;
