import { preparedOnce } from '../context.ts';
import { TASK_FILTER_SQL, type TaskFilterParams } from './queries.ts';

/** `month` is overdueCutoff(now): the overdue count applies domain/tasks.ts isOverdue in SQL. */
export const taskEditQueries = preparedOnce((db) => ({
  maxOrder: db.prepare<[string], { n: number | null }>('SELECT max(sort_order) AS n FROM tasks WHERE plan_id = ?'),
  /** numbering a new task (rules.ts nextTaskNumber): every number of the plan (unordered), its last task, a section's numbers in order */
  numbers: db.prepare<[string], { number: string }>('SELECT number FROM tasks WHERE plan_id = ?'),
  lastTask: db.prepare<[string], { number: string; section: string | null }>('SELECT number, section FROM tasks WHERE plan_id = ? ORDER BY sort_order DESC LIMIT 1'),
  sectionNumbers: db.prepare<[string, string | null], { number: string }>('SELECT number FROM tasks WHERE plan_id = ? AND section IS ? ORDER BY sort_order'),
  after: db.prepare<[string, number], { id: string; sort_order: number }>(
    'SELECT id, sort_order FROM tasks WHERE plan_id = ? AND sort_order > ? ORDER BY sort_order DESC',
  ),
  setOrder: db.prepare<[number, string], never>('UPDATE tasks SET sort_order = ? WHERE id = ?'),
  setNumber: db.prepare<[string, string, string], never>('UPDATE tasks SET number = ?, updated_at = ? WHERE id = ?'),
  inOrder: db.prepare<[string], { id: string; number: string }>('SELECT id, number FROM tasks WHERE plan_id = ? ORDER BY sort_order, id'),
  remove: db.prepare<[string], never>('DELETE FROM tasks WHERE id = ?'),
  planOf: db.prepare<[string], { plan_id: string }>('SELECT plan_id FROM tasks WHERE id = ?'),
  /** every chart figure in one pass over the filtered tasks (the filter is evaluated once) */
  figures: db.prepare<[TaskFilterParams & { month: string }], { k: 'status' | 'month' | 'overdue' | 'lead' | 'participating'; a: string | null; b: string | null; n: number }>(
    `WITH f AS MATERIALIZED (SELECT t.id, t.status, t.deadline ${TASK_FILTER_SQL})
     SELECT 'status' AS k, status AS a, NULL AS b, count(*) AS n FROM f GROUP BY status
     UNION ALL SELECT 'month', deadline, NULL, count(*) FROM f WHERE deadline IS NOT NULL GROUP BY deadline
     UNION ALL SELECT 'overdue', NULL, NULL, count(*) FROM f WHERE deadline < @month AND status <> @doneStatus
     UNION ALL SELECT u.role, u.department_id, f.status, count(*) FROM f JOIN task_departments u ON u.task_id = f.id GROUP BY u.department_id, u.role, f.status`,
  ),
  departmentNames: db.prepare<[], { id: string; name: string }>('SELECT id, name FROM departments'),
  locate: db.prepare<[TaskFilterParams & { taskId: string }], { n: number; hit: number }>(
    `SELECT (SELECT count(*) ${TASK_FILTER_SQL} AND (t.sort_order < x.sort_order OR (t.sort_order = x.sort_order AND t.id < x.id))) AS n,
            (SELECT count(*) ${TASK_FILTER_SQL} AND t.id = x.id) AS hit
       FROM tasks x WHERE x.id = @taskId`,
  ),
}));
