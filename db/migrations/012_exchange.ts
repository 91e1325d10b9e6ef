/**
 * 012 — 报送包 exchange between the districts and the city (issue 15, db/exchange/). Shipped: never edit.
 *
 * - package_log: every package this file sent (direction 'out') or applied ('in'), per plan and
 *   counterpart (a district's id, or 'city'), numbered per sender (`seq`: never wall-clock order).
 *   `state_hash` is the sender's plan content when it was made (db/exchange/canonical.ts), what the next
 *   package the other way names as its base. Out: `version_id` is the version saved when it was made
 *   (our side of that base). In: `version_id` is our version its base was (the package's changes are
 *   against it), `applied_version_id` the version saved after the merge ("合并 江津区 报送 #3"),
 *   `change_set_id` the merge's one undoable step, `author` the package's sender beside `by`, who applied it.
 * - package_changes: the cells of each package applied here (and of one being previewed), kept so the
 *   next package back can be made against the sender's state (our version + these changes), and so a
 *   cell's author in the package is known (the change set names the person applying it).
 * - package_pending: the packages being previewed (several per plan: one per district reporting), their
 *   manifests; merge_conflicts:
 *   its conflicts with base / mine / theirs and the resolution chosen (Dolt keeps conflicts in tables).
 * No foreign key to plans: a district's first package creates its plan, and the log outlives a plan
 * that is deleted (a package naming it is then refused as of a missing plan).
 */
export default {
  version: 12,
  name: 'exchange',
  sql: `
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
CREATE INDEX package_log_plan ON package_log(plan_id, counterpart, direction, seq);

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

CREATE TABLE package_pending (
  package_id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  manifest TEXT NOT NULL CHECK (json_valid(manifest)),
  previewed_at TEXT NOT NULL,
  previewed_by TEXT NOT NULL
) STRICT;
CREATE INDEX package_pending_plan ON package_pending(plan_id);

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
`,
};
