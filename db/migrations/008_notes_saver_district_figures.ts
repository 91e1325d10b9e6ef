/**
 * 008 — issue 13's smaller items. Shipped: never edit.
 *
 * - tasks.notes: the task's 备注, a field of its own beside 任务内容 / 场景说明 (progress) / 量化目标.
 * - versions.author_department, versions.author_district: who saved a version, as change sets name
 *   their author since 004 (the name alone was in `author`). Versions saved before stay NULL there.
 * - task_district_figures: tasks per district of each plan, kept exact by triggers like 005's
 *   department figures, so tasks.facets reads them instead of counting a 100,000-task plan's
 *   task_districts again. A task's districts removed by the cascade of its own delete are counted out
 *   by the task's BEFORE DELETE trigger (the rows' AFTER DELETE trigger no longer finds the task then);
 *   a row whose count reaches 0 is deleted. tests/tasks/figures.test.ts checks them against a full count.
 */
export default {
  version: 8,
  name: 'notes_saver_district_figures',
  sql: `
ALTER TABLE tasks ADD COLUMN notes TEXT;
ALTER TABLE versions ADD COLUMN author_department TEXT;
ALTER TABLE versions ADD COLUMN author_district TEXT;

CREATE TABLE task_district_figures (
  plan_id TEXT NOT NULL,
  district_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (plan_id, district_id)
) STRICT, WITHOUT ROWID;

INSERT INTO task_district_figures (plan_id, district_id, n)
  SELECT t.plan_id, x.district_id, count(*) FROM task_districts x JOIN tasks t ON t.id = x.task_id GROUP BY t.plan_id, x.district_id;

CREATE TRIGGER task_district_figures_task_delete BEFORE DELETE ON tasks BEGIN
  UPDATE task_district_figures SET n = n - 1
   WHERE plan_id = old.plan_id AND district_id IN (SELECT x.district_id FROM task_districts x WHERE x.task_id = old.id);
  DELETE FROM task_district_figures WHERE plan_id = old.plan_id AND n <= 0;
END;

CREATE TRIGGER task_district_figures_task_move AFTER UPDATE OF plan_id ON tasks
  WHEN old.plan_id IS NOT new.plan_id BEGIN
  UPDATE task_district_figures SET n = n - 1
   WHERE plan_id = old.plan_id AND district_id IN (SELECT x.district_id FROM task_districts x WHERE x.task_id = new.id);
  INSERT INTO task_district_figures (plan_id, district_id, n)
    SELECT new.plan_id, x.district_id, 1 FROM task_districts x WHERE x.task_id = new.id
    ON CONFLICT (plan_id, district_id) DO UPDATE SET n = n + 1;
  DELETE FROM task_district_figures WHERE plan_id = old.plan_id AND n <= 0;
END;

CREATE TRIGGER task_district_figures_insert AFTER INSERT ON task_districts BEGIN
  INSERT INTO task_district_figures (plan_id, district_id, n)
    SELECT t.plan_id, new.district_id, 1 FROM tasks t WHERE t.id = new.task_id
    ON CONFLICT (plan_id, district_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER task_district_figures_delete AFTER DELETE ON task_districts BEGIN
  UPDATE task_district_figures SET n = n - 1
   WHERE district_id = old.district_id AND plan_id IN (SELECT t.plan_id FROM tasks t WHERE t.id = old.task_id);
  DELETE FROM task_district_figures WHERE district_id = old.district_id AND n <= 0;
END;

CREATE TRIGGER task_district_figures_update AFTER UPDATE OF task_id, district_id ON task_districts BEGIN
  UPDATE task_district_figures SET n = n - 1
   WHERE district_id = old.district_id AND plan_id IN (SELECT t.plan_id FROM tasks t WHERE t.id = old.task_id);
  INSERT INTO task_district_figures (plan_id, district_id, n)
    SELECT t.plan_id, new.district_id, 1 FROM tasks t WHERE t.id = new.task_id
    ON CONFLICT (plan_id, district_id) DO UPDATE SET n = n + 1;
  DELETE FROM task_district_figures WHERE district_id = old.district_id AND n <= 0;
END;
`,
};
