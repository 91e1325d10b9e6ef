/**
 * 007 — authoring of clusters, indicators and departments (issue 14 §1). Shipped: never edit.
 *
 * - departments.sort_order: the planner's order of the common list of departments (NULL: not placed,
 *   listed after the placed ones by name — every department of an older file).
 * - department_merges: one row per merge of two spellings of one department (市金融工作局 into
 *   市金融监管局): the merged department's id and name as they were, the department it went into, how
 *   many task links were repointed, when and by whom. The merged name lives on as an alias of the one
 *   kept (department_aliases). No foreign keys: the merged department is gone, and the row is history
 *   (added and removed through runChange, entity 'department_merge', so a merge is undone whole).
 * Indicators need no new column for qualifiers (以上/左右/超过): the number is exact in *_value and the
 * wording verbatim in *_text beside it (domain/numbers.ts readValueText), since migration 001.
 */
export default {
  version: 7,
  name: 'catalog',
  sql: `
ALTER TABLE departments ADD COLUMN sort_order INTEGER;

CREATE TABLE department_merges (
  id TEXT PRIMARY KEY,
  from_department_id TEXT NOT NULL,
  from_name TEXT NOT NULL CHECK (length(from_name) > 0),
  into_department_id TEXT NOT NULL,
  task_links INTEGER NOT NULL DEFAULT 0,
  merged_at TEXT NOT NULL,
  merged_by TEXT NOT NULL
) STRICT;
CREATE INDEX department_merges_into ON department_merges(into_department_id);
CREATE INDEX department_merges_from ON department_merges(from_department_id);
`,
};
