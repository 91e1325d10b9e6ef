/**
 * Durable file steps for backups and restore: fsync a file and its folder, and keep a second name
 * for a file (a hard link, or a copy where the filesystem has none, e.g. FAT/exFAT USB sticks).
 * Node has no "write then fsync then rename" helper that also syncs the folder, so these few lines
 * are ours; tests/safety/restore-crash.test.ts kills the process between every step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PlanDeskError } from '../errors.ts';

export function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
}

export function isDiskFull(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || /database or disk is full|no space left/i.test(err instanceof Error ? err.message : '');
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename or a new name in `dir` survive a power loss (not supported on Windows: skipped). */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch (err) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes(errorCode(err))) throw err;
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies `src` to `dst` (which must not exist) and syncs it to disk. */
export function copyDurable(src: string, dst: string): void {
  fs.copyFileSync(src, dst, fs.constants.COPYFILE_EXCL);
  fsyncFile(dst);
}

/** Gives `src` a second name `dst`: a hard link when the filesystem allows, otherwise a synced copy. */
export function secondName(src: string, dst: string): void {
  try {
    fs.linkSync(src, dst);
  } catch (err) {
    if (errorCode(err) === 'EEXIST') throw err;
    copyDurable(src, dst);
  }
  fsyncDir(path.dirname(dst));
}

export function removeQuietly(...files: string[]): void {
  for (const f of files) {
    try {
      fs.rmSync(f, { force: true });
    } catch {
      /* best effort: a leftover is cleaned or shown at the next backup */
    }
  }
}

export function diskFullError(what: '备份' | '恢复'): PlanDeskError {
  return new PlanDeskError('DISK_FULL', `磁盘空间已满，${what}没有完成。规划文件本身没有受影响，请腾出空间后重试。`, [], {
    reason: what === '备份' ? 'diskFull.backup' : 'diskFull.restore',
  });
}
