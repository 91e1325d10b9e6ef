/**
 * Targets that add up: consistency checks (checks.*), annual breakdowns and top-down / bottom-up
 * changes (breakdown.*), actuals against targets and the districts' ranking (completion.*).
 * Actual values themselves are written with targets.set (kind 'actual', period '' or Q1…Q4).
 */
import { z } from 'zod';
import { decimalString, id, quarter, targetKind } from '../entities.ts';
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

const rowScope = z.enum(['plan', 'district', 'cluster']);

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
  'breakdown.apply': op(
    z.object({ request: breakdownRequest, basis: z.string().max(200).optional() }).strict(),
    breakdownPreview.extend({ changeSetId: z.number().int().nullable() }),
  ),
};

export const completionStatus = z.enum(['达标', '预警', '滞后', '无数据']);

export const completionSettings = z.object({
  /** completion (percent) at or above which a row is 达标 */
  okPercent: decimalString,
  /** completion (percent) at or above which a row is 预警 rather than 滞后 */
  warnPercent: decimalString,
});

export const completionCell = z.object({
  year: z.number().int(),
  target: decimalString.nullable(),
  targetText: z.string().nullable(),
  /** where the year has no target: the value on the path from baseline to final target */
  pathTarget: decimalString.nullable(),
  actual: decimalString.nullable(),
  actualText: z.string().nullable(),
  /** which actual was used: '' the annual value, or the latest quarter (year to date) */
  actualPeriod: quarter,
  quarters: z.array(z.object({ period: quarter, value: decimalString.nullable(), text: z.string().nullable() })),
  /** actual against the year's target (or the path value), percent, 2 decimals */
  yearPercent: decimalString.nullable(),
  /** against the part of the target due by then (序时进度): year-to-date money values of Qn count n/4 of the year; else yearPercent */
  pacePercent: decimalString.nullable(),
  /** share of the planned change from baseline to final target achieved, percent, 2 decimals */
  pathPercent: decimalString.nullable(),
  /** share of the period elapsed by this year, percent, 2 decimals */
  timePercent: decimalString.nullable(),
  status: completionStatus,
});

export const completionRow = z.object({
  scope: rowScope,
  scopeId: z.string().nullable(),
  name: z.string(),
  baselineYear: z.number().int().nullable(),
  baseline: decimalString.nullable(),
  finalYear: z.number().int().nullable(),
  finalTarget: decimalString.nullable(),
  cells: z.array(completionCell),
});

export const completionTable = z.object({
  indicator: z.object({ id, planId: id, name: z.string(), unit: z.string().nullable() }),
  /** 'up': more is better; 'down': less is better (the final target is below the baseline) */
  direction: z.enum(['up', 'down']),
  years: z.array(z.number().int()),
  rows: z.array(completionRow),
  settings: completionSettings,
});
export type CompletionTable = z.infer<typeof completionTable>;

export const rankingEntry = z.object({
  rank: z.number().int().nullable(),
  scopeId: id,
  name: z.string(),
  target: decimalString.nullable(),
  actual: decimalString.nullable(),
  actualPeriod: quarter,
  percent: decimalString.nullable(),
  /** completion against the part of the target due by then; the ranking's order */
  pacePercent: decimalString.nullable(),
  status: completionStatus,
});

export const completionOps = {
  'completion.table': op(z.object({ indicatorId: id }).strict(), completionTable),
  /** The districts' "赛马" ranking by completion of one year's target. */
  'completion.ranking': op(
    z.object({ indicatorId: id, year: z.number().int() }).strict(),
    z.object({ indicatorId: id, year: z.number().int(), unit: z.string().nullable(), entries: z.array(rankingEntry), settings: completionSettings }),
  ),
  'completion.settings.get': op(z.object({}).strict(), completionSettings),
  'completion.settings.set': op(z.object({ okPercent: z.string().max(20), warnPercent: z.string().max(20) }).strict(), completionSettings),
};

export const analysisOps = { ...checkOps, ...breakdownOps, ...completionOps };
