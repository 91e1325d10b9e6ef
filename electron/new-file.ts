/**
 * 新建规划文件: a new plan file with no plans (the common reference lists of districts and
 * departments are in it), opened locked in place of the current one. The desktop's save dialog has
 * already asked whether to replace an existing file; the target's lock is taken BEFORE anything is
 * written (a file another PlanDesk has open is refused untouched), the new file is made under a
 * temporary name and renamed into place only when complete. Plain Node, so it is tested without
 * Electron (tests/electron/new-file.test.ts); electron/main.ts only asks where.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classifyOpenFailure } from '../db/connection.ts';
import { acquirePlanLock } from '../db/lock.ts';
import { openStore, type PlanStore } from '../db/store.ts';

export interface NewFileOptions {
  /** the name the lock shows to whoever else tries the target, e.g. 桌面版 */
  lockAs: string;
  nativeBinding?: string | undefined;
  userDir?: string | null | undefined;
  /** start from the seeded plans instead of none */
  seeded?: boolean;
}

export function createPlanFile(target: string, options: NewFileOptions): PlanStore {
  const to = path.resolve(target);
  const release = acquirePlanLock(to, options.lockAs);
  const partial = `${to}.creating-${process.pid}`;
  try {
    for (const s of ['', '-wal', '-shm']) fs.rmSync(partial + s, { force: true });
    const made = openStore(partial, { create: options.seeded ? 'seed' : 'reference', nativeBinding: options.nativeBinding, userDir: options.userDir ?? null });
    // One self-contained file (no -wal beside it) before it takes the target's name.
    made.db.pragma('wal_checkpoint(TRUNCATE)');
    made.close();
    for (const s of ['-wal', '-shm']) {
      fs.rmSync(partial + s, { force: true });
      fs.rmSync(to + s, { force: true });
    }
    fs.renameSync(partial, to);
  } catch (err) {
    for (const s of ['', '-wal', '-shm']) fs.rmSync(partial + s, { force: true });
    release();
    throw classifyOpenFailure(to, err);
  }
  return openStore(to, { heldLock: release, nativeBinding: options.nativeBinding, userDir: options.userDir ?? null });
}
