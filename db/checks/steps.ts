/**
 * The checks read and walk every task of a plan (about 1.8 s on a 100,000-task plan, `npm run bench
 * -- transfer`). Their long loops are written once, as generators that `yield` every STEP_ROWS rows;
 * `runSteps` drives one to its end at once (checks.run, a short synchronous call), `runStepsSliced`
 * lets the event loop in between slices of about 15 ms (jobs.ts Slicer), for the workbook export's
 * 一致性检查 sheet, which must not hold the host's thread. The sliced run keeps a statement iterator
 * open across pauses, so it reads a read snapshot only (db/context.ts), never the store's connection.
 */
import { isReadSnapshot, type StoreContext } from '../context.ts';
import type { Slicer } from '../jobs/jobs.ts';

export type Steps<T> = Generator<void, T, void>;

/** Rows between two chances to pause. */
export const STEP_ROWS = 500;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function runStepsSliced<T>(ctx: StoreContext, steps: Steps<T>, slice: Slicer): Promise<T> {
  if (!isReadSnapshot(ctx)) throw new Error('sliced checks need a read snapshot (openReadSnapshot)');
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (slice.due) await slice.pause();
  }
}
