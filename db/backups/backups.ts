/**
 * Rotating backups beside the plan file: `<folder>/<name>.backups/<name>-YYYYMMDD-HHMMSS-<reason>.plandesk`.
 * A backup is written under a temporary name (`….partial-<pid>`), verified with SQLite's integrity
 * check, synced to disk and only then renamed to its final name, so a file under a final name is
 * always a complete backup. Leftovers of a crashed backup (a partial file, a `-journal`, or a
 * truncated file left by an older version) are never listed as good, never counted for rotation,
 * and are removed at the next backup. Restoring is in restore.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PlanDeskError } from '../errors.ts';
import { backupName, backupsToDelete, DEFAULT_POLICY, type BackupPolicy } from './policy.ts';
import { runCopyJobOffThread } from './copy.ts';
import { diskFullError, fsyncDir, isDiskFull, removeQuietly } from './durable.ts';
import { verifyBackupFile } from './verify.ts';

export { restoreBackupFile } from './restore.ts';

export type BackupReason = 'open' | 'auto' | 'manual' | 'before-restore';

export interface BackupInfo {
  file: string;
  name: string;
  at: string;
  reason: string;
  size: number;
  /** false for a file left by a crashed backup (truncated, or with a `-journal` beside it): never offered */
  complete: boolean;
}

