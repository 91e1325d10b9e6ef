import { preparedOnce } from '../context.ts';

export interface IndicatorRow {
  id: string;
  plan_id: string;
  category: string | null;
  name: string;
  unit: string | null;
  attribute: '预期性' | '约束性' | null;
  baseline_year: number | null;
  baseline_value: string | null;
  baseline_text: string | null;
  target_year: number | null;
  target_value: string | null;
  target_text: string | null;
  stated_growth_text: string | null;
  note: string | null;
  source: string | null;
  sort_order: number;
}

export const indicatorQueries = preparedOnce((db) => ({
  ofPlan: db.prepare<[string], IndicatorRow>('SELECT * FROM indicators WHERE plan_id = ? ORDER BY sort_order, name'),
  byId: db.prepare<[string], IndicatorRow>('SELECT * FROM indicators WHERE id = ?'),
  insert: db.prepare<[IndicatorRow], never>(
    `INSERT INTO indicators (id, plan_id, category, name, unit, attribute, baseline_year, baseline_value, baseline_text,
       target_year, target_value, target_text, stated_growth_text, note, source, sort_order)
     VALUES (@id, @plan_id, @category, @name, @unit, @attribute, @baseline_year, @baseline_value, @baseline_text,
       @target_year, @target_value, @target_text, @stated_growth_text, @note, @source, @sort_order)`,
  ),
}));
