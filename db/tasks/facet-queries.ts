import { preparedOnce } from '../context.ts';

/** What the ledger's filters offer: the plan's own departments and districts with their task counts. */
export const taskFacetQueries = preparedOnce((db) => ({
  departments: db.prepare<[string], { id: string; name: string; lead: number; participating: number }>(
    // From the counts migration 005's triggers keep (task_department_figures), not by counting the plan's
    // task_departments again: the same numbers (tasks per department and role, summed over statuses).
    `SELECT f.department_id AS id, d.name AS name,
            sum(CASE WHEN f.role = 'lead' THEN f.n ELSE 0 END) AS lead,
            sum(CASE WHEN f.role = 'participating' THEN f.n ELSE 0 END) AS participating
       FROM task_department_figures f JOIN departments d ON d.id = f.department_id
      WHERE f.plan_id = ?
      GROUP BY f.department_id`,
  ),
  districts: db.prepare<[string], { id: string; name: string; count: number }>(
    `SELECT x.district_id AS id, d.name AS name, count(*) AS count
       FROM task_districts x JOIN districts d ON d.id = x.district_id
      WHERE x.task_id IN (SELECT id FROM tasks WHERE plan_id = ?)
      GROUP BY x.district_id`,
  ),
}));