export function backupDir(planFile: string): string {
  return path.join(path.dirname(path.resolve(planFile)), `${path.basename(planFile)}.backups`);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exactly the names backupName() gives for this plan file: `-wal`, `-shm`, `-journal`, `.partial…` never match. */
function nameRe(planFile: string): RegExp {
  const sample = backupName(path.basename(planFile), new Date(2000, 0, 1), 'x');
  const [stem, ext] = sample.split('-20000101-000000-x');
  return new RegExp(`^${escapeRe(stem ?? '')}-(\\d{8})-(\\d{6})-(open|auto|manual|before-restore)${escapeRe(ext ?? '')}$`);
}

/**
 * A cheap look that a backup is whole, without opening it: the SQLite header is there, the file is
 * as long as the header says, and no `-journal` beside it says a write was cut short. The full check
 * (integrity_check) runs before a backup is offered or restored (newestGoodBackup, restore.ts).
 */
export function looksComplete(file: string): boolean {
  try {
    if (fs.existsSync(`${file}-journal`)) return false;
    const size = fs.statSync(file).size;
    if (size < 512) return false;
    const fd = fs.openSync(file, 'r');
    const h = Buffer.alloc(100);
    try {
      fs.readSync(fd, h, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (h.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') return false;
    const raw = h.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    const pages = h.readUInt32BE(28);
    const pagesValid = pages > 0 && h.readUInt32BE(24) === h.readUInt32BE(92);
    return pageSize >= 512 && size % pageSize === 0 && (!pagesValid || size >= pages * pageSize);
  } catch {
    return false;
  }
}

export function listBackups(planFile: string): BackupInfo[] {
  const dir = backupDir(planFile);
  if (!fs.existsSync(dir)) return [];
  const re = nameRe(planFile);
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = re.exec(name);
    if (!m) continue;
    const [d, t] = [m[1] ?? '', m[2] ?? ''];
    const file = path.join(dir, name);
    let size: number;
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) continue;
      size = st.size;
    } catch {
      continue; // removed meanwhile (rotation by another process)
    }
    out.push({
      file,
      name,
      at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)} ${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`,
      reason: m[3] ?? '',
      size,
      complete: looksComplete(file),
    });
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** Where the next backup goes: names carry the time to the second, unique and in order even within a second. */
export function nextBackupTarget(planFile: string, reason: string): string {
  const dir = backupDir(planFile);
  fs.mkdirSync(dir, { recursive: true });
  const newest = listBackups(planFile)[0];
  const stampOf = (name: string) => /-(\d{8})-(\d{6})-/.exec(name)?.slice(1, 3).join('') ?? '';
  let at = new Date();
  let target = path.join(dir, backupName(path.basename(planFile), at, reason));
  while (fs.existsSync(target) || (newest && stampOf(path.basename(target)) <= stampOf(newest.name))) {
    at = new Date(at.getTime() + 1000);
    target = path.join(dir, backupName(path.basename(planFile), at, reason));
  }
  return target;
}

/** Partial files this process is writing right now (never cleaned while in progress). */
const inProgress = new Set<string>();
const PARTIAL_RE = /\.partial(?:-(\d+))?(?:-journal|-wal|-shm)?$/;
const SIDECARS = ['-journal', '-wal', '-shm'];

function running(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return typeof err === 'object' && err !== null && 'code' in err && err.code === 'EPERM';
  }
}

/**
 * Removes what crashed backups left: partial files of processes that no longer run, final-named
 * files that are not complete (with their `-journal`), and `-journal`/`-wal`/`-shm` files whose
 * backup no longer exists. Returns the names removed.
 */
export function cleanLeftovers(planFile: string): string[] {
  const dir = backupDir(planFile);
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  const names = fs.readdirSync(dir);
  const re = nameRe(planFile);
  for (const name of names) {
    const file = path.join(dir, name);
    const partial = PARTIAL_RE.exec(name);
    if (partial) {
      const pid = partial[1] ? Number(partial[1]) : null;
      const base = file.replace(/(-journal|-wal|-shm)$/, '');
      if (inProgress.has(base) || (pid !== null && running(pid))) continue;
      removeQuietly(file);
      removed.push(name);
      continue;
    }
    if (re.test(name) && !looksComplete(file)) {
      removeQuietly(file, ...SIDECARS.map((s) => file + s));
      removed.push(name);
      continue;
    }
    const side = SIDECARS.find((s) => name.endsWith(s));
    if (side && !names.includes(name.slice(0, -side.length))) {
      removeQuietly(file);
      removed.push(name);
    }
  }
  return removed;
}

function partialFor(target: string): string {
  return `${target}.partial-${process.pid}`;
}

/**
 * The backups rotation removes: automatic ones beyond the newest `keep`, counting complete backups
 * only (an incomplete leftover never pushes a real backup out). cleanLeftovers removes such leftovers
 * first as a rule; this holds where it could not (a file it failed to remove).
 */
export function rotationVictims(list: readonly BackupInfo[], keep: number): BackupInfo[] {
  return backupsToDelete(list.filter((b) => b.complete && (b.reason === 'auto' || b.reason === 'open')), keep);
}

function rotate(planFile: string, policy: BackupPolicy): void {
  for (const old of rotationVictims(listBackups(planFile), policy.keep)) removeQuietly(old.file);
}

function failed(err: unknown): PlanDeskError {
  if (isDiskFull(err)) return diskFullError('备份');
  if (err instanceof PlanDeskError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new PlanDeskError('INTERNAL', `备份失败：${detail}`, [], { reason: 'backup.failed', params: { detail } });
}

function made(planFile: string, target: string): BackupInfo {
  const info = listBackups(planFile).find((b) => b.file === target);
  if (!info) throw new PlanDeskError('INTERNAL', '备份文件未能写入', [], { reason: 'backup.notWritten' });
  return info;
}

/** Plan files this process is backing up right now: one backup of a file at a time. */
const backingUp = new Set<string>();

export function backupRunning(planFile: string): boolean {
  return backingUp.has(path.resolve(planFile));
}

/**
 * Makes a backup of the plan file (open or not) and prunes old automatic ones: 立即备份, the
 * automatic backups and the one before a restore alike. The copy (integrity_check of the live file,
 * VACUUM INTO a temporary name, integrity_check of the copy, fsync) runs in a worker thread on its
 * own read-only connection (copy.ts), so the host's event loop and its edits carry on meanwhile; the
 * rename to the final name and the rotation are short steps here.
 */
export async function createBackup(planFile: string, reason: BackupReason, policy: BackupPolicy = DEFAULT_POLICY, nativeBinding?: string): Promise<BackupInfo> {
  const file = path.resolve(planFile);
  if (backingUp.has(file)) throw new PlanDeskError('BUSY', '正在备份这个规划文件，请等这次备份完成后再试。', [], { reason: 'backup.running' });
  backingUp.add(file);
  try {
    cleanLeftovers(file);
    const target = nextBackupTarget(file, reason);
    const partial = partialFor(target);
    inProgress.add(partial);
    try {
      await runCopyJobOffThread({ kind: 'backup', planFile: file, partial, nativeBinding });
      fs.renameSync(partial, target);
      fsyncDir(path.dirname(target));
    } catch (err) {
      removeQuietly(partial, ...SIDECARS.map((s) => partial + s));
      throw failed(err);
    } finally {
      inProgress.delete(partial);
    }
    rotate(file, policy);
    return made(file, target);
  } finally {
    backingUp.delete(file);
  }
}

/** The newest backup that is complete and passes the integrity check, or null. */
export function newestGoodBackup(planFile: string, nativeBinding?: string): BackupInfo | null {
  for (const b of listBackups(planFile)) {
    if (!b.complete) continue;
    try {
      verifyBackupFile(b.file, nativeBinding);
      return b;
    } catch {
      /* a damaged backup: try the next older one */
    }
  }
  return null;
}
