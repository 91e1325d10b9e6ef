/** Annual breakdowns of a target and top-down / bottom-up changes of a year (breakdown.*): preview, then apply. */
import { z } from 'zod';
import { decimalString, id, targetKind } from '../entities.ts';
import { op, writeOp } from '../op.ts';

/** which row of a target a breakdown or completion row is: the plan total, a district or a cluster */
export const rowScope = z.enum(['plan', 'district', 'cluster']);

export const breakdownRequest = z.discriminatedUnion('method', [
  /** Fill the years between a baseline and a target of one row (plan total, a district or a cluster). */
  z
    .object({
      method: z.literal('fill'),
      indicatorId: id,
      scope: rowScope,
      scopeId: id.nullable(),
      fill: z.enum(['growth', 'steps']),
      baselineYear: z.number().int(),
      baselineValue: z.string().max(100),
      targetYear: z.number().int(),
      targetValue: z.string().max(100),
      /** keep values already in the years between (typed by hand) */
      keepExisting: z.boolean(),
      decimals: z.number().int().min(0).max(6),
    })
    .strict(),
  /** Top-down: set the total of a year and spread the change over the parts in proportion, some held fixed. */
  z
    .object({
      method: z.literal('spread'),
      indicatorId: id,
      over: z.enum(['district', 'cluster']),
      year: z.number().int(),
      kind: targetKind,
      total: z.string().max(100),
      held: z.array(id).max(500),
      decimals: z.number().int().min(0).max(6),
      /** a part with no value: stays blank (keep, the default) or takes the average share (share) */
      blanks: z.enum(['keep', 'share']).optional(),
    })
    .strict(),
  /** Bottom-up: set the total of a year to the sum of its parts. */
  z
    .object({
      method: z.literal('rollup'),
      indicatorId: id,
      from: z.enum(['district', 'cluster']),
      year: z.number().int(),
      kind: targetKind,
    })
    .strict(),
]);
export type BreakdownRequest = z.infer<typeof breakdownRequest>;

export const breakdownRow = z.object({
  scope: rowScope,
  scopeId: z.string().nullable(),
  name: z.string(),
  year: z.number().int(),
  current: decimalString.nullable(),
  currentText: z.string().nullable(),
  next: decimalString.nullable(),
  change: decimalString.nullable(),
  changed: z.boolean(),
  held: z.boolean(),
  /** growth from the previous row's value (fill) or share of the total (spread), percent, 2 decimals */
  growthPercent: decimalString.nullable(),
  sharePercent: decimalString.nullable(),
});

export const breakdownPreview = z.object({
  label: z.string(),
  indicatorName: z.string(),
  unit: z.string().nullable(),
  rows: z.array(breakdownRow),
  /** compound annual growth implied by the whole path (fill), percent, 2 decimals */
  impliedCagrPercent: decimalString.nullable(),
  /** fingerprint of the values the preview was computed from; apply refuses if they changed since */
  basis: z.string(),
  changedCount: z.number().int(),
  notes: z.array(z.string()),
});
export type BreakdownPreview = z.infer<typeof breakdownPreview>;

export const breakdownOps = {
  'breakdown.preview': op(breakdownRequest, breakdownPreview),
  'breakdown.apply': writeOp(
    z.object({ request: breakdownRequest, basis: z.string().max(200).optional() }).strict(),
    breakdownPreview.extend({ changeSetId: z.number().int().nullable() }),
  ),
};
