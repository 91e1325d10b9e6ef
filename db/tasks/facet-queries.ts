import { preparedOnce } from '../context.ts';

/** What the ledger's filters offer: the plan's own departments and districts with their task counts. */
export const taskFacetQueries = preparedOnce((db) => ({
  departments: db.prepare<[string], { id: string; name: string; lead: number; participating: number }>(
    // "task_id IN (the plan's tasks)" rather than a join: half the time on a 100,000-task plan
    `SELECT u.department_id AS id, d.name AS name,
            sum(u.role = 'lead') AS lead, sum(u.role = 'participating') AS participating
       FROM task_departments u JOIN departments d ON d.id = u.department_id
      WHERE u.task_id IN (SELECT id FROM tasks WHERE plan_id = ?)
      GROUP BY u.department_id`,
  ),
  districts: db.prepare<[string], { id: string; name: string; count: number }>(
    `SELECT x.district_id AS id, d.name AS name, count(*) AS count
       FROM task_districts x JOIN districts d ON d.id = x.district_id
      WHERE x.task_id IN (SELECT id FROM tasks WHERE plan_id = ?)
      GROUP BY x.district_id`,
  ),
}));
