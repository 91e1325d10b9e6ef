import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, id } from '../entities.ts';
import { op, writeOp } from '../op.ts';

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


/** Where a new or moved row goes: its 0-based position in the plan's list (beyond the end: last). */
export const position = z.number().int().min(0).max(1_000_000);

/** What deleting a row takes with it (the refusal without `confirm` lists it; the confirmed delete answers it). */
export const deletion = z.object({
  name: z.string(),
  targetValues: z.number().int(),
  comments: z.number().int(),
});
export type Deletion = z.infer<typeof deletion>;

export const clusterAuthoringOps = {
  /** What deleting the cluster would take with it (the UI's confirmation), writing nothing. */
  'clusters.deletion': op(z.object({ planId: id, clusterId: id }).strict(), deletion),
  /** Adds a cluster at `position` (default: last), one undo step. */
  'clusters.create': writeOp(
    z
      .object({
        planId: id,
        name: z.string().max(MAX_NAME),
        note: z.string().max(MAX_TEXT).nullable().optional(),
        source: z.string().max(MAX_TEXT).nullable().optional(),
        position: position.optional(),
      })
      .strict(),
    z.object({ id, position: z.number().int() }),
  ),
  /** Moves a cluster to `position` in the plan's list (the others close up), one undo step. */
  'clusters.move': writeOp(z.object({ planId: id, clusterId: id, position }).strict(), z.object({ position: z.number().int() })),
  /**
   * Deletes a cluster with its target values and their comments. Without `confirm: true` it writes
   * nothing and refuses with CONFLICT, naming what would go (message and issues).
   */
  'clusters.delete': writeOp(z.object({ planId: id, clusterId: id, confirm: z.boolean().optional() }).strict(), deletion),
};

export const clusterOps = {
  ...clusterAuthoringOps,
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
