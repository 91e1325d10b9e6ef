/**
 * A worker thread's own connection to the plan file (plans.deleteStart's and packagefiles.exportStart's
 * workers): configured as the store's (db/connection.ts configure: foreign keys for the cascades, full
 * sync, a busy timeout), and a failure as the reply the starting job turns back into a PlanDeskError.
 */
import Database from 'better-sqlite3';
import type { StoreContext } from './context.ts';
import { fromSqliteError, type ErrorCode, type ErrorIssue, type ErrorParams } from './errors.ts';

export interface WorkerStoreWork {
  file: string;
  nativeBinding: string | null;
  userDir: string | null;
  /** the starting call's time: what the worker writes is dated when the planner asked */
  now: string;
}

export type WorkerFailure = { ok: false; error: { code: ErrorCode; message: string; issues: ErrorIssue[]; reason: string | undefined; params: ErrorParams | undefined } };

/** Runs `work` on a connection of the worker's own, closed whatever happens; a throw becomes the failure reply. */
export function withWorkerStore<T>(w: WorkerStoreWork, work: (ctx: StoreContext) => T): { ok: true; value: T } | WorkerFailure {
  const db = new Database(w.file, { fileMustExist: true, ...(w.nativeBinding ? { nativeBinding: w.nativeBinding } : {}) });
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    return { ok: true, value: work({ db, file: w.file, readonly: false, now: () => w.now, userDir: w.userDir }) };
  } catch (err) {
    const error = fromSqliteError(err);
    return { ok: false, error: { code: error.code, message: error.message, issues: error.issues, reason: error.reason, params: error.params } };
  } finally {
    db.close();
  }
}
