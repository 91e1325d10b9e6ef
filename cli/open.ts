/**
 * How CLI commands open the plan file. Writes take the same `<file>.lock` as the desktop app and the
 * web host, so a write while either has the file open is refused with the same message and writes
 * nothing. Reads take no lock (SQLite's WAL lets them run beside a writer) and read one snapshot: the
 * whole command sees the file as it was when it started, even while a host commits edits.
 *
 * This is the CLI's only door into db/ (tests/cli/imports.test.ts): commands call operations through
 * the store's `call` (cli/client.ts), never core modules.
 */
import { openStore, initPlanFile, restorePlanFile, userDataDir, defaultPlanFile, type PlanStore } from '../db/store.ts';

export { defaultPlanFile };

export const CLI_LOCK_NAME = '命令行';

export function openForWrite(file: string): PlanStore {
  return openStore(file, { lockAs: CLI_LOCK_NAME, userDir: userDataDir() });
}

export function initForWrite(file: string, empty = false): PlanStore {
  return initPlanFile(file, { lockAs: CLI_LOCK_NAME, userDir: userDataDir(), empty });
}

export function openForRead(file: string): PlanStore {
  const store = openStore(file, { readonly: true, userDir: userDataDir() });
  try {
    // A deferred transaction's first read fixes the snapshot; close() ends it (nothing to commit).
    store.db.exec('BEGIN');
    store.db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    store.close();
    throw err;
  }
  return store;
}

/** Restores a backup file over the plan file without opening it (db/store.ts restorePlanFile). */
export function restoreFromBackup(file: string, backupFile: string): { movedAside: string | null } {
  return restorePlanFile(file, backupFile, { lockAs: `${CLI_LOCK_NAME}恢复` });
}
