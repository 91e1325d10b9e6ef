import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { backupOps } from '../../contract/ops/backups.ts';
import { PlanDeskError, notFound } from '../errors.ts';
import { everythingChanged } from '../audit/changes.ts';
import { createBackupSync, listBackups, type BackupInfo } from './backups.ts';
import { restoreBackupFile } from './restore.ts';

const publicInfo = (b: BackupInfo) => ({ name: b.name, at: b.at, reason: b.reason, size: b.size, complete: b.complete });

/** 立即备份: a consistent, verified copy of the open file (VACUUM INTO under a temporary name). */
export function createBackupNow(ctx: StoreContext, reason: 'manual' | 'before-restore'): BackupInfo {
  return createBackupSync(ctx.db, ctx.file, reason, undefined, ctx.nativeBinding);
}

export function restoreBackupByName(ctx: StoreContext, name: string) {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能恢复备份。');
  const backup = listBackups(ctx.file).find((b) => b.name === name);
  if (!backup) throw notFound('备份', name);
  if (!backup.complete) throw new PlanDeskError('DAMAGED_FILE', `备份“${name}”不完整（写入时被中断），不能用于恢复。规划文件保持原样。`);
  if (!ctx.reopen) throw new PlanDeskError('INTERNAL', '此处不能恢复备份');
  let movedAside: string | null = null;
  ctx.reopen(() => {
    movedAside = restoreBackupFile(ctx.file, backup.file, { nativeBinding: ctx.nativeBinding }).movedAside;
  });
  // The whole file was replaced: every view fetches again.
  return { restored: publicInfo(backup), movedAside, changes: everythingChanged() };
}

export const backupHandlers = {
  'backups.list': (ctx) => listBackups(ctx.file).map(publicInfo),
  'backups.create': (ctx) => publicInfo(createBackupNow(ctx, 'manual')),
  'backups.restore': (ctx, input) => restoreBackupByName(ctx, input.name),
} satisfies HandlersFor<typeof backupOps, StoreContext>;
