import type { StoreContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import type { TargetValue } from '../../contract/entities.ts';
import type { HandlersFor, ParsedInput } from '../../contract/operations.ts';
import type { targetOps } from '../../contract/ops/targets.ts';
import { targetQueries, toTargetValue, type TargetRow } from './queries.ts';
import { indicatorQueries } from '../indicators/queries.ts';
import { targetMatrix } from './matrix.ts';
import { changesTargetCell, describeTargetChange, prepareTargetCell, setTargetCells, writeTargetCell } from './cells.ts';

export function listTargets(ctx: StoreContext, planId: string, scope: TargetRow['scope']): TargetValue[] {
  return targetQueries(ctx.db).byPlanAndScope.all(planId, scope).map(toTargetValue);
}

type SetTargetInput = ParsedInput<'targets.set'>;

/**
 * Sets one cell as typed, by the same rule as a pasted block (domain/targets.ts). A value that
 * changes nothing (the same number again, an empty cell cleared) is no change: no undo step, and
 * the redo stack is kept. Answers the stored value as `target`, or null when the cell is and stays empty.
 */
export function setTarget(ctx: StoreContext, input: SetTargetInput): WithChanges<{ target: TargetValue | null }> {
  const ind = indicatorQueries(ctx.db).byId.get(input.indicatorId);
  if (!ind) throw notFound('指标', input.indicatorId);
  const c = prepareTargetCell(ctx, ind.plan_id, input);
  if ('ok' in c) throw invalid(c.message, [{ field: c.field, message: c.message }]);
  const existing = targetQueries(ctx.db).byKey.get(c.indicator.id, c.scope, c.scopeId, c.year, c.period, c.kind);
  if (!changesTargetCell(ctx, c)) return { target: existing ? toTargetValue(existing) : null, changes: noChanges(ind.plan_id) };
  return runChange(ctx, { label: describeTargetChange([c]), planId: ind.plan_id }, (rec) => ({ target: writeTargetCell(ctx, rec, c) }));
}

export const targetHandlers = {
  'targets.set': (ctx, input) => setTarget(ctx, input),
  'targets.matrix': (ctx, input) => targetMatrix(ctx, input.indicatorId, input.scope, input.kind),
  'targets.setMany': (ctx, input) => setTargetCells(ctx, input.planId, input.cells, input.label),
} satisfies HandlersFor<typeof targetOps, StoreContext>;
