import { preparedOnce } from '../context.ts';
import type { TargetRow } from '../targets/queries.ts';

export interface CheckTaskRow {
  id: string;
  number: string;
  title: string;
  deadline: string | null;
  deadline_text: string | null;
  lead_count: number;
}

export const checkQueries = preparedOnce((db) => ({
  targetsOfPlan: db.prepare<[string], TargetRow>(
    `SELECT t.* FROM target_values t JOIN indicators i ON i.id = t.indicator_id
      WHERE i.plan_id = ? ORDER BY i.sort_order, t.scope, t.scope_id, t.year, t.period, t.kind`,
  ),
  tasksOfPlan: db.prepare<[string], CheckTaskRow>(
    `SELECT t.id, t.number, t.title, t.deadline, t.deadline_text,
            (SELECT count(*) FROM task_departments u WHERE u.task_id = t.id AND u.role = 'lead') AS lead_count
       FROM tasks t WHERE t.plan_id = ? ORDER BY t.sort_order, t.id`,
  ),
}));
