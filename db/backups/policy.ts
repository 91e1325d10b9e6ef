/** When to make an automatic backup, and which backups to keep. Pure functions. */

export interface BackupPolicy {
  /** make a backup after this many minutes of editing (at least one change since the last backup) */
  everyMinutes: number;
  /** how many automatic backups to keep; older ones are deleted */
  keep: number;
}

export const DEFAULT_POLICY: BackupPolicy = { everyMinutes: 10, keep: 20 };

export function isBackupDue(p: BackupPolicy, lastBackupAt: number | null, lastChangeAt: number | null, now: number): boolean {
  if (lastChangeAt === null) return false;
  if (lastBackupAt === null) return true;
  return lastChangeAt > lastBackupAt && now - lastBackupAt >= p.everyMinutes * 60_000;
}

/** Given backups newest first, those beyond the retention limit (never the newest). */
export function backupsToDelete<T>(newestFirst: readonly T[], keep: number): T[] {
  return newestFirst.slice(Math.max(1, keep));
}

/** `plans-20261122-031500-open.plandesk` for plans.plandesk at that time, for that reason. */
export function backupName(planFileBase: string, at: Date, reason: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  const ext = planFileBase.match(/\.[^.]+$/)?.[0] ?? '.plandesk';
  const stem = ext ? planFileBase.slice(0, -ext.length) : planFileBase;
  return `${stem}-${stamp}-${reason}${ext}`;
}
