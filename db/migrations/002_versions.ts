/**
 * 002 — saved plan versions (see db/versions/store.ts for the design). Shipped: never edit.
 *
 * `versions`: one row per saved version of a plan; `seq` numbers a plan's versions 1, 2, 3…;
 * `change_set_id` is the audit log's high-water mark when it was saved (what changed after it is
 * read from the audit log). `version_rows`: a row's content is stored once per content it had, valid
 * for the plan's versions valid_from <= seq < valid_to (valid_to NULL: still valid in the latest).
 */
export default {
  version: 2,
  name: 'versions',
  sql: `
CREATE TABLE versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  name TEXT NOT NULL CHECK (length(name) > 0),
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  note TEXT,
  change_set_id INTEGER NOT NULL DEFAULT 0,
  rows_written INTEGER NOT NULL DEFAULT 0,
  UNIQUE (plan_id, seq)
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
CREATE INDEX version_rows_from ON version_rows(plan_id, valid_from);
CREATE INDEX version_rows_to ON version_rows(plan_id, valid_to);
`,
};
