/** app.info: what the store open in this host is. */
import type { StoreContext } from '../context.ts';
import { currentUser } from '../audit/recorder.ts';
import type { HandlersFor, OperationOutput } from '../../contract/operations.ts';
import type { appOps } from '../../contract/ops/app.ts';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.ts';

/** `app.check`: SQLite's own integrity and foreign-key checks and the schema version; reads only. */
export function checkFile(ctx: StoreContext): OperationOutput<'app.check'> {
  const integrity = ctx.db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all().map((r) => r.integrity_check);
  const foreignKeyViolations = ctx.db.prepare('PRAGMA foreign_key_check').all().length;
  const schemaVersion = Number(ctx.db.pragma('user_version', { simple: true }));
  const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeyViolations === 0;
  return { ok, integrity, foreignKeyViolations, schemaVersion, latestSchemaVersion: LATEST_SCHEMA_VERSION };
}

export const appHandlers = {
  'app.info': (ctx) => ({ file: ctx.file, schemaVersion: LATEST_SCHEMA_VERSION, userName: currentUser(ctx), readonly: ctx.readonly }),
  'app.check': (ctx) => checkFile(ctx),
} satisfies HandlersFor<typeof appOps, StoreContext>;
