/**
 * Comments (批注) on a target cell or a task, kept with the plan: who wrote them (the identity,
 * ops/identity.ts), when, and the text. Add, edit and delete are audited and undoable like any edit
 * (entity 'comment'); the workbook export writes them as the cells' comments.
 */
import { z } from 'zod';
import { MAX_TEXT, id, quarter, targetKind, targetScope } from '../entities.ts';
import { op, writeOp } from '../op.ts';

/** A target cell's address: the same fields targets.set takes (scopeId null for the plan's own value). */
export const commentCell = z
  .object({
    indicatorId: id,
    scope: targetScope,
    scopeId: id.nullable(),
    year: z.number().int(),
    period: quarter.default(''),
    kind: targetKind,
  })
  .strict();

export const commentTarget = z.discriminatedUnion('target', [
  z.object({ target: z.literal('task'), taskId: id }).strict(),
  z.object({ target: z.literal('cell'), cell: commentCell }).strict(),
]);

export const comment = z.object({
  id,
  planId: id,
  target: z.enum(['cell', 'task']),
  taskId: id.nullable(),
  cell: z
    .object({ indicatorId: id, scope: targetScope, scopeId: z.string().nullable(), year: z.number().int(), period: quarter, kind: targetKind })
    .nullable(),
  body: z.string(),
  author: z.string(),
  authorDepartment: z.string().nullable(),
  authorDistrict: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const body = z.string().max(MAX_TEXT);

export const commentOps = {
  /** A plan's comments (of existing tasks and indicators), oldest first; narrowed to a task, an indicator's cells or one cell. */
  'comments.list': op(
    z
      .object({
        planId: id,
        taskId: id.optional(),
        indicatorId: id.optional(),
        target: z.enum(['cell', 'task']).optional(),
      })
      .strict(),
    z.array(comment),
  ),
  'comments.add': writeOp(z.object({ planId: id, on: commentTarget, body }).strict(), z.object({ comment })),
  'comments.update': writeOp(z.object({ id, body }).strict(), z.object({ comment })),
  'comments.delete': writeOp(z.object({ id }).strict(), z.object({ deleted: id })),
};
