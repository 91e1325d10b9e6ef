/**
 * Rotating backups beside the plan file, made with SQLite's online backup (safe while the file is
 * open and being edited): `<folder>/<name>.backups/<name>-YYYYMMDD-HHMMSS-<reason>.plandesk`.
 * Restoring never overwrites a damaged file: it is moved aside first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../connection.ts';
import { inspectFile } from '../connection.ts';
import { PlanDeskError } from '../errors.ts';
import { backupName, backupsToDelete, DEFAULT_POLICY, type BackupPolicy } from './policy.ts';

export interface BackupInfo {
  file: string;
  name: string;
  at: string;
  reason: string;
  size: number;
}

export function backupDir(planFile: string): string {
  return path.join(path.dirname(path.resolve(planFile)), `${path.basename(planFile)}.backups`);
}

const NAME_RE = /-(\d{8})-(\d{6})-([a-z-]+)\.[^.]+$/;

export function listBackups(planFile: string): BackupInfo[] {
  const dir = backupDir(planFile);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: NAME_RE.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => {
      const [d, t] = [m[1] ?? '', m[2] ?? ''];
      const file = path.join(dir, name);
      return {
        file,
        name,
        at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)} ${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`,
        reason: m[3] ?? '',
        size: fs.statSync(file).size,
      };
    })
    .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** Where the next backup goes: names carry the time to the second, unique and in order even within a second. */
export function nextBackupTarget(planFile: string, reason: string): string {
  const dir = backupDir(planFile);
  fs.mkdirSync(dir, { recursive: true });
  const newest = listBackups(planFile)[0];
  const stampOf = (name: string) => NAME_RE.exec(name)?.slice(1, 3).join('') ?? '';
  let at = new Date();
  let target = path.join(dir, backupName(path.basename(planFile), at, reason));
  while (fs.existsSync(target) || (newest && stampOf(path.basename(target)) <= stampOf(newest.name))) {
    at = new Date(at.getTime() + 1000);
    target = path.join(dir, backupName(path.basename(planFile), at, reason));
  }
  return target;
}

/** Makes a backup of an open plan file (SQLite's online backup) and prunes old automatic ones. */
export async function createBackup(db: Db, planFile: string, reason: 'open' | 'auto' | 'manual' | 'before-restore', policy: BackupPolicy = DEFAULT_POLICY): Promise<BackupInfo> {
  const target = nextBackupTarget(planFile, reason);
  const partial = `${target}.partial`;
  try {
    await db.backup(partial);
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    if (code === 'ENOSPC' || code === 'SQLITE_FULL') throw new PlanDeskError('DISK_FULL', '磁盘空间已满，备份没有完成。规划文件本身没有受影响。');
    throw new PlanDeskError('INTERNAL', `备份失败：${err instanceof Error ? err.message : String(err)}`);
  }
  const all = listBackups(planFile);
  for (const old of backupsToDelete(all.filter((b) => b.reason === 'auto' || b.reason === 'open'), policy.keep)) fs.rmSync(old.file, { force: true });
  const made = all.find((b) => b.file === target);
  if (!made) throw new PlanDeskError('INTERNAL', '备份文件未能写入');
  return made;
}

/** The newest backup that opens cleanly as a plan file, or null. */
export function newestGoodBackup(planFile: string): BackupInfo | null {
  for (const b of listBackups(planFile)) {
    try {
      inspectFile(b.file);
      return b;
    } catch {
      /* a damaged backup: try the next older one */
    }
  }
  return null;
}

/**
 * Puts a backup in place of the plan file (which must not be open). The current file — damaged or
 * not — is moved aside as `<name>.replaced-<time>` first, never overwritten. Returns where it went.
 */
export function restoreBackupFile(planFile: string, backupFile: string): { movedAside: string | null } {
  inspectFile(backupFile);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let movedAside: string | null = null;
  if (fs.existsSync(planFile)) {
    movedAside = `${planFile}.replaced-${stamp}`;
    fs.renameSync(planFile, movedAside);
    for (const s of ['-wal', '-shm']) if (fs.existsSync(planFile + s)) fs.renameSync(planFile + s, movedAside + s);
  }
  const tmp = `${planFile}.restoring`;
  fs.copyFileSync(backupFile, tmp);
  fs.renameSync(tmp, planFile);
  return { movedAside };
}
