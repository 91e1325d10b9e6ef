/**
 * sync.* (contract/ops/sync.ts): 同步 with the city hub. sync.run starts the job (db/jobs startJob; the
 * work in run.ts), one at a time per open file; its outcome and the hub and account are kept in the user
 * data folder (settings.ts), the password nowhere.
 */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { syncOps, SyncResult } from '../../contract/ops/sync.ts';

type SyncLogLine = SyncResult['log'][number];
import { PlanDeskError } from '../errors.ts';
import { toApiError } from '../api-error.ts';
import { startJob } from '../jobs/jobs.ts';
import { getPlanRow } from '../plans/read.ts';
import { parseHubAddress } from './hub-client.ts';
import { runSync } from './run.ts';
import { keepSyncOutcome } from './settings.ts';
import { syncStatusOf } from './status.ts';

const running = new WeakSet<StoreContext>();
/** the lines of the running or last sync of an open file (sync.status `log`) */
const lastLog = new WeakMap<StoreContext, SyncLogLine[]>();

export const syncHandlers = {
  'sync.run': (ctx, input) => {
    const hub = parseHubAddress(input.hub);
    if (input.planId) getPlanRow(ctx, input.planId);
    if (running.has(ctx)) throw new PlanDeskError('BUSY', '本文件正在同步，请等它完成。', [], { reason: 'sync.running' });
    if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能同步。', [], { reason: 'readOnly' });
    running.add(ctx);
    const log: SyncLogLine[] = [];
    lastLog.set(ctx, log);
    try {
      return startJob(ctx, 'sync', async (progress) => {
        try {
          const done = await runSync(ctx, { hub, user: input.user, password: input.password, planId: input.planId, sendWhole: input.sendWhole }, progress, log);
          const r = done.result;
          keepSyncOutcome(ctx.userDir, ctx.file, { at: r.at, ok: r.refused === 0, pushed: r.pushed, applied: r.applied, pending: r.pending, refused: r.refused, error: null }, { hub: hub.href, user: input.user });
          return done;
        } catch (err) {
          const e = toApiError(err);
          const error = { code: e.code, message: e.message.slice(0, 2000), ...(e.reason ? { reason: e.reason } : {}), ...(e.params ? { params: e.params } : {}) };
          keepSyncOutcome(ctx.userDir, ctx.file, { at: ctx.now(), ok: false, pushed: 0, applied: 0, pending: 0, refused: 0, error });
          throw err;
        } finally {
          running.delete(ctx);
        }
      });
    } catch (err) {
      running.delete(ctx);
      throw err;
    }
  },
  'sync.status': (ctx) => ({ ...syncStatusOf(ctx, running.has(ctx)), log: [...(lastLog.get(ctx) ?? [])] }),
} satisfies HandlersFor<typeof syncOps, StoreContext>;
