/**
 * 005 — the ledger's chart figures kept current on write (issue 13: tasks.stats of a 100,000-task plan
 * read from figures rather than counted again). Shipped: never edit.
 *
 * task_figures counts a plan's tasks by deadline ('' for none) and status; task_department_figures
 * counts them by department, role and status. Triggers keep both exact on every write, whoever makes
 * it (edits, imports, undo/redo, version restore, a deleted plan's cascade): SQL, not application code,
 * so no write path can forget them. A task's departments removed by the cascade of its own delete are
 * counted out by the task's BEFORE DELETE trigger (the rows' AFTER DELETE trigger no longer finds the
 * task then); a row whose count reaches 0 is deleted. tasks.stats without a filter reads these tables;
 * with a filter it counts the matching tasks as before. tests/tasks/figures.test.ts checks them against
 * a full count after random edits.
 */
export default {
  version: 5,
  name: 'task_figures',
  sql: `
CREATE TABLE task_figures (
  plan_id TEXT NOT NULL,
  deadline TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (plan_id, deadline, status)
) STRICT, WITHOUT ROWID;

CREATE TABLE task_department_figures (
  plan_id TEXT NOT NULL,
  department_id TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (plan_id, department_id, role, status)
) STRICT, WITHOUT ROWID;

INSERT INTO task_figures (plan_id, deadline, status, n)
  SELECT plan_id, coalesce(deadline, ''), status, count(*) FROM tasks GROUP BY plan_id, coalesce(deadline, ''), status;
INSERT INTO task_department_figures (plan_id, department_id, role, status, n)
  SELECT t.plan_id, u.department_id, u.role, t.status, count(*) FROM task_departments u JOIN tasks t ON t.id = u.task_id
   GROUP BY t.plan_id, u.department_id, u.role, t.status;

CREATE TRIGGER task_figures_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO task_figures (plan_id, deadline, status, n) VALUES (new.plan_id, coalesce(new.deadline, ''), new.status, 1)
    ON CONFLICT (plan_id, deadline, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER task_figures_delete BEFORE DELETE ON tasks BEGIN
  UPDATE task_figures SET n = n - 1 WHERE plan_id = old.plan_id AND deadline = coalesce(old.deadline, '') AND status = old.status;
  UPDATE task_department_figures SET n = n - (SELECT count(*) FROM task_departments u WHERE u.task_id = old.id AND u.department_id = task_department_figures.department_id AND u.role = task_department_figures.role)
   WHERE plan_id = old.plan_id AND status = old.status
     AND EXISTS (SELECT 1 FROM task_departments u WHERE u.task_id = old.id AND u.department_id = task_department_figures.department_id AND u.role = task_department_figures.role);
  DELETE FROM task_figures WHERE plan_id = old.plan_id AND n <= 0;
  DELETE FROM task_department_figures WHERE plan_id = old.plan_id AND n <= 0;
END;

CREATE TRIGGER task_figures_update AFTER UPDATE OF plan_id, deadline, status ON tasks
  WHEN old.plan_id IS NOT new.plan_id OR old.deadline IS NOT new.deadline OR old.status IS NOT new.status BEGIN
  UPDATE task_figures SET n = n - 1 WHERE plan_id = old.plan_id AND deadline = coalesce(old.deadline, '') AND status = old.status;
  INSERT INTO task_figures (plan_id, deadline, status, n) VALUES (new.plan_id, coalesce(new.deadline, ''), new.status, 1)
    ON CONFLICT (plan_id, deadline, status) DO UPDATE SET n = n + 1;
  UPDATE task_department_figures SET n = n - 1
   WHERE plan_id = old.plan_id AND status = old.status
     AND EXISTS (SELECT 1 FROM task_departments u WHERE u.task_id = new.id AND u.department_id = task_department_figures.department_id AND u.role = task_department_figures.role);
  INSERT INTO task_department_figures (plan_id, department_id, role, status, n)
    SELECT new.plan_id, u.department_id, u.role, new.status, 1 FROM task_departments u WHERE u.task_id = new.id
    ON CONFLICT (plan_id, department_id, role, status) DO UPDATE SET n = n + 1;
  DELETE FROM task_figures WHERE plan_id = old.plan_id AND n <= 0;
  DELETE FROM task_department_figures WHERE plan_id = old.plan_id AND n <= 0;
END;

CREATE TRIGGER task_department_figures_insert AFTER INSERT ON task_departments BEGIN
  INSERT INTO task_department_figures (plan_id, department_id, role, status, n)
    SELECT t.plan_id, new.department_id, new.role, t.status, 1 FROM tasks t WHERE t.id = new.task_id
    ON CONFLICT (plan_id, department_id, role, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER task_department_figures_delete AFTER DELETE ON task_departments BEGIN
  UPDATE task_department_figures SET n = n - 1
   WHERE department_id = old.department_id AND role = old.role
     AND (plan_id, status) IN (SELECT t.plan_id, t.status FROM tasks t WHERE t.id = old.task_id);
  DELETE FROM task_department_figures WHERE department_id = old.department_id AND role = old.role AND n <= 0;
END;

CREATE TRIGGER task_department_figures_update AFTER UPDATE OF task_id, department_id, role ON task_departments BEGIN
  UPDATE task_department_figures SET n = n - 1
   WHERE department_id = old.department_id AND role = old.role
     AND (plan_id, status) IN (SELECT t.plan_id, t.status FROM tasks t WHERE t.id = old.task_id);
  INSERT INTO task_department_figures (plan_id, department_id, role, status, n)
    SELECT t.plan_id, new.department_id, new.role, t.status, 1 FROM tasks t WHERE t.id = new.task_id
    ON CONFLICT (plan_id, department_id, role, status) DO UPDATE SET n = n + 1;
  DELETE FROM task_department_figures WHERE department_id = old.department_id AND role = old.role AND n <= 0;
END;
`,
};
