import { preparedOnce } from '../context.ts';
import type { Db } from '../connection.ts';
import type { TaskStatus } from '../../domain/tasks.ts';

export interface TaskRow {
  id: string;
  plan_id: string;
  number: string;
  sort_order: number;
  section: string | null;
  title: string;
  description: string | null;
  deadline: string | null;
  deadline_text: string | null;
  status: TaskStatus;
  progress: string | null;
  quantitative_goal: string | null;
  notes: string | null;
  source: string | null;
  updated_at: string;
}

/** True when the filter sets no condition (the whole plan). */
export function noCondition(p: TaskFilterParams): boolean {
  return [p.leadDepartmentId, p.participatingDepartmentId, p.departmentId, p.districtId, p.statuses, p.deadlineFrom, p.deadlineTo, p.overdueBefore, p.search].every((v) => v === null);
}

/** Bound parameters of the task filter; null means "no condition". */
export interface TaskFilterParams {
  planId: string;
  leadDepartmentId: string | null;
  participatingDepartmentId: string | null;
  departmentId: string | null;
  districtId: string | null;
  statuses: string | null;
  deadlineFrom: string | null;
  deadlineTo: string | null;
  /** overdueCutoff(now) when only overdue tasks are wanted (domain/tasks.ts isOverdue, in SQL) */
  overdueBefore: string | null;
  /** TASK_STATUS.done: a done task is never overdue */
  doneStatus: string;
  search: string | null;
}

/** the WHERE of every task listing; shared by the charts (tasks.stats) so they follow the same filter */
export const TASK_FILTER_SQL = `
  FROM tasks t
 WHERE t.plan_id = @planId
   AND (@leadDepartmentId IS NULL OR EXISTS (SELECT 1 FROM task_departments u WHERE u.task_id = t.id AND u.role = 'lead' AND u.department_id = @leadDepartmentId))
   AND (@participatingDepartmentId IS NULL OR EXISTS (SELECT 1 FROM task_departments u WHERE u.task_id = t.id AND u.role = 'participating' AND u.department_id = @participatingDepartmentId))
   AND (@departmentId IS NULL OR EXISTS (SELECT 1 FROM task_departments u WHERE u.task_id = t.id AND u.department_id = @departmentId))
   AND (@districtId IS NULL OR EXISTS (SELECT 1 FROM task_districts d WHERE d.task_id = t.id AND d.district_id = @districtId))
   AND (@statuses IS NULL OR t.status IN (SELECT value FROM json_each(@statuses)))
   AND (@deadlineFrom IS NULL OR t.deadline >= @deadlineFrom)
   AND (@deadlineTo IS NULL OR t.deadline <= @deadlineTo)
   AND (@overdueBefore IS NULL OR (t.deadline < @overdueBefore AND t.status <> @doneStatus))
   AND (@search IS NULL
        OR t.title LIKE @search ESCAPE '\\' OR t.number LIKE @search ESCAPE '\\'
        OR t.description LIKE @search ESCAPE '\\' OR t.section LIKE @search ESCAPE '\\'
        OR t.progress LIKE @search ESCAPE '\\' OR t.quantitative_goal LIKE @search ESCAPE '\\' OR t.notes LIKE @search ESCAPE '\\'
        OR t.id IN (SELECT u.task_id FROM task_departments u WHERE u.department_id IN (SELECT n.id FROM departments n WHERE n.name LIKE @search ESCAPE '\\')))`;

const ORDER = {
  order: 't.sort_order, t.id',
  deadline: "coalesce(t.deadline, '9999-99'), t.sort_order, t.id",
  status: 't.status, t.sort_order, t.id',
  updatedAt: 't.updated_at DESC, t.sort_order, t.id',
} as const;
export type TaskSortKey = keyof typeof ORDER;

type Page = TaskFilterParams & { limit: number; offset: number };

function pageQuery(db: Db, key: TaskSortKey) {
  return db.prepare<[Page], TaskRow>(`SELECT t.* ${TASK_FILTER_SQL} ORDER BY ${ORDER[key]} LIMIT @limit OFFSET @offset`);
}

