/**
 * Adding, moving and deleting indicators (issue 14 §1), with every field of the grid: category, name,
 * unit (units.ts), 预期性/约束性, baseline and target year and value (the number exact, the wording with
 * its qualifier 以上/左右/超过 kept verbatim in *_text), stated growth. Checked first, one runChange,
 * every dependant recorded so undo puts a deleted indicator back whole.
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { preparedOnce } from '../context.ts';
import { invalid, notFound, type ErrorIssue } from '../errors.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import type { Deletion } from '../../contract/ops/clusters.ts';
import type { IndicatorPatch } from '../../contract/ops/indicators.ts';
import { getPlanRow } from '../plans/read.ts';
import { writeTargetCell } from '../targets/cells.ts';
import { applyOrder, checkRowName, confirmDeletion, withGap } from '../clusters/authoring.ts';
import { clampPosition, moved } from '../clusters/order.ts';
import { indicatorQueries, type IndicatorRow } from './queries.ts';
import { applyPatch } from './patch.ts';

const q = preparedOnce((db) => ({
  setOrder: db.prepare<[number, string], never>('UPDATE indicators SET sort_order = ? WHERE id = ?'),
  remove: db.prepare<[string], never>('DELETE FROM indicators WHERE id = ?'),
  targets: db.prepare<[string], { id: string }>('SELECT id FROM target_values WHERE indicator_id = ? ORDER BY id'),
  comments: db.prepare<[string, string], { id: string }>("SELECT id FROM comments WHERE plan_id = ? AND target = 'cell' AND indicator_id = ? ORDER BY id"),
  removeTarget: db.prepare<[string], never>('DELETE FROM target_values WHERE id = ?'),
  removeComment: db.prepare<[string], never>('DELETE FROM comments WHERE id = ?'),
}));

function indicatorOfPlan(ctx: StoreContext, planId: string, indicatorId: string): IndicatorRow {
  const i = indicatorQueries(ctx.db).byId.get(indicatorId);
  if (!i || i.plan_id !== planId) throw notFound('本规划的指标', indicatorId);
  return i;
}

export function createIndicator(
  ctx: StoreContext,
  input: { planId: string; patch: IndicatorPatch & { name: string }; position?: number | undefined },
): WithChanges<{ id: string; position: number }> {
  getPlanRow(ctx, input.planId);
  const list = indicatorQueries(ctx.db).ofPlan.all(input.planId);
  const at = clampPosition(input.position, list.length);
  const blank: IndicatorRow = {
    id: randomUUID(), plan_id: input.planId, category: null, name: '', unit: null, attribute: null,
    baseline_year: null, baseline_value: null, baseline_text: null, target_year: null, target_value: null, target_text: null,
    stated_growth_text: null, note: null, source: null, sort_order: at + 1,
  };
  const issues: ErrorIssue[] = [];
  const name = checkRowName(input.patch.name, '指标名称', list, null);
  if (!name.ok) issues.push({ field: 'name', message: name.message });
  const { name: _typed, ...rest } = input.patch;
  const row = applyPatch({ ...blank, name: name.ok ? name.value : '' }, rest, issues);
  if (issues.length) throw invalid(`新指标有 ${issues.length} 处错误，未添加：${issues.map((x) => x.message).join('；')}`, issues.map((x) => ({ ...x, row: at + 1 })), { reason: 'indicator.notAdded', params: { count: issues.length } });
  return runChange(ctx, { label: `添加指标“${row.name}”`, planId: input.planId }, (rec) => {
    applyOrder(rec, 'indicator', list, withGap(list, at), (o, id) => q(ctx.db).setOrder.run(o, id));
    indicatorQueries(ctx.db).insert.run(row);
    rec.inserted('indicator', row.id);
    // As indicators.update does: the indicator's target is the plan's stated total for its year.
    if (row.target_year !== null && row.target_value !== null) {
      writeTargetCell(ctx, rec, {
        indicator: row, scope: 'plan', scopeId: '', year: row.target_year, period: '', kind: 'target', value: row.target_value, text: row.target_text,
      });
    }
    return { id: row.id, position: at };
  });
}

export function moveIndicator(ctx: StoreContext, input: { planId: string; indicatorId: string; position: number }): WithChanges<{ position: number }> {
  getPlanRow(ctx, input.planId);
  const i = indicatorOfPlan(ctx, input.planId, input.indicatorId);
  const list = indicatorQueries(ctx.db).ofPlan.all(input.planId);
  const ids = moved(list.map((x) => x.id), i.id, input.position);
  const at = ids.indexOf(i.id);
  return runChange(ctx, { label: `移动指标“${i.name}”到第 ${at + 1} 位`, planId: input.planId }, (rec) => {
    applyOrder(rec, 'indicator', list, ids, (o, id) => q(ctx.db).setOrder.run(o, id));
    return { position: at };
  });
}

/** What deleting the indicator takes with it. */
export function indicatorDeletion(ctx: StoreContext, planId: string, indicatorId: string): Deletion & { i: IndicatorRow; targetIds: string[]; commentIds: string[] } {
  getPlanRow(ctx, planId);
  const i = indicatorOfPlan(ctx, planId, indicatorId);
  const targetIds = q(ctx.db).targets.all(i.id).map((r) => r.id);
  const commentIds = q(ctx.db).comments.all(planId, i.id).map((r) => r.id);
  return { name: i.name, targetValues: targetIds.length, comments: commentIds.length, i, targetIds, commentIds };
}

export function deleteIndicator(ctx: StoreContext, input: { planId: string; indicatorId: string; confirm?: boolean | undefined }): WithChanges<Deletion> {
  getPlanRow(ctx, input.planId);
  const { i, targetIds, commentIds, ...d } = indicatorDeletion(ctx, input.planId, input.indicatorId);
  const qs = q(ctx.db);
  if (input.confirm !== true) throw confirmDeletion('指标', d);
  return runChange(ctx, { label: `删除指标“${i.name}”`, planId: input.planId }, (rec) => {
    for (const id of commentIds) {
      rec.removing('comment', id);
      qs.removeComment.run(id);
    }
    for (const id of targetIds) {
      rec.removing('target', id);
      qs.removeTarget.run(id);
    }
    rec.removing('indicator', i.id);
    qs.remove.run(i.id);
    return d;
  });
}
