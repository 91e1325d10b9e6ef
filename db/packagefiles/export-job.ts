/**
 * packagefiles.exportStart: 导出报送包 as a job. A package of 10,000 changes takes about 3 s to make and a
 * full 100,000-task package 7–13 s; inside the request that held the host (every other call waited).
 *
 * Why a worker thread on its own connection (as plans.deleteStart, db/plans/delete-job.ts) and not a read
 * snapshot (db/export): the export writes — it saves a version and logs the package in the same transaction
 * that reads the changes, so the package, its base version and its sequence number never disagree. That one
 * transaction runs unchanged in the worker (export.worker.ts); meanwhile the host's thread is free: reads
 * are answered from the file as it was (WAL), writes are refused with BUSY (busy.package) because the worker
 * holds SQLite's one write lock. A store without a WAL file (in memory) exports in the job at once.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import { startJob } from '../jobs/jobs.ts';
import { startWorker, workerAnswer } from '../workers.ts';
import { getPlanRow } from '../plans/read.ts';
import { exportPackageFile, planPackageFile } from './files.ts';
import type { PackageExported, PackageExportReply, PackageExportWork, PackagePlanned, PackagePullReply, PackagePullWork } from './export.worker.ts';
import { importPulled, type PulledOutcome } from '../sync/pull-local.ts';
import type { Envelope } from '../sync/outbox.ts';

export function startPackageExportJob(ctx: StoreContext, input: { planId: string; to: string }): { jobId: string } {
  return startPackageWorkerJob(ctx, input, false);
}

/** packagefiles.planStart: the dialog's trial export (what the package would carry now) in the same worker: it costs what the export costs. */
export function startPackagePlanJob(ctx: StoreContext, input: { planId: string; to: string }): { jobId: string } {
  return startPackageWorkerJob(ctx, input, true);
}

function startPackageWorkerJob(ctx: StoreContext, input: { planId: string; to: string }, trial: boolean): { jobId: string } {
  const work = holdForPackage(ctx, input, trial);
  try {
    return startJob(ctx, trial ? 'packagePlan' : 'package', work.run);
  } catch (err) {
    work.release();
    throw err;
  }
}

/**
 * The package's export (or trial) in the worker, as a promise: the same checks and the same hold on the
 * file (BUSY busy.package for writes meanwhile). The sync exports through it (db/sync/run.ts), so a large
 * plan's package does not hold the host's thread.
 */
export async function packageInWorker(ctx: StoreContext, input: { planId: string; to: string }, trial: boolean): Promise<PackageExported | PackagePlanned> {
  return holdForPackage(ctx, input, trial).run();
}

function holdForPackage(ctx: StoreContext, input: { planId: string; to: string }, trial: boolean): { run: () => Promise<PackageExported | PackagePlanned>; release: () => void } {
  const plan = getPlanRow(ctx, input.planId);
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能导出报送包（导出时要保存一个版本）。', [], { reason: 'exchange.readOnlyExport' });
  if (ctx.busyWith) throw new PlanDeskError('BUSY', ctx.busyWith, [], { reason: ctx.busyReason ?? 'busy.restore' });
  const walFile = ctx.file !== ':memory:' && ctx.file !== '' && String(ctx.db.pragma('journal_mode', { simple: true })) === 'wal';
  ctx.busyWith = `正在${trial ? '核算' : '导出'}规划“${plan.title}”的报送包，完成前不能修改，请稍候再试。`;
  ctx.busyReason = 'busy.package';
  if (walFile) ctx.db.pragma('query_only = ON');
  const release = () => {
    ctx.busyWith = null;
    ctx.busyReason = null;
    if (ctx.db.open) ctx.db.pragma('query_only = OFF');
  };
  const run = async (): Promise<PackageExported | PackagePlanned> => {
    try {
      if (!walFile) {
        release();
        return trial ? planPackageFile(ctx, input) : exportPackageFile(ctx, input);
      }
      const work: PackageExportWork = { trial, file: ctx.file, planId: plan.id, to: input.to, nativeBinding: ctx.nativeBinding ?? null, userDir: ctx.userDir ?? null, now: ctx.now() };
      return await inPackageWorker<PackageExportReply>(work, (code) => `导出报送包的后台线程意外退出（${code}），规划文件没有改动。`);
    } finally {
      release();
    }
  };
  return { run, release };
}

/** The package worker (export.worker.ts) on `work`: its answer's value, or its refusal thrown as the core's typed error. */
async function inPackageWorker<R extends PackageExportReply | PackagePullReply>(work: PackageExportWork | PackagePullWork, exited: (code: number) => string): Promise<Extract<R, { ok: true }>['value']> {
  const reply = await workerAnswer<R>(startWorker(new URL('./export.worker.ts', import.meta.url), { workerData: work }), {
    error: (err) => err,
    exit: (code) => new PlanDeskError('INTERNAL', exited(code)),
  });
  if (!reply.ok) {
    const { code, message, issues, reason, params } = reply.error;
    throw new PlanDeskError(code, message, issues, reason ? { reason, ...(params ? { params } : {}) } : undefined);
  }
  return reply.value;
}

/**
 * A package a sync pulled (db/sync/run.ts): previewed and, without conflicts, applied in the same worker, on
 * its own connection, so a big pull's merge does not hold the host's thread. The file is held as for an
 * export (writes refused with BUSY busy.packageImport meanwhile, reads answered from the file as it was).
 * A store without a WAL file (in memory) imports here at once.
 */
export async function pullInWorker(ctx: StoreContext, input: { file: string; envelope: Envelope }): Promise<PulledOutcome> {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能修改。', [], { reason: 'readOnly' });
  if (ctx.busyWith) throw new PlanDeskError('BUSY', ctx.busyWith, [], { reason: ctx.busyReason ?? 'busy.restore' });
  const walFile = ctx.file !== ':memory:' && ctx.file !== '' && String(ctx.db.pragma('journal_mode', { simple: true })) === 'wal';
  if (!walFile) return importPulled(ctx, input);
  ctx.busyWith = '正在合并从城市枢纽收到的报送包，完成前不能修改，请稍候再试。';
  ctx.busyReason = 'busy.packageImport';
  ctx.db.pragma('query_only = ON');
  try {
    const work: PackagePullWork = { kind: 'pull', packageFile: input.file, envelope: input.envelope, file: ctx.file, nativeBinding: ctx.nativeBinding ?? null, userDir: ctx.userDir ?? null, now: ctx.now() };
    return await inPackageWorker<PackagePullReply>(work, (code) => `合并报送包的后台线程意外退出（${code}），规划文件没有改动。`);
  } finally {
    ctx.busyWith = null;
    ctx.busyReason = null;
    if (ctx.db.open) ctx.db.pragma('query_only = OFF');
  }
}
