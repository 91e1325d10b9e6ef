/**
 * Actuals against targets: completion of each year's target and of the path to the final target,
 * status by the thresholds in preferences, and the districts' ranking ("赛马"). Actual values are
 * entered with targets.set (kind 'actual', period '' for the year or Q1…Q4 year to date).
 */
import type { StoreContext } from '../context.ts';
import { Dec } from '../../domain/numbers.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { CompletionTable, completionOps } from '../../contract/ops/completion.ts';
import type { TargetRow } from '../targets/queries.ts';
import { cellsOf, findCell, indicatorAndPlan, rowsOf, type Scope } from '../breakdown/cells.ts';
import { decimalsOf, fillPath } from '../breakdown/rules.ts';
import { getCompletionSettings, setCompletionSettings } from '../checks/settings.ts';
import { completionPercent, pathPercent, statusOf, timeAdjusted, timePercent, type Direction } from './rules.ts';

type Row = CompletionTable['rows'][number];
type Cell = Row['cells'][number];
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

function pathValue(baseline: { year: number; value: string } | null, final: { year: number; value: string } | null, year: number): string | null {
  if (!baseline || !final || year <= baseline.year || year >= final.year) return null;
  const decimals = Math.max(2, decimalsOf(baseline.value), decimalsOf(final.value));
  let path = fillPath('growth', baseline, final, decimals);
  if (!path.ok) path = fillPath('steps', baseline, final, decimals);
  return path.ok ? (path.values.find((v) => v.year === year)?.value ?? null) : null;
}

export function completionTable(ctx: StoreContext, indicatorId: string): CompletionTable {
  const { ind, plan } = indicatorAndPlan(ctx, indicatorId);
  const settings = getCompletionSettings(ctx);
  const cells = cellsOf(ctx, ind.id);
  const years = new Set<number>();
  for (let y = plan.period_start; y <= Math.max(plan.period_end, ind.target_year ?? plan.period_end); y++) years.add(y);
  for (const c of cells) if (c.scope !== 'plan' || c.year >= plan.period_start) years.add(c.year);
  if (ind.baseline_year !== null) years.delete(ind.baseline_year);
  const yearList = [...years].sort((a, b) => a - b);

  const baseYear = ind.baseline_year ?? plan.period_start - 1;
  const direction: Direction =
    ind.baseline_value !== null && ind.target_value !== null && new Dec(ind.target_value).lt(ind.baseline_value) && new Dec(ind.target_value).isPositive() ? 'down' : 'up';

  const rowDefs: { scope: Scope; scopeId: string; name: string }[] = [{ scope: 'plan', scopeId: '', name: '规划总量' }];
  for (const scope of ['district', 'cluster'] as const) {
    for (const r of rowsOf(ctx, plan, ind.id, scope, cells)) {
      if (scope === 'cluster' && !cells.some((c) => c.scope === 'cluster' && c.scope_id === r.id)) continue;
      rowDefs.push({ scope, scopeId: r.id, name: r.name });
    }
  }

  const rows: Row[] = rowDefs.map((def) => {
    const own = cells.filter((c) => c.scope === def.scope && c.scope_id === def.scopeId);
    const baseCell = findCell(own, def.scope, def.scopeId, baseYear, '', 'actual');
    const baseline =
      def.scope === 'plan' && ind.baseline_value !== null && ind.baseline_year !== null
        ? { year: ind.baseline_year, value: ind.baseline_value }
        : baseCell?.value != null ? { year: baseYear, value: baseCell.value } : null;
    const targets = own.filter((c): c is TargetRow & { value: string } => c.kind === 'target' && c.period === '' && c.value !== null).sort((a, b) => a.year - b.year);
    const last = targets[targets.length - 1];
    const final =
      last ? { year: last.year, value: last.value }
        : def.scope === 'plan' && ind.target_year !== null && ind.target_value !== null ? { year: ind.target_year, value: ind.target_value } : null;
    const out: Cell[] = yearList.map((year) => {
      const t = findCell(own, def.scope, def.scopeId, year, '', 'target');
      const target = t?.value ?? (def.scope === 'plan' && year === ind.target_year ? ind.target_value : null);
      const quarters = QUARTERS.map((q) => {
        const a = findCell(own, def.scope, def.scopeId, year, q, 'actual');
        return { period: q, value: a?.value ?? null, text: a?.text ?? null };
      });
      const annual = findCell(own, def.scope, def.scopeId, year, '', 'actual');
      const latestQ = [...quarters].reverse().find((q) => q.value !== null);
      const actual = annual?.value != null ? { value: annual.value, text: annual.text, period: '' as const } : latestQ ? { value: latestQ.value, text: latestQ.text, period: latestQ.period } : null;
      const path = target === null ? pathValue(baseline, final, year) : null;
      const yearPct = completionPercent(actual?.value ?? null, target ?? path, direction);
      const pathPct = pathPercent(actual?.value ?? null, baseline?.value ?? null, final?.value ?? null);
      const timePct = timePercent(year, baseline?.year ?? null, final?.year ?? null);
      const pace = timeAdjusted(yearPct, actual?.period ?? '', ind.unit);
      let judged = pace;
      if (judged === null && pathPct !== null && timePct !== null && !new Dec(timePct).isZero()) judged = new Dec(pathPct).dividedBy(timePct).times(100).toFixed();
      return {
        year, target, targetText: t?.text ?? (def.scope === 'plan' && year === ind.target_year ? ind.target_text : null), pathTarget: path,
        actual: actual?.value ?? null, actualText: actual?.text ?? null, actualPeriod: actual?.period ?? '', quarters,
        yearPercent: yearPct, pacePercent: pace, pathPercent: pathPct, timePercent: timePct,
        status: statusOf(judged, settings.okPercent, settings.warnPercent),
      };
    });
    return {
      scope: def.scope, scopeId: def.scope === 'plan' ? null : def.scopeId, name: def.name,
      baselineYear: baseline?.year ?? null, baseline: baseline?.value ?? null, finalYear: final?.year ?? null, finalTarget: final?.value ?? null, cells: out,
    };
  });
  return { indicator: { id: ind.id, planId: plan.id, name: ind.name, unit: ind.unit }, direction, years: yearList, rows, settings };
}

