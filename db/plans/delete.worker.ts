/**
 * plans.deleteStart's worker (delete-job.ts): deletePlan on a connection of its own, in one transaction,
 * and its answer (the deleted counts and the change set) posted back once; for plans.undeleteStart, the
 * undo of that deletion (history.undo of the plan), which puts 100,000 tasks back in one transaction too. Bundled on its own
 * (scripts/bundle-options.mjs workerEntries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { StoreContext } from '../context.ts';
import { fromSqliteError, type ErrorCode, type ErrorIssue, type ErrorParams } from '../errors.ts';
import { deletePlan, type PlanDeleted } from './delete.ts';
import { undo } from '../history/handlers.ts';
import type { Changes } from '../../contract/changes.ts';

/** what the worker does: delete the plan, or undo its deletion (history.undo of the plan: one transaction either way) */
export type PlanWorkerAction = 'delete' | 'undelete';
/** plans.undeleteStart's answer: the undo's label (null when there was nothing to undo) */
export interface PlanUndeleted {
  planId: string;
  undone: string | null;
  changes: Changes;
}

export interface DeleteWork {
  action: PlanWorkerAction;
  file: string;
  planId: string;
  nativeBinding: string | null;
  userDir: string | null;
  /** the starting call's time: the change set is dated when the planner asked */
  now: string;
}

export type DeleteReply =
  | { ok: true; value: PlanDeleted | PlanUndeleted }
  | { ok: false; error: { code: ErrorCode; message: string; issues: ErrorIssue[]; reason: string | undefined; params: ErrorParams | undefined } };

function run(work: DeleteWork): DeleteReply {
  const db = new Database(work.file, { fileMustExist: true, ...(work.nativeBinding ? { nativeBinding: work.nativeBinding } : {}) });
  try {
    // as the store's own connection (db/connection.ts configure): the cascade needs foreign keys on
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const ctx: StoreContext = { db, file: work.file, readonly: false, now: () => work.now, userDir: work.userDir };
    if (work.action === 'undelete') {
      const r = undo(ctx, work.planId);
      return { ok: true, value: { planId: work.planId, undone: r.undone, changes: r.changes } };
    }
    return { ok: true, value: deletePlan(ctx, work.planId) };
  } catch (err) {
    const error = fromSqliteError(err);
    return { ok: false, error: { code: error.code, message: error.message, issues: error.issues, reason: error.reason, params: error.params } };
  } finally {
    db.close();
  }
}

if (parentPort) parentPort.postMessage(run(workerData as DeleteWork));
