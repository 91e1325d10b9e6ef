import { z } from 'zod';
import { changes } from './changes.ts';

/** One operation of the contract: its input schema (checked at runtime) and its output schema. */
export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** a write: its output carries `changes` (contract/changes.ts), checked against the schema at the boundary (db/dispatch.ts) */
  write?: true;
}

export const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Operation<I, O> => ({ input, output });

/** What an operation that runs as a job answers at once; `jobs.status` (ops/jobs.ts) reports the rest. */
export const jobStarted = z.object({ jobId: z.string() });
/** The plan's undo and redo after a write: what the toolbar's undo and redo buttons show (history.status answers the same). */
export const undoState = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});
export type UndoState = z.infer<typeof undoState>;

/**
 * A write operation: its output is `output` plus the change set it made, which the renderer publishes to
 * the views, and `history`, the undo/redo state of the plan the change set names after it (added by the
 * core's boundary, db/dispatch.ts, so no handler computes it): an edit costs one request, not a second
 * history.status for the toolbar.
 */
export const writeOp = <I extends z.ZodType, S extends z.ZodRawShape>(input: I, output: z.ZodObject<S>) => ({
  input,
  output: output.extend({ changes, history: undoState.optional() }),
  write: true as const,
});
