import { z } from 'zod';

/** One operation of the contract: its input schema (checked at runtime) and its output schema. */
export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Operation<I, O> => ({ input, output });

/** What an operation that runs as a job answers at once; `jobs.status` (ops/jobs.ts) reports the rest. */
export const jobStarted = z.object({ jobId: z.string() });
