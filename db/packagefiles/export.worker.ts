/**
 * packagefiles.exportStart's worker (export-job.ts): the whole export (db/exchange/export.ts: the changes
 * since the base, the version saved, the log row, the signed file) on a connection of its own, in its one
 * transaction, and the package's bytes posted back once; or the trial export (packagefiles.planStart: what an
 * export would carry now, rolled back). Bundled on its own (scripts/bundle-options.mjs
 * workerEntries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { StoreContext } from '../context.ts';
import { fromSqliteError, type ErrorCode, type ErrorIssue, type ErrorParams } from '../errors.ts';
import { exportPackageFile, planPackageFile } from './files.ts';

export interface PackageExportWork {
  /** the trial export (files.ts planPackageFile) instead of the real one */
  trial: boolean;
  file: string;
  planId: string;
  to: string;
  nativeBinding: string | null;
  userDir: string | null;
  /** the starting call's time: the version and the log are dated when the planner asked */
  now: string;
}

export type PackageExported = ReturnType<typeof exportPackageFile>;
export type PackagePlanned = ReturnType<typeof planPackageFile>;

export type PackageExportReply =
  | { ok: true; value: PackageExported | PackagePlanned }
  | { ok: false; error: { code: ErrorCode; message: string; issues: ErrorIssue[]; reason: string | undefined; params: ErrorParams | undefined } };

function run(work: PackageExportWork): PackageExportReply {
  const db = new Database(work.file, { fileMustExist: true, ...(work.nativeBinding ? { nativeBinding: work.nativeBinding } : {}) });
  try {
    // as the store's own connection (db/connection.ts configure)
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const ctx: StoreContext = { db, file: work.file, readonly: false, now: () => work.now, userDir: work.userDir };
    const input = { planId: work.planId, to: work.to };
    return { ok: true, value: work.trial ? planPackageFile(ctx, input) : exportPackageFile(ctx, input) };
  } catch (err) {
    const error = fromSqliteError(err);
    return { ok: false, error: { code: error.code, message: error.message, issues: error.issues, reason: error.reason, params: error.params } };
  } finally {
    db.close();
  }
}

if (parentPort) parentPort.postMessage(run(workerData as PackageExportWork));
