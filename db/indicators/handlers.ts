/** Editing indicators in the workbench grid: one row or a pasted block, checked first, one undo step. */
import type { StoreContext } from '../context.ts';
import { invalid, notFound, type ErrorIssue } from '../errors.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import type { IndicatorPatch, IndicatorRow as ApiIndicatorRow, indicatorOps } from '../../contract/ops/indicators.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { indicatorQueries } from './queries.ts';
import { indicatorEditQueries } from './edit-queries.ts';
import { listIndicators } from './list.ts';
import { COLUMNS, applyPatch } from './patch.ts';
import { renameClashes } from './rules.ts';
import { createIndicator, deleteIndicator, indicatorDeletion, moveIndicator } from './authoring.ts';
import { impliedGrowth } from '../targets/rollups.ts';
import { writeTargetCell } from '../targets/cells.ts';

export function listIndicatorRows(ctx: StoreContext, planId: string): ApiIndicatorRow[] {
  getPlanRow(ctx, planId);
  return listIndicators(ctx, planId).map((i) => ({
    ...i,
    impliedGrowth: impliedGrowth({ year: i.baselineYear, value: i.baselineValue }, { year: i.targetYear, value: i.targetValue }, i.unit, i.statedGrowthText),
  }));
}

export function updateIndicators(ctx: StoreContext, planId: string, updates: { indicatorId: string; patch: IndicatorPatch; row?: number | undefined }[]): WithChanges<{ changed: number }> {
  getPlanRow(ctx, planId);
  const issues: ErrorIssue[] = [];
  const pairs = updates.map((u, i) => {
    const current = indicatorQueries(ctx.db).byId.get(u.indicatorId);
    if (!current || current.plan_id !== planId) throw notFound('本规划的指标', u.indicatorId);
    const local: ErrorIssue[] = [];
    const next = applyPatch(current, u.patch, local);
    issues.push(...local.map((x) => ({ ...x, row: u.row ?? i + 1 })));
    return { current, next, row: u.row ?? i + 1, targetTouched: u.patch.targetValue !== undefined };
  });
  const renamed = new Map(pairs.filter((p) => p.next.name !== p.current.name).map((p) => [p.current.id, p.next.name]));
  for (const clash of renameClashes(indicatorQueries(ctx.db).ofPlan.all(planId), renamed, '指标名称'))
    issues.push({ row: pairs.find((p) => p.current.id === clash.id)?.row ?? 1, field: 'name', message: clash.message });
  if (issues.length) throw invalid(updates.length === 1 ? `指标有 ${issues.length} 处错误，未保存` : `${issues.length} 处错误，粘贴的内容全部未保存`, issues, {
      reason: updates.length === 1 ? 'indicator.notSaved' : 'paste.notSaved',
      params: { count: issues.length },
    });
  const changed = pairs.filter((p) => COLUMNS.some((k) => p.current[k] !== p.next[k]));
  if (changed.length === 0) return { changed: 0, changes: noChanges(planId) };
  const label = changed.length === 1 ? `修改指标“${changed[0]?.next.name ?? ''}”` : `修改指标（${changed.length} 项）`;
  const q = indicatorEditQueries(ctx.db);
  return runChange(ctx, { label, planId }, (rec) => {
    for (const p of changed) {
      q.update.run(p.next);
      for (const k of COLUMNS) rec.update('indicator', p.current.id, k, p.current[k], p.next[k]);
      // The indicator's target is the plan's stated total for that year: keep the two in step.
      if (p.targetTouched && p.next.target_year !== null) {
        writeTargetCell(ctx, rec, {
          indicator: p.next, scope: 'plan', scopeId: '', year: p.next.target_year, period: '', kind: 'target',
          value: p.next.target_value, text: p.next.target_text,
        });
      }
    }
    return { changed: changed.length };
  });
}

export const indicatorHandlers = {
  'indicators.list': (ctx, input) => listIndicatorRows(ctx, input.planId),
  'indicators.update': (ctx, input) => updateIndicators(ctx, input.planId, input.updates),
  'indicators.create': (ctx, input) => createIndicator(ctx, input),
  'indicators.move': (ctx, input) => moveIndicator(ctx, input),
  'indicators.delete': (ctx, input) => deleteIndicator(ctx, input),
  'indicators.deletion': (ctx, input) => {
    const { name, targetValues, comments } = indicatorDeletion(ctx, input.planId, input.indicatorId);
    return { name, targetValues, comments };
  },
} satisfies HandlersFor<typeof indicatorOps, StoreContext>;
