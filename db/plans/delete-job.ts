/**
 * plans.deleteStart: deleting a plan as a job, for plans too large to delete inside one request.
 *
 * Why a worker thread with a connection of its own, and not batches that yield: the delete must stay ONE
 * transaction (all-or-nothing, one undo step), and better-sqlite3 runs a transaction synchronously on its
 * connection. Batches across yields on the store's connection would leave that transaction open while
 * other calls run on the same connection — their reads would see a half-deleted plan and their writes would
 * join (and roll back with) the delete. So the whole deletePlan (delete.ts: every record recorded for undo,
 * then the one DELETE and its cascade) runs unchanged in a worker (delete.worker.ts) on its own connection:
 * one transaction there, committed or rolled back whole — a crash or a kill mid-way leaves the file as it
 * was (SQLite's journal), never half-deleted. Meanwhile the host's thread is free: reads are answered from
 * the file as it was before the delete (WAL: readers keep their snapshot while one writer works), and writes
 * are refused with BUSY (ctx.busyWith, the restore's guard; the store's connection is query_only) because
 * the worker holds SQLite's one write lock — a write waiting for it would hold the host's thread for
 * busy_timeout. A store without a WAL file (in memory) deletes in the job at once.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import { startJob } from '../jobs/jobs.ts';
import { startWorker, workerAnswer } from '../workers.ts';
import { deletePlan, type PlanDeleted } from './delete.ts';
import { getPlanRow } from './read.ts';
import type { DeleteWork, DeleteReply, PlanUndeleted, PlanWorkerAction } from './delete.worker.ts';
import { historyStatus, undo } from '../history/handlers.ts';

/** the refusal's reason while a delete runs (renderer catalogue err.busy.delete) */
const BUSY_DELETE = { reason: 'busy.delete' } as const;

export function startDeletePlanJob(ctx: StoreContext, planId: string): { jobId: string } {
  const plan = getPlanRow(ctx, planId);
  return startPlanWorkerJob(ctx, planId, 'delete', plan.title);
}

/**
 * plans.undeleteStart: the undo of a plan's deletion as a job, in the same worker: putting 100,000 tasks
 * back is as long as taking them out (about 20 s on a loaded machine), and history.undo inside a request
 * would hold the host for all of it. The plan is gone, so its title comes from the undo's label.
 */
export function startUndeletePlanJob(ctx: StoreContext, planId: string): { jobId: string } {
  if (ctx.db.prepare<[string], { id: string }>('SELECT id FROM plans WHERE id = ?').get(planId))
    throw new PlanDeskError('CONFLICT', '这个规划没有被删除，无需撤销删除。', [], { reason: 'plan.notDeleted' });
  const top = historyStatus(ctx, planId);
  if (!top.undoLabel) throw new PlanDeskError('CONFLICT', '这个规划没有可以撤销的删除。', [], { reason: 'plan.nothingToUndelete' });
  return startPlanWorkerJob(ctx, planId, 'undelete', top.undoLabel);
}

function startPlanWorkerJob(ctx: StoreContext, planId: string, action: PlanWorkerAction, title: string): { jobId: string } {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能修改。');
  if (ctx.busyWith) throw new PlanDeskError('BUSY', ctx.busyWith, [], { reason: ctx.busyReason ?? 'busy.restore' });
  const walFile = ctx.file !== ':memory:' && ctx.file !== '' && String(ctx.db.pragma('journal_mode', { simple: true })) === 'wal';
  ctx.busyWith = action === 'delete' ? `正在删除规划“${title}”，删除完成前不能修改，请稍候再试。` : `正在撤销删除（${title}），完成前不能修改，请稍候再试。`;
  ctx.busyReason = BUSY_DELETE.reason;
  if (walFile) ctx.db.pragma('query_only = ON');
  const release = () => {
    ctx.busyWith = null;
    ctx.busyReason = null;
    if (ctx.db.open) ctx.db.pragma('query_only = OFF');
  };
  const inProcess = (): PlanDeleted | PlanUndeleted => {
    if (action === 'delete') return deletePlan(ctx, planId);
    const r = undo(ctx, planId);
    return { planId, undone: r.undone, changes: r.changes };
  };
  try {
    return startJob(ctx, action, async () => {
      try {
        if (!walFile) {
          release();
          return inProcess();
        }
        const work: DeleteWork = { action, file: ctx.file, planId, nativeBinding: ctx.nativeBinding ?? null, userDir: ctx.userDir ?? null, now: ctx.now() };
        const reply = await workerAnswer<DeleteReply>(startWorker(new URL('./delete.worker.ts', import.meta.url), { workerData: work }), {
          error: (err) => err,
          exit: (code) => new PlanDeskError('INTERNAL', `${action === 'delete' ? '删除' : '撤销删除'}规划的后台线程意外退出（${code}），规划文件没有改动。`),
        });
        if (!reply.ok) {
          const { code, message, issues, reason, params } = reply.error;
          throw new PlanDeskError(code, message, issues, reason ? { reason, ...(params ? { params } : {}) } : undefined);
        }
        return reply.value satisfies PlanDeleted | PlanUndeleted;
      } finally {
        release();
      }
    });
  } catch (err) {
    release();
    throw err;
  }
}
