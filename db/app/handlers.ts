/** app.info: what the store open in this host is. */
import type { StoreContext } from '../context.ts';
import { currentUser } from '../audit/recorder.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { appOps } from '../../contract/ops/app.ts';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.ts';

export const appHandlers = {
  'app.info': (ctx) => ({ file: ctx.file, schemaVersion: LATEST_SCHEMA_VERSION, userName: currentUser(ctx), readonly: ctx.readonly }),
} satisfies HandlersFor<typeof appOps, StoreContext>;
