/** sync.run as the workbench runs it, for the tests of tests/sync: start the job, poll jobs.status until it ends. */
import { ok } from '../helpers/store.ts';
import type { Side } from '../exchange/helpers.ts';
import type { ApiError } from '../../contract/result.ts';
import type { SyncResult } from '../../contract/ops/sync.ts';

export interface JobOut {
  state: string;
  sync?: { result: SyncResult; changes: unknown } | null;
  error: ApiError | null;
}

export async function sync(side: Side, input: Record<string, unknown>): Promise<JobOut> {
  const { jobId } = ok<{ jobId: string }>(side.store, 'sync.run', input);
  for (;;) {
    const s = ok<JobOut>(side.store, 'jobs.status', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** the sync's result; a sync that did not end well fails the test with its error */
export async function synced(side: Side, input: Record<string, unknown>): Promise<SyncResult> {
  const s = await sync(side, input);
  if (s.state !== 'done' || !s.sync) throw new Error(`sync failed: ${JSON.stringify(s.error)}`);
  return s.sync.result;
}
