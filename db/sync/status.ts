/** sync.status: what the 同步 dialog shows before a sync — the kept hub and account, the last outcome, the outbox, pending conflicts. */
import path from 'node:path';
import type { StoreContext } from '../context.ts';
import { listPlans } from '../plans/read.ts';
import { packageStatus } from '../packages/handlers.ts';
import type { SyncStatusOut } from '../../contract/ops/sync.ts';
import { readOutbox } from './outbox.ts';
import { readSyncSettings } from './settings.ts';

/** packages of the other side kept pending with unresolved conflicts, in every plan of the file */
export function pendingConflicts(ctx: StoreContext): SyncStatusOut['conflicts'] {
  const out: SyncStatusOut['conflicts'] = [];
  for (const plan of listPlans(ctx, { includeArchived: true })) {
    for (const c of packageStatus(ctx, plan.id).counterparts) {
      if (c.pending && c.pending.unresolved > 0) out.push({ planId: plan.id, planTitle: plan.title, packageId: c.pending.packageId, from: c.name, seq: c.pending.seq, unresolved: c.pending.unresolved });
    }
  }
  return out;
}

export function syncStatusOf(ctx: StoreContext, running: boolean): Omit<SyncStatusOut, 'log'> {
  const kept = readSyncSettings(ctx.userDir);
  const inMemory = ctx.file === ':memory:' || ctx.file === '';
  const outbox = inMemory
    ? []
    : readOutbox(ctx.file).waiting.map((o) => ({
        planId: o.envelope.planId,
        seq: o.envelope.seq,
        recipient: o.envelope.recipient.kind === 'city' ? '市' : o.envelope.recipient.name,
        file: o.file,
      }));
  return {
    hub: kept.hub,
    user: kept.user,
    last: inMemory ? null : (kept.files[path.resolve(ctx.file)] ?? null),
    outbox,
    conflicts: pendingConflicts(ctx),
    running,
  };
}
