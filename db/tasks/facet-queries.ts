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
    // From the counts migration 008's triggers keep (task_district_figures), likewise.
    `SELECT f.district_id AS id, d.name AS name, f.n AS count
       FROM task_district_figures f JOIN districts d ON d.id = f.district_id
      WHERE f.plan_id = ?`,
  ),
}));
