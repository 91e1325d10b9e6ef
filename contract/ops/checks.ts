/** Targets that add up: the consistency checks of one plan or all plans (checks.*), and their settings. */
import { z } from 'zod';
import { decimalString, id } from '../entities.ts';
import { op } from '../op.ts';

export const findingKind = z.enum(['sum', 'growth', 'cross_plan', 'deadline', 'lead', 'priority']);
export const findingSeverity = z.enum(['error', 'warning', 'info']);

/**
 * What a finding's words are made of, so a client can say them in its own language: a `code` naming
 * the template (the renderer's catalogue: fd.<code>.title / .message, fd.cell.<code>, fd.label.<code>,
 * fd.unit.<code>) and the values put into it — plan content (names, the document's wording) as
 * written, numbers already formatted. The Chinese `title`/`message`/`label` stay for the CLI and exports.
 */
export const findingParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type FindingParams = z.infer<typeof findingParams>;

/** A cell a finding is about: `focus` is the route focus string (see renderer/src/router.ts). */
export const findingCell = z.object({
  planId: id,
  area: z.enum(['target', 'indicator', 'task', 'district']),
  focus: z.string(),
  label: z.string(),
  value: decimalString.nullable(),
  /** the document's wording where it says more than the number ("超过1.28万家") */
  text: z.string().nullable(),
  /** the label's template (fd.cell.<code>) and values */
  labelCode: z.string(),
  labelParams: findingParams,
});

/** One number of a finding's comparison, rounded for display (rates to 2 decimals). */
export const findingNumber = z.object({
  label: z.string(),
  value: z.string(),
  unit: z.string().nullable(),
  /** fd.label.<code>, or null where the label is plan content (a plan's 文号) */
  labelCode: z.string().nullable(),
  /** fd.unit.<code> (filled from the finding's params), or null where the unit is the indicator's own */
  unitCode: z.string().nullable(),
});

export const finding = z.object({
  /** stable across runs: kind and the records involved */
  id: z.string(),
  kind: findingKind,
  severity: findingSeverity,
  planId: id,
  title: z.string(),
  message: z.string(),
  /** the title's and message's template (fd.<code>.title, fd.<code>.message) and their values */
  code: z.string(),
  params: findingParams,
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
