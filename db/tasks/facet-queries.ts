import { preparedOnce } from '../context.ts';

/** What the ledger's filters offer: the plan's own departments and districts with their task counts. */
export const taskFacetQueries = preparedOnce((db) => ({
  departments: db.prepare<[string], { id: string; name: string; lead: number; participating: number }>(
    `SELECT u.department_id AS id, d.name AS name,
            sum(u.role = 'lead') AS lead, sum(u.role = 'participating') AS participating
       FROM task_departments u JOIN tasks t ON t.id = u.task_id JOIN departments d ON d.id = u.department_id
      WHERE t.plan_id = ?
      GROUP BY u.department_id`,
  ),
  districts: db.prepare<[string], { id: string; name: string; count: number }>(
    `SELECT x.district_id AS id, d.name AS name, count(*) AS count
       FROM task_districts x JOIN tasks t ON t.id = x.task_id JOIN districts d ON d.id = x.district_id
      WHERE t.plan_id = ?
      GROUP BY x.district_id`,
  ),
}));
