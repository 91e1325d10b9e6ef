/**
 * 004 — who made a change, and comments (批注) (issue 13). Shipped: never edit.
 *
 * change_sets gets the author's department and district beside user_name (the identity kept in the
 * user's data folder, db/identity/; NULL for changes made before, or by a user who has set none).
 * comments: a note on a target cell (indicator, scope, scope id, year, period, kind: the cell's address,
 * so a blank cell can carry one too) or on a task. No foreign key to tasks or indicators: a comment on
 * a deleted task stays in the file and comes back with an undo of the delete (lists show only comments
 * whose task or indicator exists). Added, edited and deleted through runChange (entity 'comment').
 */
export default {
  version: 4,
  name: 'identity_comments',
  sql: `
ALTER TABLE change_sets ADD COLUMN user_department TEXT;
ALTER TABLE change_sets ADD COLUMN user_district TEXT;

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  target TEXT NOT NULL CHECK (target IN ('cell', 'task')),
  task_id TEXT,
  indicator_id TEXT,
  scope TEXT CHECK (scope IS NULL OR scope IN ('plan', 'district', 'cluster')),
  scope_id TEXT,
  year INTEGER,
  period TEXT CHECK (period IS NULL OR period IN ('', 'Q1', 'Q2', 'Q3', 'Q4')),
  kind TEXT CHECK (kind IS NULL OR kind IN ('target', 'actual')),
  body TEXT NOT NULL CHECK (length(body) > 0),
  author TEXT NOT NULL,
  author_department TEXT,
  author_district TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((target = 'task' AND task_id IS NOT NULL AND indicator_id IS NULL)
      OR (target = 'cell' AND task_id IS NULL AND indicator_id IS NOT NULL AND scope IS NOT NULL AND scope_id IS NOT NULL
          AND year IS NOT NULL AND period IS NOT NULL AND kind IS NOT NULL))
) STRICT;
CREATE INDEX comments_plan ON comments(plan_id, target);
CREATE INDEX comments_task ON comments(task_id) WHERE task_id IS NOT NULL;
CREATE INDEX comments_cell ON comments(indicator_id, scope, scope_id, year, period, kind) WHERE indicator_id IS NOT NULL;
`,
};
