import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, decimalString, id, indicator } from '../entities.ts';
import { op, writeOp } from '../op.ts';
import { deletion, position } from './clusters.ts';

export const indicatorPatch = z
  .object({
    category: z.string().max(MAX_NAME).nullable().optional(),
    name: z.string().max(MAX_NAME).optional(),
    unit: z.string().max(50).nullable().optional(),
    /** 预期性 / 约束性, or "" / null to clear */
    attribute: z.string().max(20).nullable().optional(),
    baselineYear: z.union([z.number().int(), z.string().max(20)]).nullable().optional(),
    /** as typed: "22,655", "30左右" */
    baselineValue: z.string().max(100).nullable().optional(),
    targetYear: z.union([z.number().int(), z.string().max(20)]).nullable().optional(),
    targetValue: z.string().max(100).nullable().optional(),
    statedGrowthText: z.string().max(MAX_NAME).nullable().optional(),
    note: z.string().max(MAX_TEXT).nullable().optional(),
    source: z.string().max(MAX_TEXT).nullable().optional(),
  })
  .strict();
export type IndicatorPatch = z.infer<typeof indicatorPatch>;

export const impliedGrowth = z.object({
  /** rate: compound annual growth in %; points: percentage points a year; absolute: units a year */
  kind: z.enum(['rate', 'points', 'absolute']),
  value: decimalString,
  years: z.number().int(),
});
export type ImpliedGrowth = z.infer<typeof impliedGrowth>;

export const indicatorRow = indicator.extend({ impliedGrowth: impliedGrowth.nullable() });
export type IndicatorRow = z.infer<typeof indicatorRow>;

export const indicatorOps = {
  /** Adds an indicator at `position` (default: last) with every field of `patch` (name required), one undo step. */
  'indicators.create': writeOp(
    z.object({ planId: id, patch: indicatorPatch.extend({ name: z.string().max(MAX_NAME) }), position: position.optional() }).strict(),
    z.object({ id, position: z.number().int() }),
  ),
  /** What deleting the indicator would take with it (the UI's confirmation), writing nothing. */
  'indicators.deletion': op(z.object({ planId: id, indicatorId: id }).strict(), deletion),
  /** Moves an indicator to `position` in the plan's list, one undo step. */
  'indicators.move': writeOp(z.object({ planId: id, indicatorId: id, position }).strict(), z.object({ position: z.number().int() })),
  /**
   * Deletes an indicator with all its target values (plan, district, cluster; targets and actuals) and
   * their comments. Without `confirm: true` it refuses with CONFLICT naming what would go.
   */
  'indicators.delete': writeOp(z.object({ planId: id, indicatorId: id, confirm: z.boolean().optional() }).strict(), deletion),
  /** The plan's indicators with the growth their baseline and target imply. */
  'indicators.list': op(z.object({ planId: id }).strict(), z.array(indicatorRow)),
  /** Edits of one or more indicators: all checked first, saved as one undo step or none. */
  'indicators.update': writeOp(
    z
      .object({
        planId: id,
        updates: z.array(z.object({ indicatorId: id, patch: indicatorPatch, row: z.number().int().min(1).optional() }).strict()).min(1).max(5000),
      })
      .strict(),
    z.object({ changed: z.number().int() }),
  ),
};
