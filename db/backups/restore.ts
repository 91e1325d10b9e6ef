/**
 * Putting a backup in place of the plan file so that at every instant — a kill, a power cut, a full
 * disk — the plan path holds either the old file or the restored one, never nothing:
 *   1. the backup is copied beside the plan file as `<file>.restoring`, synced, and verified there
 *      (the copy that will be put in place is the one checked);
 *   2. the current file's WAL is folded into it (so an old WAL can never be applied to the
 *      restored file) and the file gets a second name `<file>.replaced-<time>` (a hard link, or a
 *      synced copy where the filesystem has no links);
 *   3. rename(`.restoring` → file) replaces the file in one atomic step, and the folder is synced.
 * A failure before step 3 removes the temporary copy and leaves the plan file as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PlanDeskError } from '../errors.ts';
import { copyDurable, diskFullError, fsyncDir, fsyncFile, isDiskFull, removeQuietly, secondName } from './durable.ts';
import { makeWal, verifyOwnCopy } from './verify.ts';

export type RestoreStep = 'copied' | 'verified' | 'settled' | 'kept' | 'swapped';

export interface RestoreOptions {
  nativeBinding?: string | undefined;
  /** called after each step (the crash tests kill the process there) */
  afterStep?: (step: RestoreStep) => void;
}

const SIDECARS = ['-wal', '-shm', '-journal'];

export function restoringPath(planFile: string): string {
  return `${path.resolve(planFile)}.restoring`;
}

/** Folds a leftover WAL (or rolls back a hot journal) into the closed plan file; a damaged file is left as it is. */
function settle(plan: string, nativeBinding: string | undefined): void {
  if (!fs.existsSync(`${plan}-wal`) && !fs.existsSync(`${plan}-journal`)) return;
  let db: Database.Database | null = null;
  try {
    db = new Database(plan, { fileMustExist: true, nativeBinding });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    /* damaged or busy: its WAL is kept beside the moved-aside copy instead */
  } finally {
    db?.close();
  }
}

/**
 * Removes what a restore interrupted before its final rename left while the plan file is still
 * there: the `.restoring` copy, and a `.replaced-…` name that is a hard link to the plan file itself
 * (the same file under a second name: left in place it would change with every later edit).
 * Returns the names removed.
 */
export function cleanInterruptedRestore(planFile: string): string[] {
  const plan = path.resolve(planFile);
  if (!fs.existsSync(plan)) return [];
  const removed: string[] = [];
  const tmp = restoringPath(plan);
  for (const f of [tmp, ...SIDECARS.map((s) => tmp + s)]) {
    if (fs.existsSync(f)) {
      removeQuietly(f);
      removed.push(f);
    }
  }
  const me = fs.statSync(plan);
  if (me.nlink > 1) {
    const base = `${path.basename(plan)}.replaced-`;
    for (const name of fs.readdirSync(path.dirname(plan))) {
      if (!name.startsWith(base) || /-(wal|shm|journal)$/.test(name)) continue;
      const other = path.join(path.dirname(plan), name);
      const st = fs.statSync(other);
      if (st.ino === me.ino && st.dev === me.dev) {
        removeQuietly(other);
        removed.push(other);
      }
    }
  }
  return removed;
}

function asideName(plan: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let name = `${plan}.replaced-${stamp}`;
  for (let i = 2; fs.existsSync(name); i++) name = `${plan}.replaced-${stamp}-${i}`;
  return name;
}

/**
 * Step 1 of a restore, the long one: copies the backup beside the plan file as `<file>.restoring`,
 * verifies that copy and makes it ready (WAL mode, synced). It never touches the plan file, so it may
 * run while the file is open, off the host's thread (restore-job.ts); a failure removes the copy.
 */
export function prepareRestore(planFile: string, backupFile: string, options: RestoreOptions = {}): void {
  const plan = path.resolve(planFile);
  const src = path.resolve(backupFile);
  const tmp = restoringPath(plan);
  const step = options.afterStep ?? (() => {});
  if (!fs.existsSync(src)) throw new PlanDeskError('FILE_NOT_FOUND', `找不到备份文件“${src}”。规划文件没有被修改。`, [], { reason: 'backup.fileMissing', params: { file: src } });
  const dropTmp = () => removeQuietly(tmp, ...SIDECARS.map((s) => tmp + s));
  if (src !== tmp) cleanInterruptedRestore(plan);
  try {
    if (src !== tmp) {
      dropTmp();
      copyDurable(src, tmp);
      if (fs.existsSync(`${src}-wal`) && fs.statSync(`${src}-wal`).size > 0) copyDurable(`${src}-wal`, `${tmp}-wal`);
      step('copied');
    }
    try {
      verifyOwnCopy(tmp, options.nativeBinding);
    } catch (err) {
      if (err instanceof PlanDeskError) throw new PlanDeskError(err.code, `${err.message.split(tmp).join(src)}没有恢复，规划文件保持原样。`, err.issues, err.reason ? { reason: err.reason, params: { ...err.params, file: src } } : undefined);
      throw err;
    }
    makeWal(tmp, options.nativeBinding);
    fsyncFile(tmp);
    fsyncDir(path.dirname(plan));
    step('verified');
  } catch (err) {
    dropTmp();
    if (isDiskFull(err)) throw diskFullError('恢复');
    throw err;
  }
}

/**
 * Steps 2 and 3, short (a hard link and two renames): the plan file (which must not be open) gets a
 * second name `<name>.replaced-<time>`, never overwritten, and the prepared `.restoring` copy takes
 * its place. Returns where the old file went.
 */
export function swapInRestored(planFile: string, options: RestoreOptions = {}): { movedAside: string | null } {
  const plan = path.resolve(planFile);
  const tmp = restoringPath(plan);
  const dir = path.dirname(plan);
  const step = options.afterStep ?? (() => {});
  const dropTmp = () => removeQuietly(tmp, ...SIDECARS.map((s) => tmp + s));
  if (!fs.existsSync(tmp)) throw new PlanDeskError('FILE_NOT_FOUND', '恢复用的副本不见了（可能被其他程序删除），没有恢复，规划文件保持原样。', [], { reason: 'backup.copyMissing' });
  let movedAside: string | null = null;
  if (fs.existsSync(plan)) {
    settle(plan, options.nativeBinding);
    step('settled');
    movedAside = asideName(plan);
    try {
      secondName(plan, movedAside);
      // A WAL that could not be folded in (a damaged file) stays with the moved-aside copy.
      if (fs.existsSync(`${plan}-wal`)) secondName(`${plan}-wal`, `${movedAside}-wal`);
    } catch (err) {
      dropTmp();
      removeQuietly(movedAside, `${movedAside}-wal`);
      if (isDiskFull(err)) throw diskFullError('恢复');
      throw err;
    }
    step('kept');
    // The old file's -wal/-shm must not meet the restored file: SQLite would apply them to it.
    removeQuietly(...SIDECARS.map((s) => plan + s));
  }
  fs.renameSync(tmp, plan);
  fsyncDir(dir);
  step('swapped');
  return { movedAside };
}

/**
 * Puts a backup in place of the plan file (which must not be open): prepareRestore, then
 * swapInRestored. The current file — damaged or not — is kept as `<name>.replaced-<time>`, never
 * overwritten. Returns where it went.
 */
export function restoreBackupFile(planFile: string, backupFile: string, options: RestoreOptions = {}): { movedAside: string | null } {
  prepareRestore(planFile, backupFile, options);
  return swapInRestored(planFile, options);
}