export const taskQueries = preparedOnce((db) => ({
  count: db.prepare<[TaskFilterParams], { n: number }>(`SELECT count(*) AS n ${TASK_FILTER_SQL}`),
  statusCounts: db.prepare<[string], { status: string; n: number }>('SELECT status, count(*) AS n FROM tasks WHERE plan_id = ? GROUP BY status'),
  /**
   * tasks.stats of a whole plan from the figures kept current by triggers (migration 005), in the shape
   * of edit-queries.ts `figures` (the filtered count): the same assembly reads either.
   */
  keptTotal: db.prepare<[string], { n: number }>('SELECT coalesce(sum(n), 0) AS n FROM task_figures WHERE plan_id = ?'),
  keptFigures: db.prepare<[{ planId: string; month: string; doneStatus: string }], { k: 'status' | 'month' | 'overdue' | 'lead' | 'participating'; a: string | null; b: string | null; n: number }>(
    `SELECT 'status' AS k, status AS a, NULL AS b, sum(n) AS n FROM task_figures WHERE plan_id = @planId GROUP BY status
     UNION ALL SELECT 'month', deadline, NULL, sum(n) FROM task_figures WHERE plan_id = @planId AND deadline <> '' GROUP BY deadline
     UNION ALL SELECT 'overdue', NULL, NULL, coalesce(sum(n), 0) FROM task_figures WHERE plan_id = @planId AND deadline <> '' AND deadline < @month AND status <> @doneStatus
     UNION ALL SELECT role, department_id, status, n FROM task_department_figures WHERE plan_id = @planId`,
  ),
  page: {
    order: pageQuery(db, 'order'),
    deadline: pageQuery(db, 'deadline'),
    status: pageQuery(db, 'status'),
    updatedAt: pageQuery(db, 'updatedAt'),
  },
  byId: db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE id = ?'),
  // name: as the document writes it for this task (migration 009), canonical_name: the department's own
  unitsOf: db.prepare<[string], { task_id: string; role: 'lead' | 'participating'; id: string; name: string; canonical_name: string }>(
    `SELECT tu.task_id, tu.role, u.id, COALESCE(tu.as_written, u.name) AS name, u.name AS canonical_name
       FROM task_departments tu JOIN departments u ON u.id = tu.department_id
      WHERE tu.task_id IN (SELECT value FROM json_each(?)) ORDER BY tu.task_id, tu.role, tu.position`,
  ),
  districtsOf: db.prepare<[string], { task_id: string; id: string; name: string }>(
    `SELECT td.task_id, d.id, d.name FROM task_districts td JOIN districts d ON d.id = td.district_id
      WHERE td.task_id IN (SELECT value FROM json_each(?)) ORDER BY td.task_id, td.position`,
  ),
  insert: db.prepare<[TaskRow], never>(
    `INSERT INTO tasks (id, plan_id, number, sort_order, section, title, description, deadline, deadline_text, status,
       progress, quantitative_goal, notes, source, updated_at)
     VALUES (@id, @plan_id, @number, @sort_order, @section, @title, @description, @deadline, @deadline_text, @status,
       @progress, @quantitative_goal, @notes, @source, @updated_at)`,
  ),
  update: db.prepare<[TaskRow], never>(
    `UPDATE tasks SET number = @number, section = @section, title = @title, description = @description,
       deadline = @deadline, deadline_text = @deadline_text, status = @status, progress = @progress,
       quantitative_goal = @quantitative_goal, notes = @notes, source = @source, updated_at = @updated_at
     WHERE id = @id`,
  ),
  clearDepartments: db.prepare<[string, string], never>('DELETE FROM task_departments WHERE task_id = ? AND role = ?'),
  insertUnit: db.prepare<[string, string, string, number], never>(
    'INSERT INTO task_departments (task_id, department_id, role, position) VALUES (?, ?, ?, ?)',
  ),
  departmentName: db.prepare<[string], { name: string }>('SELECT name FROM departments WHERE id = ?'),
  /** a link with the name as written (NULL: the canonical name) — the seed loader's and the drafter's */
  insertUnitAsWritten: db.prepare<[string, string, string, number, string | null], never>(
    'INSERT INTO task_departments (task_id, department_id, role, position, as_written) VALUES (?, ?, ?, ?, ?)',
  ),
  clearDistricts: db.prepare<[string], never>('DELETE FROM task_districts WHERE task_id = ?'),
  insertDistrict: db.prepare<[string, string, number], never>(
    'INSERT INTO task_districts (task_id, district_id, position) VALUES (?, ?, ?)',
  ),
}));
