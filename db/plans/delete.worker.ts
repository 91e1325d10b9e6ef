/**
 * plans.deleteStart's worker (delete-job.ts): deletePlan on a connection of its own, in one transaction,
 * and its answer (the deleted counts and the change set) posted back once; for plans.undeleteStart, the
 * undo of that deletion (history.undo of the plan), which puts 100,000 tasks back in one transaction too. Bundled on its own
 * (scripts/bundle-options.mjs workerEntries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { withWorkerStore, type WorkerFailure, type WorkerStoreWork } from '../worker-store.ts';
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

export interface DeleteWork extends WorkerStoreWork {
  action: PlanWorkerAction;
  planId: string;
}

export type DeleteReply = { ok: true; value: PlanDeleted | PlanUndeleted } | WorkerFailure;

function run(work: DeleteWork): DeleteReply {
  return withWorkerStore<PlanDeleted | PlanUndeleted>(work, (ctx) => {
    if (work.action !== 'undelete') return deletePlan(ctx, work.planId);
    const r = undo(ctx, work.planId);
    return { planId: work.planId, undone: r.undone, changes: r.changes };
  });
}

if (parentPort) parentPort.postMessage(run(workerData as DeleteWork));
