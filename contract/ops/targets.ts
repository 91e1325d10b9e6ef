import { z } from 'zod';
import { decimalString, id, quarter, targetKind, targetScope, targetValue } from '../entities.ts';
import { op, writeOp } from '../op.ts';

/** One cell of a target matrix as typed or pasted; `row`/`field` say where it sits in a pasted block. */
export const targetCellInput = z
  .object({
    indicatorId: id,
    scope: targetScope,
    scopeId: id.nullable(),
    year: z.number().int(),
    period: quarter.optional(),
    kind: targetKind,
    /** as typed by the user: "3,000", "30左右"; null or "" clears the value */
    value: z.string().max(100).nullable(),
    row: z.number().int().min(1).optional(),
    field: z.string().max(100).optional(),
  })
  .strict();
export type TargetCellInput = z.infer<typeof targetCellInput>;

const cellValues = z.array(decimalString.nullable());

export const matrixRow = z.object({
  scopeId: id,
  name: z.string(),
  /** target values, aligned with `years` */
  target: cellValues,
  targetText: z.array(z.string().nullable()),
  /** actual values, aligned with `years` */
  actual: cellValues,
  actualText: z.array(z.string().nullable()),
  /** implied compound annual growth (percent, 2 decimals) of the chosen kind between its first and last value */
  cagr: decimalString.nullable(),
  cagrFrom: z.number().int().nullable(),
  cagrTo: z.number().int().nullable(),
  /** share of the stated total (percent, 2 decimals), aligned with `years`, of the chosen kind */
  share: cellValues,
});

export const matrixTotals = z.object({
  /** sum of the rows per year (null where no row has a value) */
  sum: cellValues,
  /** the plan's stated total per year (plan-scope value of the same kind) */
  stated: cellValues,
  statedText: z.array(z.string().nullable()),
  /** sum − stated, where both exist */
  difference: cellValues,
  cagr: decimalString.nullable(),
});

export const targetMatrix = z.object({
  indicator: z.object({
    id,
    planId: id,
    name: z.string(),
    unit: z.string().nullable(),
    baselineYear: z.number().int().nullable(),
    targetYear: z.number().int().nullable(),
  }),
  scope: z.enum(['district', 'cluster']),
  kind: targetKind,
  years: z.array(z.number().int()),
  rows: z.array(matrixRow),
  totals: matrixTotals,
});
export type TargetMatrix = z.infer<typeof targetMatrix>;

export const targetOps = {
  /**
   * One cell, as typed: the cell fields of a paste without the row/field that place it in a block.
   * Answers the stored value as `target`, or null when the cell is empty and stays empty; a value
   * that changes nothing records no undo step (and answers no changes).
   */
  'targets.set': writeOp(
    targetCellInput.omit({ row: true, field: true }).strict(),
    z.object({ target: targetValue.nullable() }),
  ),
  /** A districts × years (or clusters × years) matrix of one indicator, with growth and totals vs the stated total. */
  'targets.matrix': op(
    z.object({ indicatorId: id, scope: z.enum(['district', 'cluster']), kind: targetKind.optional() }).strict(),
    targetMatrix,
  ),
  /** Several cells at once (a paste, a cleared block): every cell is checked first; all are saved as one undo step or none. */
  'targets.setMany': writeOp(
    z.object({ planId: id, cells: z.array(targetCellInput).min(1).max(20_000), label: z.string().max(200).optional() }).strict(),
    z.object({ changed: z.number().int(), values: z.array(targetValue) }),
  ),
};
