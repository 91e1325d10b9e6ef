/** 立即备份 and restore run as jobs: these start one through the dispatcher and poll jobs.status, as the workbench does. */
import type { PlanStore } from '../../db/store.ts';
import type { ApiError } from '../../contract/result.ts';
import type { JobStatusOut } from '../../contract/ops/jobs.ts';
import type { BackupInfoOut, RestoreDoneOut } from '../../contract/ops/backups.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The job's end: refused at the start, failed, or done with its status. */
export async function jobOutcome(s: PlanStore, name: 'backups.create' | 'backups.restore', input: object): Promise<Outcome<JobStatusOut>> {
  const started = s.call(name, input);
  if (!started.ok) return started;
  const { jobId } = started.value as { jobId: string };
  for (;;) {
    const r = s.call('jobs.status', { jobId });
    if (!r.ok) return r;
    const status = r.value as JobStatusOut;
    if (status.state === 'failed') return { ok: false, error: status.error ?? { code: 'INTERNAL', message: 'failed', issues: [] } };
    if (status.state === 'done') return { ok: true, value: status };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function tryBackup(s: PlanStore): Promise<Outcome<BackupInfoOut>> {
  const r = await jobOutcome(s, 'backups.create', {});
  return r.ok ? { ok: true, value: r.value.backup! } : r;
}

export async function tryRestore(s: PlanStore, name: string): Promise<Outcome<RestoreDoneOut>> {
  const r = await jobOutcome(s, 'backups.restore', { name });
  return r.ok ? { ok: true, value: r.value.restore! } : r;
}

const must = <T>(r: Outcome<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

/** 立即备份 (backups.create), to its end. */
export const backupNow = async (s: PlanStore) => must(await tryBackup(s));
/** backups.restore, to its end. */
export const restoreNow = async (s: PlanStore, name: string) => must(await tryRestore(s, name));
