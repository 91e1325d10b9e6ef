/**
 * Actuals against targets and the districts' ranking (completion.*). Actual values themselves are
 * written with targets.set (kind 'actual', period '' or Q1…Q4).
 */
import { z } from 'zod';
import { decimalString, id, quarter } from '../entities.ts';
import { op } from '../op.ts';
import { rowScope } from './breakdown.ts';

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
