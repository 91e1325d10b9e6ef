/**
 * 另存为: copies the open plan into another file and continues there. The target's lock is taken
 * BEFORE anything is written, so a file another PlanDesk has open is refused untouched (it used to
 * be checked only when opening the copy, after it had overwritten the other app's file). The copy is
 * written under a temporary name and renamed into place only when complete. Plain Node, so it is
 * tested without Electron (tests/electron/save-as.test.ts); electron/main.ts only asks where.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classifyOpenFailure } from '../db/connection.ts';
import { PlanDeskError } from '../db/errors.ts';
import { acquirePlanLock } from '../db/lock.ts';
import { openStore, type PlanStore } from '../db/store.ts';

export interface SaveAsOptions {
  /** the name the lock shows to whoever else tries the target, e.g. 桌面版 */
  lockAs: string;
  nativeBinding?: string | undefined;
}

/** Writes a copy of `source` to `target` and opens it (locked); `source` stays open and unchanged. */
export async function saveStoreAs(source: PlanStore, target: string, options: SaveAsOptions): Promise<PlanStore> {
  const to = path.resolve(target);
  if (to === path.resolve(source.ctx.file)) {
    throw new PlanDeskError('CONFLICT', `“${to}”就是当前打开的文件，修改已自动保存，无需另存。`);
  }
  const release = acquirePlanLock(to, options.lockAs);
  const partial = `${to}.saving-${process.pid}`;
  try {
    await source.db.backup(partial);
    // A -wal/-shm beside the target belongs to the file being replaced: SQLite must never apply it to the copy.
    for (const s of ['-wal', '-shm']) fs.rmSync(to + s, { force: true });
    fs.renameSync(partial, to);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    release();
    throw classifyOpenFailure(to, err);
  }
  return openStore(to, { heldLock: release, nativeBinding: options.nativeBinding, userDir: source.ctx.userDir ?? null });
}
