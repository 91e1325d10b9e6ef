/**
 * Actuals, completion and the 赛马 ranking as exported and reported: every indicator × district (or
 * cluster) × year of a plan with target, actual, completion and rank — the workbook's 完成情况 sheet
 * and its CSV (export.completion) — and one period's ranking for the printable report
 * (export.ranking: a year, or a quarter's year-to-date actuals; by actuals where the period has any,
 * else by target). The figures are completion.table's (db/completion), called core to core; ranks
 * follow completion.ranking's rule (by 序时完成率, ties share a rank).
 */
import type { StoreContext } from '../context.ts';
import { Dec } from '../../domain/numbers.ts';
import type { CompletionTable } from '../../contract/ops/completion.ts';
import type { RankingOut } from '../../contract/ops/export.ts';
import { completionTable } from '../completion/handlers.ts';
import { completionPercent, statusOf, timeAdjusted } from '../completion/rules.ts';
import { indicatorQueries } from '../indicators/queries.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { decimalCell } from './xlsx/layout.ts';
import type { TableValue } from './table.ts';

export type Period = '' | 'Q1' | 'Q2' | 'Q3' | 'Q4';
const QUARTER_WORDS: Record<Period, string> = { '': '全年', Q1: '一季度', Q2: '二季度', Q3: '三季度', Q4: '四季度' };
// Not the bare 区县/产业集群: a data row holding 区县 and a year would read as a target matrix's header to the import (db/import/match-headers.ts).
const SCOPE_WORDS = { plan: '全市', district: '分区县', cluster: '分产业集群' } as const;

export const COMPLETION_COLUMNS = [
  { header: '指标', minWidth: 14, maxWidth: 30, wrap: true },
  { header: '单位', minWidth: 6, maxWidth: 10 },
  { header: '范围', minWidth: 6, maxWidth: 10 },
  { header: '区县/集群', minWidth: 10, maxWidth: 20, wrap: true },
  { header: '年份', minWidth: 6, maxWidth: 6 },
  { header: '目标', minWidth: 10, maxWidth: 16 },
  { header: '实际', minWidth: 10, maxWidth: 16 },
  { header: '实际为', minWidth: 8, maxWidth: 12 },
  { header: '完成率（%）', minWidth: 10, maxWidth: 12 },
  { header: '序时完成率（%）', minWidth: 12, maxWidth: 14 },
  { header: '状态', minWidth: 6, maxWidth: 8 },
  { header: '赛马排名', minWidth: 8, maxWidth: 10 },
] as const;

interface Entry {
  scopeId: string;
  name: string;
  target: string | null;
  actual: string | null;
  actualPeriod: Period;
  percent: string | null;
  pacePercent: string | null;
  status: CompletionTable['rows'][number]['cells'][number]['status'];
}

/** Ranks by 序时完成率, highest first (for a 'down' indicator completionPercent already turned it); ties share a rank, no figure no rank. */
function ranked<T extends { pacePercent: string | null }>(entries: T[]): (T & { rank: number | null })[] {
  const order = [...entries].sort(
    (a, b) => (a.pacePercent === null ? 1 : 0) - (b.pacePercent === null ? 1 : 0) || (a.pacePercent !== null && b.pacePercent !== null ? new Dec(b.pacePercent).comparedTo(a.pacePercent) : 0),
  );
  let rank = 0;
  let prev: string | null = null;
  return order.map((e, i) => {
    if (e.pacePercent === null) return { ...e, rank: null };
    if (prev === null || !new Dec(prev).eq(e.pacePercent)) rank = i + 1;
    prev = e.pacePercent;
    return { ...e, rank };
  });
}

/** The rows ranked against each other: districts, else clusters. */
const rankedScope = (t: CompletionTable) => (t.rows.some((r) => r.scope === 'district') ? 'district' : 'cluster');

/** One period's entries of a table: the year (annual actual, else latest quarter) or one quarter's year-to-date actual. */
function periodEntries(t: CompletionTable, year: number, period: Period): Entry[] {
  const scope = rankedScope(t);
  return t.rows
    .filter((r) => r.scope === scope)
    .map((r) => {
      const c = r.cells.find((x) => x.year === year);
      const target = c?.target ?? c?.pathTarget ?? null;
      if (period === '' || !c) {
        return {
          scopeId: r.scopeId ?? '', name: r.name, target, actual: c?.actual ?? null, actualPeriod: c?.actualPeriod ?? '',
          percent: c?.yearPercent ?? null, pacePercent: c?.pacePercent ?? null, status: c?.status ?? '无数据',
        };
      }
      const actual = c.quarters.find((q) => q.period === period)?.value ?? null;
      const percent = completionPercent(actual, target, t.direction);
      const pace = timeAdjusted(percent, period, t.indicator.unit);
      return { scopeId: r.scopeId ?? '', name: r.name, target, actual, actualPeriod: period, percent, pacePercent: pace, status: statusOf(pace, t.settings.okPercent, t.settings.warnPercent) };
    });
}

