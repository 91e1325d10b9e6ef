import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import type { TargetValue } from '../../contract/entities.ts';
import type { HandlersFor, ParsedInput } from '../../contract/operations.ts';
import type { targetOps } from '../../contract/ops/targets.ts';
import { targetQueries, toTargetValue, type TargetRow } from './queries.ts';
import { allowsNegative, parseValueText } from './rules.ts';
import { indicatorQueries } from '../indicators/queries.ts';
import { planQueries } from '../plans/queries.ts';
import { districtQueries } from '../districts/queries.ts';
import { clusterQueries } from '../clusters/queries.ts';
import { targetMatrix } from './matrix.ts';
import { setTargetCells } from './cells.ts';

export function listTargets(ctx: StoreContext, planId: string, scope: TargetRow['scope']): TargetValue[] {
  return targetQueries(ctx.db).byPlanAndScope.all(planId, scope).map(toTargetValue);
}

type SetTargetInput = ParsedInput<'targets.set'>;

/** Sets one cell of a target matrix: validates the scope, year and value first, then writes. */
export function setTarget(ctx: StoreContext, input: SetTargetInput): WithChanges<TargetValue> {
  const ind = indicatorQueries(ctx.db).byId.get(input.indicatorId);
  if (!ind) throw notFound('指标', input.indicatorId);
  const plan = planQueries(ctx.db).byId.get(ind.plan_id);
  if (!plan) throw notFound('规划', ind.plan_id);

  const scopeId = input.scope === 'plan' ? '' : (input.scopeId ?? '');
  if (input.scope === 'district') {
    const link = districtQueries(ctx.db).planDistrict.get(plan.id, scopeId);
    if (!link) throw invalid(`区县“${scopeId}”不属于规划“${plan.title}”`, [{ field: 'scopeId', message: '区县不属于本规划' }]);
  } else if (input.scope === 'cluster') {
    const c = clusterQueries(ctx.db).byId.get(scopeId);
    if (!c || c.plan_id !== plan.id)
      throw invalid(`产业集群“${scopeId}”不属于规划“${plan.title}”`, [{ field: 'scopeId', message: '产业集群不属于本规划' }]);
  }

  const firstYear = Math.min(plan.period_start, ind.baseline_year ?? plan.period_start);
  const lastYear = Math.max(plan.period_end, ind.target_year ?? plan.period_end);
  if (input.year < firstYear || input.year > lastYear) {
    throw invalid(`年份 ${input.year} 超出本指标的年份范围（${firstYear}—${lastYear}）`, [
      { field: 'year', message: `年份应在 ${firstYear}—${lastYear} 之间` },
    ]);
  }
  const parsed = parseValueText(input.value ?? '', ind.unit);
  if (parsed === null) {
    throw invalid(`“${input.value}”不是数字`, [{ field: 'value', message: `“${input.value}”不是有效的数值` }]);
  }
  if (parsed.value !== null && parsed.value.startsWith('-') && !allowsNegative(ind.unit)) {
    throw invalid(`${ind.name}（${ind.unit}）不能为负数：${input.value}`, [{ field: 'value', message: '该指标不能为负数' }]);
  }

  const period = input.period ?? '';
  const q = targetQueries(ctx.db);
  const label = `修改${ind.name} ${input.year}年${input.kind === 'actual' ? '实际值' : '目标值'}`;
  return runChange(ctx, { label, planId: plan.id }, (rec) => {
    const existing = q.byKey.get(ind.id, input.scope, scopeId, input.year, period, input.kind);
    if (existing) {
      q.updateValue.run(parsed.value, parsed.text, existing.id);
      rec.update('target', existing.id, 'value', existing.value, parsed.value);
      rec.update('target', existing.id, 'text', existing.text, parsed.text);
      return toTargetValue({ ...existing, value: parsed.value, text: parsed.text });
    }
    const row: TargetRow = {
      id: randomUUID(),
      indicator_id: ind.id,
      scope: input.scope,
      scope_id: scopeId,
      year: input.year,
      period,
      kind: input.kind,
      value: parsed.value,
      text: parsed.text,
      source: null,
    };
    q.insert.run(row);
    rec.inserted('target', row.id);
    return toTargetValue(row);
  });
}

export const targetHandlers = {
  'targets.set': (ctx, input) => setTarget(ctx, input),
  'targets.matrix': (ctx, input) => targetMatrix(ctx, input.indicatorId, input.scope, input.kind),
  'targets.setMany': (ctx, input) => setTargetCells(ctx, input.planId, input.cells, input.label),
} satisfies HandlersFor<typeof targetOps, StoreContext>;
