import { preparedOnce } from '../context.ts';
import type { IndicatorRow } from './queries.ts';

export const indicatorEditQueries = preparedOnce((db) => ({
  update: db.prepare<[IndicatorRow], never>(
    `UPDATE indicators SET category = @category, name = @name, unit = @unit, attribute = @attribute,
       baseline_year = @baseline_year, baseline_value = @baseline_value, baseline_text = @baseline_text,
       target_year = @target_year, target_value = @target_value, target_text = @target_text,
       stated_growth_text = @stated_growth_text, note = @note, source = @source
     WHERE id = @id`,
  ),
}));
