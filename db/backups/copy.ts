/**
 * The long, file-sized steps of 立即备份 and of a restore, run in a worker thread (copy.worker.ts)
 * so the host keeps answering meanwhile (about 3.6 s and 1.4 s on a 100,000-task plan held the
 * host's event loop when they ran on it; `npm run bench -- backup`). Each opens connections of its
 * own and never touches the host's: a backup reads the plan file through a read-only connection
 * (WAL lets the host commit edits meanwhile; the copy is the plan as it was when VACUUM INTO began),
 * a restore prepares the `.restoring` copy beside the plan file (restore.ts prepareRestore). The
 * swap that follows a restore stays a short synchronous step on the host (restore-job.ts).
 * Where no worker can run (no driver the thread can load), the same steps run on the host's thread,
 * as before.
 */
import Database from 'better-sqlite3';
import { PlanDeskError, type ErrorCode, type ErrorIssue } from '../errors.ts';
import { onDisk, startWorker, workerAnswer } from '../workers.ts';
import { fsyncFile } from './durable.ts';
import { prepareRestore } from './restore.ts';
import { verifyOwnCopy } from './verify.ts';

export type CopyJob =
  | { kind: 'backup'; planFile: string; partial: string; nativeBinding?: string | undefined }
  | { kind: 'restore'; planFile: string; backupFile: string; nativeBinding?: string | undefined };

export function damagedLive(planFile: string): PlanDeskError {
  return new PlanDeskError(
    'DAMAGED_FILE',
    `规划文件“${planFile}”没有通过完整性检查（文件已损坏），这次没有备份：损坏的内容不会被当作完好的备份保存。已有的备份都保留着，请从备份恢复。`,
    [],
    { reason: 'backup.damagedLive', params: { file: planFile } },
  );
}

/**
 * A verified, synced copy of the plan file under `partial`. VACUUM INTO reads inside one transaction
 * (a consistent copy) but rebuilds every index, which would hide a damaged one: the live file is
 * checked first (integrity_check), on the same connection.
 */
function backupCopy(planFile: string, partial: string, nativeBinding: string | undefined): void {
  const db = new Database(planFile, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') throw damagedLive(planFile);
    db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    db.close();
  }
  verifyOwnCopy(partial, nativeBinding);
  fsyncFile(partial);
}

/** Runs the job on this thread (the worker's body, and the fallback where no worker can run). */
export function runCopyJob(job: CopyJob): void {
  if (job.kind === 'backup') backupCopy(job.planFile, job.partial, job.nativeBinding);
  else prepareRestore(job.planFile, job.backupFile, { nativeBinding: job.nativeBinding });
}

/** What the worker answers: nothing, or the error as data (a PlanDeskError keeps its code, message and issues). */
export type CopyReply =
  | { ok: true }
  | { ok: false; planDesk: true; code: ErrorCode; message: string; issues: ErrorIssue[] }
  | { ok: false; planDesk: false; code: string; message: string; issues: ErrorIssue[] };

export function replyOf(err: unknown): CopyReply {
  if (err instanceof PlanDeskError) return { ok: false, planDesk: true, code: err.code, message: err.message, issues: err.issues };
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return { ok: false, planDesk: false, code, message: err instanceof Error ? err.message : String(err), issues: [] };
}

class Unavailable extends Error {}

/** Runs the job in a worker thread; the host's event loop stays free. Throws what the job threw. */
export async function runCopyJobOffThread(job: CopyJob): Promise<void> {
  let reply: CopyReply;
  try {
    const worker = startWorker(new URL('./copy.worker.ts', import.meta.url), {
      workerData: { ...job, nativeBinding: job.nativeBinding ? onDisk(job.nativeBinding) : undefined },
    });
    reply = await workerAnswer<CopyReply>(worker, {
      error: (err) => new Unavailable(err.message),
      exit: (code) => new Unavailable(`备份进程意外退出（${code}）`),
    });
  } catch (err) {
    if (!(err instanceof Unavailable)) throw err;
    runCopyJob(job); // the worker could not run it: do it here, as before
    return;
  }
  if (reply.ok) return;
  if (reply.planDesk) throw new PlanDeskError(reply.code, reply.message, reply.issues);
  throw Object.assign(new Error(reply.message), { code: reply.code });
}
