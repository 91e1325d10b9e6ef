/**
 * A whole plan's records, read for copying it (create.ts) and for deleting it (delete.ts). Bound
 * parameters only; the order of each list is the order the records are written or recorded in.
 */
import { preparedOnce } from '../context.ts';
import type { ClusterRow } from '../clusters/queries.ts';
import type { IndicatorRow } from '../indicators/queries.ts';
import type { TargetRow } from '../targets/queries.ts';
import type { TaskRow } from '../tasks/queries.ts';
import type { PlanDistrictLink } from '../districts/queries.ts';

export const contentQueries = preparedOnce((db) => ({
  planDistricts: db.prepare<[string], PlanDistrictLink>(
    `SELECT plan_id, district_id, priority_industries, featured_industries, note, source, sort_order
       FROM plan_districts WHERE plan_id = ? ORDER BY sort_order, district_id`,
  ),
  clusters: db.prepare<[string], ClusterRow>('SELECT * FROM clusters WHERE plan_id = ? ORDER BY sort_order, id'),
  indicators: db.prepare<[string], IndicatorRow>('SELECT * FROM indicators WHERE plan_id = ? ORDER BY sort_order, id'),
  targets: db.prepare<[string], TargetRow>(
    `SELECT tv.* FROM target_values tv JOIN indicators i ON i.id = tv.indicator_id WHERE i.plan_id = ? ORDER BY i.sort_order, tv.id`,
  ),
  tasks: db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE plan_id = ? ORDER BY sort_order, id'),
  taskDepartments: db.prepare<[string], { task_id: string; department_id: string; role: 'lead' | 'participating'; position: number }>(
    `SELECT u.task_id, u.department_id, u.role, u.position FROM task_departments u JOIN tasks t ON t.id = u.task_id
      WHERE t.plan_id = ? ORDER BY u.task_id, u.role, u.position`,
  ),
  taskDistricts: db.prepare<[string], { task_id: string; district_id: string; position: number }>(
    `SELECT d.task_id, d.district_id, d.position FROM task_districts d JOIN tasks t ON t.id = d.task_id
      WHERE t.plan_id = ? ORDER BY d.task_id, d.position`,
  ),
  /**
   * The plan's task figures (migration 005), cleared just before the plan's one DELETE: its cascade then
   * finds no figures to count down task by task (the triggers' work for every task of a large plan); the
   * figures of a deleted plan are none either way, and undo's re-inserted tasks count themselves in again.
   */
  clearTaskFigures: db.prepare<[string], never>('DELETE FROM task_figures WHERE plan_id = ?'),
  clearTaskDepartmentFigures: db.prepare<[string], never>('DELETE FROM task_department_figures WHERE plan_id = ?'),
  clearTaskDistrictFigures: db.prepare<[string], never>('DELETE FROM task_district_figures WHERE plan_id = ?'),
  taskCount: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM tasks WHERE plan_id = ?'),
  commentIds: db.prepare<[string], { id: string }>('SELECT id FROM comments WHERE plan_id = ? ORDER BY id'),
  versionIds: db.prepare<[string], { id: number }>('SELECT id FROM versions WHERE plan_id = ? ORDER BY seq'),
  versionRowIds: db.prepare<[string], { id: number }>('SELECT id FROM version_rows WHERE plan_id = ? ORDER BY id'),
}));
