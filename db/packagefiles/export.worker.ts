/**
 * packagefiles.exportStart's worker (export-job.ts): the whole export (db/exchange/export.ts: the changes
 * since the base, the version saved, the log row, the signed file) on a connection of its own, in its one
 * transaction, and the package's bytes posted back once; or the trial export (packagefiles.planStart: what an
 * export would carry now, rolled back). Bundled on its own (scripts/bundle-options.mjs
 * workerEntries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { withWorkerStore, type WorkerFailure, type WorkerStoreWork } from '../worker-store.ts';
import { exportPackageFile, planPackageFile } from './files.ts';

export interface PackageExportWork extends WorkerStoreWork {
  /** the trial export (files.ts planPackageFile) instead of the real one */
  trial: boolean;
  planId: string;
  to: string;
}

export type PackageExported = ReturnType<typeof exportPackageFile>;
export type PackagePlanned = ReturnType<typeof planPackageFile>;

export type PackageExportReply = { ok: true; value: PackageExported | PackagePlanned } | WorkerFailure;

function run(work: PackageExportWork): PackageExportReply {
  const input = { planId: work.planId, to: work.to };
  return withWorkerStore<PackageExported | PackagePlanned>(work, (ctx) => (work.trial ? planPackageFile(ctx, input) : exportPackageFile(ctx, input)));
}

if (parentPort) parentPort.postMessage(run(workerData as PackageExportWork));
