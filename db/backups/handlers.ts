import fs from 'node:fs';
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { backupOps } from '../../contract/ops/backups.ts';
import { PlanDeskError, fromSqliteError, notFound } from '../errors.ts';
import { listBackups, nextBackupTarget, restoreBackupFile, type BackupInfo } from './backups.ts';

const publicInfo = (b: BackupInfo) => ({ name: b.name, at: b.at, reason: b.reason, size: b.size });

/** A consistent copy of the open file (VACUUM INTO reads inside one transaction), made synchronously. */
export function createBackupNow(ctx: StoreContext, reason: 'manual' | 'before-restore'): BackupInfo {
  const target = nextBackupTarget(ctx.file, reason);
  try {
    ctx.db.prepare('VACUUM INTO ?').run(target);
  } catch (err) {
    fs.rmSync(target, { force: true });
    throw fromSqliteError(err);
  }
  const made = listBackups(ctx.file).find((b) => b.file === target);
  if (!made) throw new PlanDeskError('INTERNAL', '备份文件未能写入');
  return made;
}

export function restoreBackupByName(ctx: StoreContext, name: string) {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能恢复备份。');
  const backup = listBackups(ctx.file).find((b) => b.name === name);
  if (!backup) throw notFound('备份', name);
  if (!ctx.reopen) throw new PlanDeskError('INTERNAL', '此处不能恢复备份');
  let movedAside: string | null = null;
  ctx.reopen(() => {
    movedAside = restoreBackupFile(ctx.file, backup.file).movedAside;
  });
  return { restored: publicInfo(backup), movedAside };
}

export const backupHandlers = {
  'backups.list': (ctx) => listBackups(ctx.file).map(publicInfo),
  'backups.create': (ctx) => publicInfo(createBackupNow(ctx, 'manual')),
  'backups.restore': (ctx, input) => restoreBackupByName(ctx, input.name),
} satisfies HandlersFor<typeof backupOps, StoreContext>;
