/** Statements of the comments table (migration 004), and row → API mapping. */
import { preparedOnce } from '../context.ts';
import type { OperationOutput } from '../../contract/operations.ts';

export interface CommentRow {
  id: string;
  plan_id: string;
  target: 'cell' | 'task';
  task_id: string | null;
  indicator_id: string | null;
  scope: 'plan' | 'district' | 'cluster' | null;
  scope_id: string | null;
  year: number | null;
  period: '' | 'Q1' | 'Q2' | 'Q3' | 'Q4' | null;
  kind: 'target' | 'actual' | null;
  body: string;
  author: string;
  author_department: string | null;
  author_district: string | null;
  created_at: string;
  updated_at: string;
}

export type Comment = OperationOutput<'comments.add'>['comment'];

/** Only comments whose task or indicator exists (a deleted task's comments come back with its undo). */
const LIVE = `(c.target = 'task' AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = c.task_id AND t.plan_id = c.plan_id))
  OR (c.target = 'cell' AND EXISTS (SELECT 1 FROM indicators i WHERE i.id = c.indicator_id AND i.plan_id = c.plan_id))`;

export const commentQueries = preparedOnce((db) => ({
  byId: db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE id = ?'),
  ofPlan: db.prepare<[string], CommentRow>(`SELECT c.* FROM comments c WHERE c.plan_id = ? AND (${LIVE}) ORDER BY c.created_at, c.rowid`),
  ofTask: db.prepare<[string, string], CommentRow>(`SELECT c.* FROM comments c WHERE c.plan_id = ? AND c.task_id = ? AND (${LIVE}) ORDER BY c.created_at, c.rowid`),
  ofIndicator: db.prepare<[string, string], CommentRow>(
    `SELECT c.* FROM comments c WHERE c.plan_id = ? AND c.indicator_id = ? AND (${LIVE}) ORDER BY c.created_at, c.rowid`,
  ),
  insert: db.prepare<[CommentRow], never>(
    `INSERT INTO comments (id, plan_id, target, task_id, indicator_id, scope, scope_id, year, period, kind, body, author,
       author_department, author_district, created_at, updated_at)
     VALUES (@id, @plan_id, @target, @task_id, @indicator_id, @scope, @scope_id, @year, @period, @kind, @body, @author,
       @author_department, @author_district, @created_at, @updated_at)`,
  ),
  setBody: db.prepare<[string, string, string], never>('UPDATE comments SET body = ?, updated_at = ? WHERE id = ?'),
  remove: db.prepare<[string], never>('DELETE FROM comments WHERE id = ?'),
  taskOfPlan: db.prepare<[string, string], { id: string }>('SELECT id FROM tasks WHERE id = ? AND plan_id = ?'),
  /** what each comment of a plan is on, in words: the task's number and title, or the indicator and row names */
  subjects: db.prepare<[string], { id: string; task_number: string | null; task_title: string | null; indicator_name: string | null; scope_name: string | null }>(
    `SELECT c.id, t.number AS task_number, t.title AS task_title, i.name AS indicator_name,
            CASE c.scope WHEN 'district' THEN (SELECT d.name FROM districts d WHERE d.id = c.scope_id)
                         WHEN 'cluster' THEN (SELECT k.name FROM clusters k WHERE k.id = c.scope_id) ELSE NULL END AS scope_name
       FROM comments c LEFT JOIN tasks t ON t.id = c.task_id LEFT JOIN indicators i ON i.id = c.indicator_id
      WHERE c.plan_id = ?`,
  ),
  indicatorOfPlan: db.prepare<[string, string], { id: string; name: string }>('SELECT id, name FROM indicators WHERE id = ? AND plan_id = ?'),
}));

export function toComment(r: CommentRow): Comment {
  return {
    id: r.id,
    planId: r.plan_id,
    target: r.target,
    taskId: r.task_id,
    cell:
      r.target === 'cell' && r.indicator_id && r.scope && r.year !== null && r.period !== null && r.kind
        ? { indicatorId: r.indicator_id, scope: r.scope, scopeId: r.scope_id === '' ? null : r.scope_id, year: r.year, period: r.period, kind: r.kind }
        : null,
    body: r.body,
    author: r.author,
    authorDepartment: r.author_department,
    authorDistrict: r.author_district,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
