/**
 * Automatic backups for a running app (desktop or web host): one when the file is opened, then one
 * every N minutes while it is being edited. The timer is the host's; the decision is policy.ts's.
 */
import type { PlanStore } from '../store.ts';
import { createBackup } from './backups.ts';
import { DEFAULT_POLICY, isBackupDue, type BackupPolicy } from './policy.ts';

export function lastChangeTime(store: PlanStore): number | null {
  const row = store.db.prepare<[], { at: string | null }>('SELECT max(at) AS at FROM change_sets').get();
  return row?.at ? Date.parse(row.at) : null;
}

export function startAutoBackup(store: PlanStore, policy: BackupPolicy = DEFAULT_POLICY, onError: (err: unknown) => void = () => {}): { stop(): void } {
  let lastBackupAt: number | null = null;
  let busy = false;
  const run = async (reason: 'open' | 'auto') => {
    if (busy || store.ctx.readonly || store.ctx.busyWith) return; // not while a restore replaces the file
    busy = true;
    try {
      await createBackup(store.ctx.file, reason, policy, store.ctx.nativeBinding);
      lastBackupAt = Date.now();
    } catch (err) {
      onError(err);
    } finally {
      busy = false;
    }
  };
  void run('open');
  const timer = setInterval(() => {
    if (isBackupDue(policy, lastBackupAt, lastChangeTime(store), Date.now())) void run('auto');
  }, 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
