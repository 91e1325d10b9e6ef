/**
 * One writer per plan file: `<file>.lock` holds the owner's pid and host. Every writer takes it — the
 * desktop app and the web host for as long as they have the file open, each CLI write command for its
 * run — so a second writer gets a clear message instead of two racing; a lock left by a process that
 * no longer runs (a crash) is taken over. Hand-written (Node has no portable advisory file lock, and a
 * lock that works across computers on a share must say who holds it); tests/safety/locks.test.ts
 * races real processes on it.
 *
 * A folder PlanDesk may not write in (a read-only medium or mount, no permission) or a full disk is said
 * as such, so hosts open the file read-only instead of failing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { DISK_FULL_FS_CODES, PlanDeskError, READ_ONLY_FS_CODES, diskFullAtOpen, errorCodeOf, readOnlyAtOpen } from './errors.ts';
import { freeBytes } from './connection.ts';

export interface LockOwner {
  pid: number;
  host: string;
  app: string;
  at: string;
}

/** An unreadable lock younger than this is one being written by a PlanDesk starting right now. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

export function lockPath(planFile: string): string {
  return `${planFile}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCodeOf(err) === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host, app: String(v.app ?? ''), at: String(v.at ?? '') } : null;
  } catch {
    return null;
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (errorCodeOf(err) === 'ENOENT') return null;
    throw err;
  }
}

/** Who holds the plan file's lock right now (a live process on this host, or any on another host), or null. */
export function lockHolder(planFile: string): LockOwner | null {
  const text = readText(lockPath(planFile));
  const owner = text === null ? null : parseOwner(text);
  if (!owner) return null;
  return owner.host !== os.hostname() || alive(owner.pid) ? owner : null;
}

export function busyError(owner: LockOwner): PlanDeskError {
  if (owner.host !== os.hostname()) {
    return new PlanDeskError('BUSY', `规划文件正被另一台电脑（${owner.host}）上的规划工作台使用。请在那台电脑上关闭后再打开。`);
  }
  return new PlanDeskError(
    'BUSY',
    `规划文件已被另一个规划工作台打开（${owner.app || '程序'}，进程 ${owner.pid}，${owner.at.slice(0, 19).replace('T', ' ')} 起）。请切换到那个窗口，或关闭它后再打开。`,
  );
}

function fsFailure(planFile: string, err: unknown): unknown {
  const code = errorCodeOf(err);
  if (READ_ONLY_FS_CODES.includes(code)) return readOnlyAtOpen(planFile, '不能在它所在的文件夹写入锁文件');
  if (DISK_FULL_FS_CODES.includes(code)) return diskFullAtOpen(planFile, freeBytes(planFile));
  return err;
}

/**
 * Creates `file` holding `content` only if it does not exist, never visible half-written: written under a
 * temporary name, then hard-linked into place (atomic, fails if the name exists). Where the file system
 * has no hard links (FAT/exFAT USB sticks), an exclusive create instead.
 */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(tmp, content, { flag: 'wx' });
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    const code = errorCodeOf(err);
    if (code === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV'].includes(code)) throw err;
    try {
      fs.writeFileSync(file, content, { flag: 'wx' });
      return true;
    } catch (err2) {
      if (errorCodeOf(err2) === 'EEXIST') return false;
      fs.rmSync(file, { force: true });
      throw err2;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Removes a stale lock, one process at a time: `<lock>.takeover` (made like the lock itself) guards the
 * look-then-remove, so no process can remove a lock another has just made in place of the stale one.
 * A guard left by a process that died in these few lines is removed once it is old.
 */
function takeOverStale(file: string, staleText: string, owner: string): void {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, owner)) {
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > UNREADABLE_LOCK_GRACE_MS) fs.rmSync(guard, { force: true });
    } catch {
      /* gone meanwhile */
    }
    pause(5 + Math.random() * 10);
    return;
  }
  try {
    if (readText(file) === staleText) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

/** Takes the plan file's lock for `app` (shown to whoever is refused); returns the function that releases it. */
export function acquirePlanLock(planFile: string, app: string): () => void {
  const file = lockPath(planFile);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), app, at: new Date().toISOString() };
  const mine = JSON.stringify(me);
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (createExclusive(file, mine)) {
        let released = false;
        return () => {
          if (released) return;
          released = true;
          if (readText(file) === mine) fs.rmSync(file, { force: true });
        };
      }
      const text = readText(file);
      if (text === null) continue;
      const owner = parseOwner(text);
      if (!owner) {
        let age = Infinity;
        try {
          age = Date.now() - fs.statSync(file).mtimeMs;
        } catch {
          continue;
        }
        if (age < UNREADABLE_LOCK_GRACE_MS) throw new PlanDeskError('BUSY', '规划文件正在被另一个规划工作台打开，请稍后重试。');
      } else if (owner.host !== me.host || alive(owner.pid)) {
        throw busyError(owner);
      }
      // A stale lock from a process that has ended (or an unreadable old one): take it over.
      takeOverStale(file, text, mine);
    }
  } catch (err) {
    throw fsFailure(planFile, err);
  }
  throw new PlanDeskError('BUSY', '无法锁定规划文件，请稍后重试。');
}
