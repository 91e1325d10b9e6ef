import { preparedOnce } from '../context.ts';
import type { TargetValue } from '../../contract/entities.ts';

export interface TargetRow {
  id: string;
  indicator_id: string;
  scope: 'plan' | 'district' | 'cluster';
  scope_id: string;
  year: number;
  period: '' | 'Q1' | 'Q2' | 'Q3' | 'Q4';
  kind: 'target' | 'actual';
  value: string | null;
  text: string | null;
  source: string | null;
}

export function toTargetValue(r: TargetRow): TargetValue {
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    scope: r.scope,
    scopeId: r.scope === 'plan' ? null : r.scope_id,
    year: r.year,
    period: r.period,
    kind: r.kind,
    value: r.value,
    text: r.text,
    source: r.source,
  };
}

export const targetQueries = preparedOnce((db) => ({
  byPlanAndScope: db.prepare<[string, string], TargetRow>(
    `SELECT t.* FROM target_values t JOIN indicators i ON i.id = t.indicator_id
      WHERE i.plan_id = ? AND t.scope = ?
      ORDER BY i.sort_order, t.scope_id, t.year, t.period, t.kind`,
  ),
  byId: db.prepare<[string], TargetRow>('SELECT * FROM target_values WHERE id = ?'),
  byKey: db.prepare<[string, string, string, number, string, string], TargetRow>(
    `SELECT * FROM target_values
      WHERE indicator_id = ? AND scope = ? AND scope_id = ? AND year = ? AND period = ? AND kind = ?`,
  ),
  insert: db.prepare<[TargetRow], never>(
    `INSERT INTO target_values (id, indicator_id, scope, scope_id, year, period, kind, value, text, source)
     VALUES (@id, @indicator_id, @scope, @scope_id, @year, @period, @kind, @value, @text, @source)`,
  ),
  updateValue: db.prepare<[string | null, string | null, string], never>('UPDATE target_values SET value = ?, text = ? WHERE id = ?'),
}));
