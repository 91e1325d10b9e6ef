/** What to tell the user when a plan file cannot be opened, and which backup to offer. */
import { PlanDeskError } from '../errors.ts';
import { newestGoodBackup, type BackupInfo } from './backups.ts';

export interface OpenFailure {
  message: string;
  /** the newest backup that opens cleanly, offered when the file is damaged */
  backup: BackupInfo | null;
}

export function describeOpenFailure(planFile: string, err: unknown): OpenFailure {
  const base = err instanceof PlanDeskError ? err.message : `无法打开规划文件：${String(err)}`;
  if (!(err instanceof PlanDeskError) || err.code !== 'DAMAGED_FILE') return { message: base, backup: null };
  const backup = newestGoodBackup(planFile);
  if (!backup) return { message: `${base}\n没有找到可用的备份。损坏的文件保持原样，没有被覆盖。`, backup: null };
  return {
    message: `${base}\n最新的完好备份：${backup.file}（${backup.at}）。\n恢复方法：plandesk backup restore --db "${planFile}" --from "${backup.file}"（损坏的文件会被改名保留，不会被覆盖）。`,
    backup,
  };
}
