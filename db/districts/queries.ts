import { preparedOnce } from '../context.ts';

export interface DistrictRow {
  id: string;
  name: string;
  code: string | null;
  area_group: string | null;
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

export const districtQueries = preparedOnce((db) => ({
  all: db.prepare<[], DistrictRow>('SELECT * FROM districts ORDER BY area_group, code, name'),
  byId: db.prepare<[string], DistrictRow>('SELECT * FROM districts WHERE id = ?'),
  byName: db.prepare<[string], DistrictRow>('SELECT * FROM districts WHERE name = ?'),
  insert: db.prepare<[DistrictRow], never>('INSERT INTO districts (id, name, code, area_group) VALUES (@id, @name, @code, @area_group)'),
  ofPlan: db.prepare<[string], PlanDistrictRow>(
    `SELECT d.*, pd.* FROM plan_districts pd JOIN districts d ON d.id = pd.district_id
      WHERE pd.plan_id = ? ORDER BY pd.sort_order, d.name`,
  ),
  planDistrict: db.prepare<[string, string], PlanDistrictRow>(
    'SELECT d.*, pd.* FROM plan_districts pd JOIN districts d ON d.id = pd.district_id WHERE pd.plan_id = ? AND pd.district_id = ?',
  ),
  insertPlanDistrict: db.prepare<[Omit<PlanDistrictRow, keyof DistrictRow>], never>(
    `INSERT INTO plan_districts (plan_id, district_id, priority_industries, featured_industries, note, source, sort_order)
     VALUES (@plan_id, @district_id, @priority_industries, @featured_industries, @note, @source, @sort_order)`,
  ),
}));
