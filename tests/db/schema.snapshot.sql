-- PlanDesk schema version 13
CREATE INDEX audit_log_change_set ON audit_log(change_set_id);

CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, field);

CREATE INDEX change_sets_plan ON change_sets(plan_id, kind, state, id);

CREATE INDEX clusters_plan ON clusters(plan_id, sort_order);

CREATE INDEX comments_cell ON comments(indicator_id, scope, scope_id, year, period, kind) WHERE indicator_id IS NOT NULL;

CREATE INDEX comments_plan ON comments(plan_id, target);

CREATE INDEX comments_task ON comments(task_id) WHERE task_id IS NOT NULL;

CREATE INDEX department_merges_from ON department_merges(from_department_id);

CREATE INDEX department_merges_into ON department_merges(into_department_id);

CREATE INDEX indicators_plan ON indicators(plan_id, sort_order);

CREATE INDEX leader_duties_department ON leader_duties(department_id) WHERE department_id IS NOT NULL;

CREATE INDEX leader_duties_leader ON leader_duties(leader_id, position);

CREATE INDEX package_log_plan ON package_log(plan_id, counterpart, direction, seq);

CREATE INDEX package_pending_plan ON package_pending(plan_id);

CREATE INDEX plans_archived ON plans(archived_at);

CREATE INDEX target_values_scope ON target_values(scope, scope_id);

CREATE INDEX task_departments_department ON task_departments(department_id, role);

CREATE INDEX task_districts_district ON task_districts(district_id);

CREATE INDEX tasks_plan ON tasks(plan_id, sort_order);

CREATE INDEX trusted_keys_district ON trusted_keys(district_id);

CREATE INDEX version_rows_from ON version_rows(plan_id, valid_from);

CREATE INDEX version_rows_to ON version_rows(plan_id, valid_to);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  change_set_id INTEGER NOT NULL REFERENCES change_sets(id),
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
) STRICT;

CREATE TABLE change_sets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  plan_id TEXT,
  label TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'edit' CHECK (kind IN ('edit', 'undo', 'redo')),
  reverts_id INTEGER REFERENCES change_sets(id),
  state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded'))
, user_department TEXT, user_district TEXT) STRICT;

CREATE TABLE clusters (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) > 0),
  note TEXT,
  source TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;

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

CREATE TABLE "department_aliases" (
  alias TEXT PRIMARY KEY,
  department_id TEXT NOT NULL REFERENCES "departments"(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE department_merges (
  id TEXT PRIMARY KEY,
  from_department_id TEXT NOT NULL,
  from_name TEXT NOT NULL CHECK (length(from_name) > 0),
  into_department_id TEXT NOT NULL,
  task_links INTEGER NOT NULL DEFAULT 0,
  merged_at TEXT NOT NULL,
  merged_by TEXT NOT NULL
) STRICT;

CREATE TABLE "departments" (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
, sort_order INTEGER) STRICT;

CREATE TABLE districts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  code TEXT,
  area_group TEXT
, kind TEXT NOT NULL DEFAULT 'area' CHECK (kind IN ('district', 'county', 'autonomous_county', 'area')), groups TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(groups) AND json_type(groups) = 'array')) STRICT;

CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  category TEXT,
  name TEXT NOT NULL CHECK (length(name) > 0),
  unit TEXT,
  attribute TEXT CHECK (attribute IN ('预期性', '约束性')),
  baseline_year INTEGER,
  baseline_value TEXT,
  baseline_text TEXT,
  target_year INTEGER,
  target_value TEXT,
  target_text TEXT,
  stated_growth_text TEXT,
  note TEXT,
  source TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE leader_duties (
  id INTEGER PRIMARY KEY,
  leader_id TEXT NOT NULL REFERENCES leaders(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('负责', '分管', '联系')),
  verb TEXT NOT NULL,
  text TEXT NOT NULL CHECK (length(text) > 0),
  department_id TEXT REFERENCES departments(id) ON DELETE SET NULL,
  position INTEGER NOT NULL,
  source_line INTEGER,
  source_text TEXT NOT NULL
) STRICT;

CREATE TABLE leaders (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  title TEXT NOT NULL CHECK (length(title) > 0),
  sort_order INTEGER NOT NULL,
  doc_number TEXT NOT NULL,
  source TEXT NOT NULL
) STRICT;

CREATE TABLE merge_conflicts (
  package_id TEXT NOT NULL REFERENCES package_pending(package_id) ON DELETE CASCADE,
  conflict_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cell', 'editedDeleted', 'deletedEdited', 'sameKey')),
  entity TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT,
  data TEXT NOT NULL CHECK (json_valid(data)),
  resolution TEXT CHECK (resolution IS NULL OR json_valid(resolution)),
  PRIMARY KEY (package_id, conflict_id)
) STRICT;

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE package_changes (
  package_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('update', 'insert', 'delete')),
  entity TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT,
  base TEXT,
  value TEXT,
  author TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (package_id, n)
) STRICT;