/** Every (year, period) of the table with at least one actual of the ranked rows, latest last. */
function periodsWithActuals(t: CompletionTable): { year: number; period: Period }[] {
  const scope = rankedScope(t);
  const out: { year: number; period: Period }[] = [];
  for (const year of t.years) {
    const cells = t.rows.filter((r) => r.scope === scope).map((r) => r.cells.find((c) => c.year === year));
    for (const q of ['Q1', 'Q2', 'Q3', 'Q4'] as const) if (cells.some((c) => c?.quarters.some((x) => x.period === q && x.value !== null))) out.push({ year, period: q });
    if (cells.some((c) => c?.actual !== null && c?.actual !== undefined && c.actualPeriod === '')) out.push({ year, period: '' });
  }
  return out;
}

/**
 * The report's ranking of one indicator for a year/quarter. Without a period given: the latest period
 * with actuals, else the last year with targets. Where the chosen period has no actual, the rows are
 * ranked by target (byActual false) and say so.
 */
export function reportRanking(ctx: StoreContext, input: { indicatorId: string; year?: number | undefined; period?: Period | undefined }): RankingOut {
  const t = completionTable(ctx, input.indicatorId);
  const available = periodsWithActuals(t);
  const latest = available[available.length - 1];
  const scope = rankedScope(t);
  const lastTargetYear = [...t.years].reverse().find((y) => t.rows.some((r) => r.scope === scope && r.cells.some((c) => c.year === y && c.target !== null))) ?? t.years[t.years.length - 1] ?? 0;
  const year = input.year ?? latest?.year ?? lastTargetYear;
  const period = input.year === undefined ? (latest?.period ?? '') : (input.period ?? '');
  const entries = periodEntries(t, year, period);
  const byActual = entries.some((e) => e.actual !== null);
  const rows = byActual
    ? ranked(entries)
    : ranked(entries.map((e) => ({ ...e, pacePercent: e.target }))).map((e) => ({ ...e, pacePercent: null }));
  return {
    indicatorId: t.indicator.id, indicatorName: t.indicator.name, unit: t.indicator.unit, year, period, byActual,
    periods: available, years: t.years, entries: rows,
  };
}

/** The 完成情况 rows of a plan: indicator × district/cluster (and the plan total) × year, ranks per indicator and year. */
export function completionRows(ctx: StoreContext, planId: string): TableValue[][] {
  getPlanRow(ctx, planId);
  const out: TableValue[][] = [];
  for (const ind of indicatorQueries(ctx.db).ofPlan.all(planId)) {
    const t = completionTable(ctx, ind.id);
    const scope = rankedScope(t);
    const hasFigures = t.rows.some((r) => r.scope !== 'plan' && r.cells.some((c) => c.target !== null || c.actual !== null));
    if (!hasFigures) continue;
    for (const year of t.years) {
      const ranks = new Map(ranked(periodEntries(t, year, '')).map((e) => [e.scopeId, e.rank]));
      for (const r of t.rows) {
        const c = r.cells.find((x) => x.year === year);
        if (!c || (c.target === null && c.actual === null && c.pathTarget === null)) continue;
        const target = c.target ?? c.pathTarget;
        out.push([
          t.indicator.name, t.indicator.unit, SCOPE_WORDS[r.scope], r.name, year,
          target !== null ? decimalCell(target) : (c.targetText ?? null),
          c.actual !== null ? decimalCell(c.actual) : (c.actualText ?? null),
          c.actual !== null ? (c.actualPeriod === '' ? '全年' : `截至${QUARTER_WORDS[c.actualPeriod]}`) : null,
          c.yearPercent !== null ? decimalCell(c.yearPercent) : null,
          c.pacePercent !== null ? decimalCell(c.pacePercent) : null,
          c.status,
          r.scope === scope ? (ranks.get(r.scopeId ?? '') ?? null) : null,
        ]);
      }
    }
  }
  return out;
}

export const periodWords = (p: Period): string => QUARTER_WORDS[p];
