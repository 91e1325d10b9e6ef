/**
 * Long exports and imports run off the request path: an operation starts a job and answers at
 * once with its id; `jobs.status` reports progress and, at the end, the result. The work itself is
 * asynchronous and yields to the event loop every few milliseconds (Slicer), so the host keeps
 * answering meanwhile. An export reads from a read snapshot of its own (startExportJob, see
 * openReadSnapshot in db/context.ts), so edits made while it runs succeed and do not show in it.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openReadSnapshot, type StoreContext } from '../context.ts';
import { PlanDeskError, notFound } from '../errors.ts';
import { busyRefusal, toApiError } from '../api-error.ts';
import type { ApiError } from '../../contract/result.ts';

export type JobKind = 'export' | 'preview' | 'apply' | 'backup' | 'restore' | 'draft' | 'delete' | 'undelete' | 'package' | 'packagePlan' | 'sync';

export interface JobState<R> {
  jobId: string;
  kind: JobKind;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  result: R | null;
  error: ApiError | null;
  finishedAt: number | null;
}

export type Progress = (done: number, total: number) => void;

/** How long long work may hold the event loop before it lets other calls in. */
export const SLICE_MS = 15;

/**
 * Cuts long synchronous work into slices of about SLICE_MS: in a hot loop, `if (slice.due) await
 * slice.pause()`. Time-based rather than every N rows, because rows differ a lot in cost (a
 * 5,000-character description against an empty row) and machines differ more.
 */
export class Slicer {
  private started = performance.now();
  constructor(private readonly budgetMs = SLICE_MS) {}

  get due(): boolean {
    return performance.now() - this.started >= this.budgetMs;
  }

  /** Lets timers, I/O and other calls run (setImmediate: after pending I/O), then starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
    this.started = performance.now();
  }

  async tick(): Promise<void> {
    if (this.due) await this.pause();
  }
}

const MAX_RUNNING = 4;
const KEEP_FINISHED_MS = 10 * 60 * 1000;
const jobs = new WeakMap<StoreContext, Map<string, JobState<unknown>>>();

function jobsOf(ctx: StoreContext): Map<string, JobState<unknown>> {
  let m = jobs.get(ctx);
  if (!m) jobs.set(ctx, (m = new Map()));
  return m;
}

export function startJob<R>(ctx: StoreContext, kind: JobKind, work: (progress: Progress) => Promise<R>): { jobId: string } {
  const all = jobsOf(ctx);
  const now = Date.now();
  for (const [id, j] of all) if (j.finishedAt !== null && now - j.finishedAt > KEEP_FINISHED_MS) all.delete(id);
  if ([...all.values()].filter((j) => j.state === 'running').length >= MAX_RUNNING)
    throw new PlanDeskError('BUSY', '已有多项导入导出正在进行，请稍候再试。');
  const job: JobState<R> = { jobId: randomUUID(), kind, state: 'running', done: 0, total: 0, result: null, error: null, finishedAt: null };
  all.set(job.jobId, job);
  // Start on the next turn of the event loop, after the starting request has been answered.
  setImmediate(() => {
    work((done, total) => {
      job.done = done;
      job.total = total;
    })
      .then((result) => {
        job.result = result;
        job.state = 'done';
      })
      .catch((err: unknown) => {
        job.error = toApiError(busyRefusal(ctx, err));
        job.state = 'failed';
      })
      .finally(() => {
        job.finishedAt = Date.now();
      });
  });
  return { jobId: job.jobId };
}

/**
 * An export job: the read snapshot is opened now, while the starting call runs, so the file shows
 * the plan exactly as it was when the user asked for it, whatever is edited meanwhile; it is closed
 * when the job ends, however it ends.
 */
export function startExportJob<R>(ctx: StoreContext, work: (snap: StoreContext, progress: Progress) => Promise<R>): { jobId: string } {
  const snap = openReadSnapshot(ctx);
  try {
    return startJob(ctx, 'export', (progress) => work(snap.ctx, progress).finally(() => snap.close()));
  } catch (err) {
    snap.close();
    throw err;
  }
}

/** The job's state; a finished job is forgotten once its result has been collected. */
export function jobStatus(ctx: StoreContext, jobId: string): JobState<unknown> {
  const all = jobsOf(ctx);
  const job = all.get(jobId);
  if (!job) throw notFound('任务进度（可能已取回或已过期）', jobId);
  if (job.state !== 'running') all.delete(jobId);
  return job;
}