CREATE TABLE package_comment_rows (
  package_id TEXT NOT NULL,
  row_id TEXT NOT NULL,
  data TEXT NOT NULL CHECK (json_valid(data)),
  PRIMARY KEY (package_id, row_id)
) STRICT;

CREATE TABLE package_comment_states (
  package_id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  comment_changes INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE package_log (
  package_id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  counterpart TEXT NOT NULL CHECK (length(counterpart) > 0),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  full INTEGER NOT NULL DEFAULT 0 CHECK (full IN (0, 1)),
  base_package_id TEXT,
  base_hash TEXT,
  state_hash TEXT NOT NULL,
  version_id INTEGER,
  applied_version_id INTEGER,
  change_set_id INTEGER,
  changes INTEGER NOT NULL DEFAULT 0,
  conflicts INTEGER NOT NULL DEFAULT 0,
  author TEXT NOT NULL,
  author_department TEXT,
  author_district TEXT,
  fingerprint TEXT NOT NULL,
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  UNIQUE (plan_id, direction, counterpart, seq)
) STRICT;

CREATE TABLE package_pending (
  package_id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  manifest TEXT NOT NULL CHECK (json_valid(manifest)),
  previewed_at TEXT NOT NULL,
  previewed_by TEXT NOT NULL
) STRICT;

CREATE TABLE package_pending_signatures (
  package_id TEXT PRIMARY KEY,
  algorithm TEXT NOT NULL,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  signature TEXT NOT NULL
) STRICT;

CREATE TABLE plan_districts (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  district_id TEXT NOT NULL REFERENCES districts(id),
  priority_industries TEXT NOT NULL DEFAULT '[]',
  featured_industries TEXT NOT NULL DEFAULT '[]',
  note TEXT,
  source TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (plan_id, district_id)
) STRICT;

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL CHECK (length(title) > 0),
  doc_number TEXT NOT NULL,
  issuer TEXT NOT NULL,
  issue_date TEXT,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL CHECK (period_end >= period_start),
  source TEXT,
  max_priority_industries INTEGER,
  sort_order INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
, archived_at TEXT, origin_plan_id TEXT) STRICT;

CREATE TABLE preferences (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE target_values (
  id TEXT PRIMARY KEY,
  indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('plan', 'district', 'cluster')),
  scope_id TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL,
  period TEXT NOT NULL DEFAULT '' CHECK (period IN ('', 'Q1', 'Q2', 'Q3', 'Q4')),
  kind TEXT NOT NULL CHECK (kind IN ('target', 'actual')),
  value TEXT,
  text TEXT,
  source TEXT,
  UNIQUE (indicator_id, scope, scope_id, year, period, kind)
) STRICT;

CREATE TABLE task_department_figures (
  plan_id TEXT NOT NULL,
  department_id TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (plan_id, department_id, role, status)
) STRICT, WITHOUT ROWID;

CREATE TABLE "task_departments" (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  department_id TEXT NOT NULL REFERENCES "departments"(id),
  role TEXT NOT NULL CHECK (role IN ('lead', 'participating')),
  position INTEGER NOT NULL, as_written TEXT CHECK (as_written IS NULL OR length(as_written) > 0),
  PRIMARY KEY (task_id, role, department_id)
) STRICT;

