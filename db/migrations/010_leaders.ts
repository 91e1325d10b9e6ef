/**
 * 010 — the city leaders' 分工 (issue 14 §3: 渝府办发〔2023〕27号), reference data of its own shape: not a
 * plan, so no plan row, no tasks. Shipped: never edit.
 *
 * - leaders: one row per 市长 / 常务副市长 / 副市长 / 秘书长 as the document lists them (sort_order), with the
 *   document they come from (doc_number, source).
 * - leader_duties: what each leader 负责 (areas of work), 分管 (bodies; the 市长's 主管 is filed here too)
 *   and 联系 (bodies they keep contact with), `verb` the document's own word (负责, 主持, 协助负责, 具体负责,
 *   主管, 分管, 联系, 协助市长联系), `text` as written (市发展改革委（市粮食局）), `department_id` the
 *   department of the file it names (by name or alias) or NULL, source line and text verbatim.
 *   A department deleted leaves the duty as written (SET NULL); leaders.list matches it again by name.
 * Filled by the seed loader (db/leaders/load.ts) in every new file, and by openStore right after this migration upgrades an older file.
 */
export default {
  version: 10,
  name: 'leaders',
  sql: `
CREATE TABLE leaders (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  title TEXT NOT NULL CHECK (length(title) > 0),
  sort_order INTEGER NOT NULL,
  doc_number TEXT NOT NULL,
  source TEXT NOT NULL
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

CREATE INDEX leader_duties_leader ON leader_duties(leader_id, position);
CREATE INDEX leader_duties_department ON leader_duties(department_id) WHERE department_id IS NOT NULL;
`,
};
