/**
 * packagefiles.exportStart's worker (export-job.ts): the whole export (db/exchange/export.ts: the changes
 * since the base, the version saved, the log row, the signed file) on a connection of its own, in its one
 * transaction, and the package's bytes posted back once; or the trial export (packagefiles.planStart: what an
 * export would carry now, rolled back); or a package a sync pulled (`kind: 'pull'`: its preview and apply,
 * db/sync/pull-local.ts). Bundled on its own (scripts/bundle-options.mjs
 * workerEntries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { withWorkerStore, type WorkerFailure, type WorkerStoreWork } from '../worker-store.ts';
import { exportPackageFile, planPackageFile } from './files.ts';
import { importPulled, type PulledOutcome } from '../sync/pull-local.ts';
import type { Envelope } from '../sync/outbox.ts';

export interface PackageExportWork extends WorkerStoreWork {
  kind?: 'export';
  /** the trial export (files.ts planPackageFile) instead of the real one */
  trial: boolean;
  planId: string;
  to: string;
}

/** a package a sync pulled from the hub: previewed and, without conflicts, applied (db/sync/pull-local.ts) */
export interface PackagePullWork extends WorkerStoreWork {
  kind: 'pull';
  packageFile: string;
  envelope: Envelope;
}

export type PackageExported = ReturnType<typeof exportPackageFile>;
export type PackagePlanned = ReturnType<typeof planPackageFile>;

export type PackageExportReply = { ok: true; value: PackageExported | PackagePlanned } | WorkerFailure;
export type PackagePullReply = { ok: true; value: PulledOutcome } | WorkerFailure;

function run(work: PackageExportWork | PackagePullWork): PackageExportReply | PackagePullReply {
  if (work.kind === 'pull') return withWorkerStore<PulledOutcome>(work, (ctx) => importPulled(ctx, { file: work.packageFile, envelope: work.envelope }));
  const input = { planId: work.planId, to: work.to };
  return withWorkerStore<PackageExported | PackagePlanned>(work, (ctx) => (work.trial ? planPackageFile(ctx, input) : exportPackageFile(ctx, input)));
}

if (parentPort) parentPort.postMessage(run(workerData as PackageExportWork | PackagePullWork));