CREATE TABLE task_district_figures (
  plan_id TEXT NOT NULL,
  district_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (plan_id, district_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE task_districts (
  task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  district_id TEXT NOT NULL REFERENCES districts(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (task_id, district_id)
) STRICT;

CREATE TABLE task_figures (
  plan_id TEXT NOT NULL,
  deadline TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (plan_id, deadline, status)
) STRICT, WITHOUT ROWID;

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  number TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL,
  section TEXT,
  title TEXT NOT NULL CHECK (length(title) > 0),
  description TEXT,
  deadline TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  deadline_text TEXT,
  status TEXT NOT NULL DEFAULT '未开始' CHECK (status IN ('未开始', '进行中', '已完成', '滞后')),
  progress TEXT,
  quantitative_goal TEXT,
  source TEXT,
  updated_at TEXT NOT NULL
, notes TEXT) STRICT;

CREATE TABLE trusted_keys (
  fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
  public_key TEXT NOT NULL UNIQUE CHECK (length(public_key) = 130 AND substr(public_key, 1, 2) = '04' AND public_key NOT GLOB '*[^0-9a-f]*'),
  role TEXT NOT NULL CHECK (role IN ('city', 'district')),
  district_id TEXT REFERENCES districts(id),
  holder_name TEXT NOT NULL CHECK (length(holder_name) > 0),
  holder_department TEXT,
  holder_district TEXT,
  key_created_at TEXT,
  trusted_at TEXT NOT NULL,
  trusted_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
) STRICT;

CREATE TABLE version_rows (
  id INTEGER PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  entity TEXT NOT NULL CHECK (entity IN ('plan', 'plan_district', 'cluster', 'indicator', 'target', 'task')),
  row_id TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to INTEGER CHECK (valid_to IS NULL OR valid_to > valid_from),
  data TEXT NOT NULL,
  UNIQUE (plan_id, entity, row_id, valid_from)
) STRICT;

CREATE TABLE versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  name TEXT NOT NULL CHECK (length(name) > 0),
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  note TEXT,
  change_set_id INTEGER NOT NULL DEFAULT 0,
  rows_written INTEGER NOT NULL DEFAULT 0, author_department TEXT, author_district TEXT,
  UNIQUE (plan_id, seq)
) STRICT;

CREATE TRIGGER task_department_figures_delete AFTER DELETE ON task_departments BEGIN
  UPDATE task_department_figures SET n = n - 1
   WHERE department_id = old.department_id AND role = old.role
     AND (plan_id, status) IN (SELECT t.plan_id, t.status FROM tasks t WHERE t.id = old.task_id);
  DELETE FROM task_department_figures WHERE department_id = old.department_id AND role = old.role AND n <= 0;
END;

CREATE TRIGGER task_department_figures_insert AFTER INSERT ON task_departments BEGIN
  INSERT INTO task_department_figures (plan_id, department_id, role, status, n)
    SELECT t.plan_id, new.department_id, new.role, t.status, 1 FROM tasks t WHERE t.id = new.task_id
    ON CONFLICT (plan_id, department_id, role, status) DO UPDATE SET n = n + 1;
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

CREATE TRIGGER task_district_figures_delete AFTER DELETE ON task_districts BEGIN
  UPDATE task_district_figures SET n = n - 1
   WHERE district_id = old.district_id AND plan_id IN (SELECT t.plan_id FROM tasks t WHERE t.id = old.task_id);
  DELETE FROM task_district_figures WHERE district_id = old.district_id AND n <= 0;
END;

CREATE TRIGGER task_district_figures_insert AFTER INSERT ON task_districts BEGIN
  INSERT INTO task_district_figures (plan_id, district_id, n)
    SELECT t.plan_id, new.district_id, 1 FROM tasks t WHERE t.id = new.task_id
    ON CONFLICT (plan_id, district_id) DO UPDATE SET n = n + 1;
END;

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

CREATE TRIGGER task_district_figures_update AFTER UPDATE OF task_id, district_id ON task_districts BEGIN
  UPDATE task_district_figures SET n = n - 1
   WHERE district_id = old.district_id AND plan_id IN (SELECT t.plan_id FROM tasks t WHERE t.id = old.task_id);
  INSERT INTO task_district_figures (plan_id, district_id, n)
    SELECT t.plan_id, new.district_id, 1 FROM tasks t WHERE t.id = new.task_id
    ON CONFLICT (plan_id, district_id) DO UPDATE SET n = n + 1;
  DELETE FROM task_district_figures WHERE district_id = old.district_id AND n <= 0;
END;

CREATE TRIGGER task_figures_delete BEFORE DELETE ON tasks BEGIN
  UPDATE task_figures SET n = n - 1 WHERE plan_id = old.plan_id AND deadline = coalesce(old.deadline, '') AND status = old.status;
  UPDATE task_department_figures SET n = n - (SELECT count(*) FROM task_departments u WHERE u.task_id = old.id AND u.department_id = task_department_figures.department_id AND u.role = task_department_figures.role)
   WHERE plan_id = old.plan_id AND status = old.status
     AND EXISTS (SELECT 1 FROM task_departments u WHERE u.task_id = old.id AND u.department_id = task_department_figures.department_id AND u.role = task_department_figures.role);
  DELETE FROM task_figures WHERE plan_id = old.plan_id AND n <= 0;
  DELETE FROM task_department_figures WHERE plan_id = old.plan_id AND n <= 0;
END;

CREATE TRIGGER task_figures_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO task_figures (plan_id, deadline, status, n) VALUES (new.plan_id, coalesce(new.deadline, ''), new.status, 1)
    ON CONFLICT (plan_id, deadline, status) DO UPDATE SET n = n + 1;
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
