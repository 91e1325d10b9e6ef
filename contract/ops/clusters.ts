import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, id } from '../entities.ts';
import { writeOp } from '../op.ts';

export const clusterPatch = z
  .object({
    name: z.string().max(MAX_NAME).optional(),
    note: z.string().max(MAX_TEXT).nullable().optional(),
    source: z.string().max(MAX_TEXT).nullable().optional(),
    /** the cluster's target value of `indicatorId` in `year`, as typed ("4,000"); null or "" clears */
    targetValue: z.string().max(100).nullable().optional(),
  })
  .strict();
export type ClusterPatch = z.infer<typeof clusterPatch>;

export const clusterOps = {
  /** Edits of one or more clusters (a cell, a pasted block): all checked first, saved as one undo step or none. */
  'clusters.update': writeOp(
    z
      .object({
        planId: id,
        /** the indicator and year `targetValue` refers to */
        indicatorId: id.optional(),
        year: z.number().int().optional(),
        updates: z.array(z.object({ clusterId: id, patch: clusterPatch, row: z.number().int().min(1).optional() }).strict()).min(1).max(5000),
      })
      .strict(),
    z.object({ changed: z.number().int() }),
  ),
};
