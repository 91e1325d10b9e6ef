/**
 * 立即备份 and restoring, as jobs (db/jobs/jobs.ts): the operation answers { jobId } at once, the
 * file-sized work runs in a worker thread (copy.ts), and jobs.status gives the result. Only the
 * restore's final swap and reopen run on the host's thread, as one short synchronous step.
 *
 * While a restore job runs, the plan file is the one about to be replaced: an edit made then would
 * land in the file that is moved aside and vanish from the plan. So from the moment the restore is
 * asked for until the restored file is open, every write is refused with BUSY (`ctx.busyWith`,
 * checked by db/dispatch.ts; the store's connection is also set to query_only, so a write already
 * under way in a job fails rather than writing), and reads go on. Edits made while a backup job
 * runs go through: the backup is the plan as it was when the copy began (WAL).
 */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { backupOps } from '../../contract/ops/backups.ts';
import { PlanDeskError, notFound } from '../errors.ts';
import { everythingChanged } from '../audit/changes.ts';
import { startJob } from '../jobs/jobs.ts';
import { backupRunning, createBackup, listBackups, type BackupInfo } from './backups.ts';
import { runCopyJobOffThread } from './copy.ts';
import { swapInRestored } from './restore.ts';

export const publicInfo = (b: BackupInfo) => ({ name: b.name, at: b.at, reason: b.reason, size: b.size, complete: b.complete });

const RESTORING = '正在恢复备份，恢复完成前不能修改规划，请稍候再试。';

function refuseWhileRestoring(ctx: StoreContext): void {
  if (ctx.busyWith) throw new PlanDeskError('BUSY', ctx.busyWith);
}

/** 立即备份 as a job: a consistent, verified copy of the open file (copy.ts), made off the host's thread. */
export function startBackupJob(ctx: StoreContext): { jobId: string } {
  refuseWhileRestoring(ctx);
  if (backupRunning(ctx.file)) throw new PlanDeskError('BUSY', '正在备份这个规划文件，请等这次备份完成后再试。', [], { reason: 'backup.running' });
  return startJob(ctx, 'backup', async () => publicInfo(await createBackup(ctx.file, 'manual', undefined, ctx.nativeBinding)));
}

/** Restoring as a job: the verified copy is prepared off the host's thread, then swapped in and reopened in one step here. */
export function startRestoreJob(ctx: StoreContext, name: string): { jobId: string } {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能恢复备份。', [], { reason: 'backup.readOnly' });
  refuseWhileRestoring(ctx);
  if (backupRunning(ctx.file)) throw new PlanDeskError('BUSY', '正在备份这个规划文件，请等备份完成后再恢复。', [], { reason: 'backup.running' });
  const backup = listBackups(ctx.file).find((b) => b.name === name);
  if (!backup) throw notFound('备份', name);
  if (!backup.complete) throw new PlanDeskError('DAMAGED_FILE', `备份“${name}”不完整（写入时被中断），不能用于恢复。规划文件保持原样。`, [], { reason: 'backup.incomplete', params: { name } });
  const reopen = ctx.reopen;
  if (!reopen) throw new PlanDeskError('INTERNAL', '此处不能恢复备份', [], { reason: 'backup.noRestoreHere' });
  // From now until the restored file is open, nothing writes to the file about to be replaced.
  ctx.busyWith = RESTORING;
  ctx.db.pragma('query_only = ON');
  const release = () => {
    ctx.busyWith = null;
    if (ctx.db.open) ctx.db.pragma('query_only = OFF');
  };
  try {
    return startJob(ctx, 'restore', async () => {
      try {
        await runCopyJobOffThread({ kind: 'restore', planFile: ctx.file, backupFile: backup.file, nativeBinding: ctx.nativeBinding });
        // The swap and reopen: one synchronous step, so no call runs between them.
        let movedAside: string | null = null;
        // The restored file is the copy the worker has just checked (integrity_check): not checked again here.
        reopen(
          () => {
            movedAside = swapInRestored(ctx.file, { nativeBinding: ctx.nativeBinding }).movedAside;
          },
          { integrity: 'skip' },
        );
        // The whole file was replaced: every view fetches again.
        return { restored: publicInfo(backup), movedAside, changes: everythingChanged() };
      } finally {
        release();
      }
    });
  } catch (err) {
    release();
    throw err;
  }
}

export const backupHandlers = {
  'backups.list': (ctx) => listBackups(ctx.file).map(publicInfo),
  'backups.create': (ctx) => startBackupJob(ctx),
  'backups.restore': (ctx, input) => startRestoreJob(ctx, input.name),
} satisfies HandlersFor<typeof backupOps, StoreContext>;