export function completionRanking(ctx: StoreContext, indicatorId: string, year: number) {
  const table = completionTable(ctx, indicatorId);
  const scope = table.rows.some((r) => r.scope === 'district') ? 'district' : 'cluster';
  const entries = table.rows
    .filter((r) => r.scope === scope)
    .map((r) => {
      const c = r.cells.find((x) => x.year === year);
      return {
        scopeId: r.scopeId ?? '', name: r.name, target: c?.target ?? c?.pathTarget ?? null, actual: c?.actual ?? null,
        actualPeriod: c?.actualPeriod ?? ('' as const), percent: c?.yearPercent ?? null, pacePercent: c?.pacePercent ?? null, status: c?.status ?? ('无数据' as const),
      };
    })
    .sort((a, b) => (a.pacePercent === null ? 1 : 0) - (b.pacePercent === null ? 1 : 0) || (a.pacePercent !== null && b.pacePercent !== null ? new Dec(b.pacePercent).comparedTo(a.pacePercent) : 0));
  let rank = 0;
  let prev: string | null = null;
  const ranked = entries.map((e, i) => {
    if (e.pacePercent === null) return { ...e, rank: null };
    if (prev === null || !new Dec(prev).eq(e.pacePercent)) rank = i + 1;
    prev = e.pacePercent;
    return { ...e, rank };
  });
  return { indicatorId, year, unit: table.indicator.unit, entries: ranked, settings: table.settings };
}

export const completionHandlers = {
  'completion.table': (ctx, input) => completionTable(ctx, input.indicatorId),
  'completion.ranking': (ctx, input) => completionRanking(ctx, input.indicatorId, input.year),
  'completion.settings.get': (ctx) => getCompletionSettings(ctx),
  'completion.settings.set': (ctx, input) => setCompletionSettings(ctx, input),
} satisfies HandlersFor<typeof completionOps, StoreContext>;
