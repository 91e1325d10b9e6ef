import { preparedOnce } from '../context.ts';
import type { TargetRow } from './queries.ts';

export const matrixQueries = preparedOnce((db) => ({
  ofIndicator: db.prepare<[string], TargetRow>(
    "SELECT * FROM target_values WHERE indicator_id = ? AND period = '' ORDER BY scope, scope_id, year, kind",
  ),
  planDistricts: db.prepare<[string], { id: string; name: string }>(
    'SELECT d.id, d.name FROM plan_districts pd JOIN districts d ON d.id = pd.district_id WHERE pd.plan_id = ? ORDER BY pd.sort_order, d.name',
  ),
  /** districts outside the plan's list that nevertheless have a value of this indicator */
  extraDistricts: db.prepare<[string, string], { id: string; name: string }>(
    `SELECT d.id, d.name FROM districts d
      WHERE d.id IN (SELECT scope_id FROM target_values WHERE indicator_id = ? AND scope = 'district')
        AND d.id NOT IN (SELECT district_id FROM plan_districts WHERE plan_id = ?)
      ORDER BY d.area_group, d.code, d.name`,
  ),
}));
