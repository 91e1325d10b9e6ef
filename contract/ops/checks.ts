/** Targets that add up: the consistency checks of one plan or all plans (checks.*), and their settings. */
import { z } from 'zod';
import { decimalString, id } from '../entities.ts';
import { op } from '../op.ts';

export const findingKind = z.enum(['sum', 'growth', 'cross_plan', 'deadline', 'lead', 'priority']);
export const findingSeverity = z.enum(['error', 'warning', 'info']);

/** A cell a finding is about: `focus` is the route focus string (see renderer/src/router.ts). */
export const findingCell = z.object({
  planId: id,
  area: z.enum(['target', 'indicator', 'task', 'district']),
  focus: z.string(),
  label: z.string(),
  value: decimalString.nullable(),
  /** the document's wording where it says more than the number ("超过1.28万家") */
  text: z.string().nullable(),
});

/** One number of a finding's comparison, rounded for display (rates to 2 decimals). */
export const findingNumber = z.object({ label: z.string(), value: z.string(), unit: z.string().nullable() });

export const finding = z.object({
  /** stable across runs: kind and the records involved */
  id: z.string(),
  kind: findingKind,
  severity: findingSeverity,
  planId: id,
  title: z.string(),
  message: z.string(),
  cells: z.array(findingCell),
  /** the numbers that disagree, e.g. 区县合计 14100 / 规划总量 14000 */
  numbers: z.array(findingNumber),
  /** by how much (first number − second), null where not numeric */
  difference: findingNumber.nullable(),
});
export type Finding = z.infer<typeof finding>;
export type FindingCell = z.infer<typeof findingCell>;

export const checkSettings = z.object({
  /** how far stated annual growth may be from the implied growth, in percentage points */
  growthTolerancePoints: decimalString,
});

export const checkOps = {
  'checks.run': op(
    z.object({ planId: id.optional() }).strict(),
    z.object({ findings: z.array(finding), settings: checkSettings, planCount: z.number().int() }),
  ),
  'checks.settings.get': op(z.object({}).strict(), checkSettings),
  'checks.settings.set': op(z.object({ growthTolerancePoints: z.string().max(20) }).strict(), checkSettings),
};
