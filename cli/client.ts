/**
 * The CLI as a client of the contract, like the renderer (renderer/src/api/client.ts): every command
 * calls operations by name through the store's `call`, and gets the contract's outputs, typed. A
 * refusal becomes a `Refused` error carrying the ApiError (printed by cli/command.ts); long work is a
 * job, polled through jobs.status as renderer/src/features/transfer/jobs.ts does.
 */
import type { OperationInput, OperationName, OperationOutput } from '../contract/operations.ts';
import type { ApiError, ApiResult } from '../contract/result.ts';
import type { ExportedFile } from '../contract/ops/export.ts';
import type { JobStatusOut } from '../contract/ops/jobs.ts';

/** What the CLI needs of an open store: the one entry point every host uses. */
export interface Caller {
  call(name: string, input: unknown): ApiResult<unknown>;
}

export class Refused extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export const refused = (code: string, message: string): Refused => new Refused({ code, message, issues: [] });

/**
 * One operation, its output typed by the contract. The store's dispatch parsed the input and the
 * handler's result is what its output schema describes (the handlers' types are checked against it
 * at compile time), so the value is returned as it is, without parsing it a second time.
 */
export function call<N extends OperationName>(store: Caller, name: N, input: OperationInput<N>): OperationOutput<N> {
  const r = store.call(name, input);
  if (!r.ok) throw new Refused(r.error);
  return r.value as OperationOutput<N>;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a job until it ends; a failed job is refused with its own error. */
export async function finishJob(store: Caller, jobId: string, what: string): Promise<JobStatusOut> {
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    const s = call(store, 'jobs.status', { jobId });
    if (s.state === 'failed') throw new Refused(s.error ?? { code: 'INTERNAL', message: `${what}失败`, issues: [] });
    if (s.state === 'done') return s;
    await wait(delay);
  }
}

/** An export job's file, as the workbench gets it. */
export async function exportedFile(store: Caller, jobId: string, what: string): Promise<ExportedFile> {
  const s = await finishJob(store, jobId, what);
  if (!s.file) throw refused('INTERNAL', `${what}失败（任务没有给出文件）`);
  return s.file;
}
