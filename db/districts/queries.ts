import { preparedOnce } from '../context.ts';
import type { DistrictKind } from '../../contract/entities.ts';

export interface DistrictRow {
  id: string;
  name: string;
  code: string | null;
  area_group: string | null;
  kind: DistrictKind;
  /** JSON array of group names */
  groups: string;
}

export interface PlanDistrictRow extends DistrictRow {
  plan_id: string;
  district_id: string;
  priority_industries: string;
  featured_industries: string;
  note: string | null;
  source: string | null;
  sort_order: number;
}

export type PlanDistrictLink = Omit<PlanDistrictRow, keyof DistrictRow>;

/** What a plan's district has that removing it from the plan would take away. */
export interface DistrictUse {
  targets: number;
  tasks: number;
}

const KIND_ORDER = "CASE kind WHEN 'district' THEN 0 WHEN 'county' THEN 1 WHEN 'autonomous_county' THEN 2 ELSE 3 END";

export const districtQueries = preparedOnce((db) => ({
  all: db.prepare<[], DistrictRow>(`SELECT * FROM districts ORDER BY ${KIND_ORDER}, code, name`),
  byId: db.prepare<[string], DistrictRow>('SELECT * FROM districts WHERE id = ?'),
  byName: db.prepare<[string], DistrictRow>('SELECT * FROM districts WHERE name = ?'),
  insert: db.prepare<[DistrictRow], never>(
    'INSERT INTO districts (id, name, code, area_group, kind, groups) VALUES (@id, @name, @code, @area_group, @kind, @groups)',
  ),
  ofPlan: db.prepare<[string], PlanDistrictRow>(
    `SELECT d.*, pd.* FROM plan_districts pd JOIN districts d ON d.id = pd.district_id
      WHERE pd.plan_id = ? ORDER BY pd.sort_order, d.name`,
  ),
  planDistrict: db.prepare<[string, string], PlanDistrictRow>(
    'SELECT d.*, pd.* FROM plan_districts pd JOIN districts d ON d.id = pd.district_id WHERE pd.plan_id = ? AND pd.district_id = ?',
  ),
  insertPlanDistrict: db.prepare<[PlanDistrictLink], never>(
    `INSERT INTO plan_districts (plan_id, district_id, priority_industries, featured_industries, note, source, sort_order)
     VALUES (@plan_id, @district_id, @priority_industries, @featured_industries, @note, @source, @sort_order)`,
  ),
  updatePlanDistrict: db.prepare<[string, string, string | null, string, string], never>(
    'UPDATE plan_districts SET priority_industries = ?, featured_industries = ?, note = ? WHERE plan_id = ? AND district_id = ?',
  ),
  removePlanDistrict: db.prepare<[string, string], never>('DELETE FROM plan_districts WHERE plan_id = ? AND district_id = ?'),
  maxOrder: db.prepare<[string], { n: number | null }>('SELECT max(sort_order) AS n FROM plan_districts WHERE plan_id = ?'),
  /** the district-scope target values of a plan for one district (with or without a value: all would go) */
  targetsOf: db.prepare<[string, string], { id: string }>(
    `SELECT tv.id FROM target_values tv JOIN indicators i ON i.id = tv.indicator_id
      WHERE i.plan_id = ? AND tv.scope = 'district' AND tv.scope_id = ? ORDER BY tv.id`,
  ),
  /** the plan's tasks that name the district */
  tasksOf: db.prepare<[string, string], { id: string; number: string; title: string; districts: string }>(
    `SELECT t.id, t.number, t.title,
       (SELECT json_group_array(district_id ORDER BY position) FROM task_districts x WHERE x.task_id = t.id) AS districts
       FROM tasks t JOIN task_districts td ON td.task_id = t.id WHERE t.plan_id = ? AND td.district_id = ? ORDER BY t.sort_order`,
  ),
  removeTarget: db.prepare<[string], never>('DELETE FROM target_values WHERE id = ?'),
}));
