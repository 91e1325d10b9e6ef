/** Prepared statements of saved versions (bound parameters only). */
import type { Db } from '../connection.ts';
import { preparedOnce } from '../context.ts';
import { ENTITY_ORDER_SQL, VERSIONED_SQL, type VersionedEntity } from './rows.ts';

export interface VersionRow {
  id: number;
  plan_id: string;
  seq: number;
  name: string;
  author: string;
  /** the saver's department and district (migration 008; NULL for versions saved before) */
  author_department: string | null;
  author_district: string | null;
  created_at: string;
  note: string | null;
  change_set_id: number;
  rows_written: number;
}

export interface Version {
  id: number;
  planId: string;
  seq: number;
  name: string;
  author: string;
  authorDepartment: string | null;
  authorDistrict: string | null;
  createdAt: string;
  note: string | null;
  rowsWritten: number;
}

export const toVersion = (r: VersionRow): Version => ({
  id: r.id,
  planId: r.plan_id,
  seq: r.seq,
  name: r.name,
  author: r.author,
  authorDepartment: r.author_department,
  authorDistrict: r.author_district,
  createdAt: r.created_at,
  note: r.note,
  rowsWritten: r.rows_written,
});

/**
 * An audit entry concerns plan @plan: its change set is the plan's (or of no plan), or it is an edit
 * of one of the plan's tasks made from another plan — a department merge (db/departments) repoints the
 * tasks of every plan in one step of the plan it was made in.
 */
const OF_PLAN = `(coalesce(c.plan_id, @plan) = @plan
  OR (a.entity = 'task' AND a.field IN ('lead_departments', 'participating_departments')
      AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = a.entity_id AND t.plan_id = @plan)))`;

/**
 * The plan's tasks linked to a department renamed by a change set in the range (any plan's: the list
 * of departments is the file's): a version keeps the names its tasks' links had (rows.ts LINK_NAMES),
 * so a rename changes the row of every task naming the department.
 */
const RENAMED_LINKS = (range: string) => `SELECT DISTINCT 'task' AS entity, td.task_id AS entity_id
   FROM change_sets c JOIN audit_log a ON a.change_set_id = c.id
   JOIN task_departments td ON td.department_id = a.entity_id JOIN tasks t ON t.id = td.task_id
  WHERE ${range} AND a.entity = 'department' AND a.field = 'name' AND t.plan_id = @plan`;

const VALID_AT = (seq: string) => `valid_from <= ${seq} AND (valid_to IS NULL OR valid_to > ${seq})`;

export const versionQueries = preparedOnce((db: Db) => {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS version_candidates (
    ord INTEGER NOT NULL, entity TEXT NOT NULL, row_id TEXT NOT NULL, PRIMARY KEY (ord, row_id)) WITHOUT ROWID`);
  return {
    list: db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE plan_id = ? ORDER BY seq DESC'),
    byId: db.prepare<[number], VersionRow>('SELECT * FROM versions WHERE id = ?'),
    byName: db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE name = ? ORDER BY id'),
    latest: db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE plan_id = ? ORDER BY seq DESC LIMIT 1'),
    insert: db.prepare<[string, number, string, string, string | null, string | null, string, string | null, number, number], never>(
      `INSERT INTO versions (plan_id, seq, name, author, author_department, author_district, created_at, note, change_set_id, rows_written)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    maxChangeSet: db.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM change_sets'),
    /** records touched by the plan's change sets in (after, upTo]: the dirty set since a version */
    dirty: db.prepare<{ after: number; upTo: number; plan: string }, { entity: VersionedEntity; entity_id: string }>(
      `SELECT DISTINCT a.entity, a.entity_id FROM change_sets c JOIN audit_log a ON a.change_set_id = c.id
        WHERE c.id > @after AND c.id <= @upTo AND ${OF_PLAN} AND a.entity IN (${VERSIONED_SQL})
       UNION ${RENAMED_LINKS('c.id > @after AND c.id <= @upTo')}`,
    ),
    openRow: db.prepare<[string, string, string], { valid_from: number; data: string }>(
      'SELECT valid_from, data FROM version_rows WHERE plan_id = ? AND entity = ? AND row_id = ? AND valid_to IS NULL',
    ),
    closeRow: db.prepare<[number, string, string, string, number], never>(
      'UPDATE version_rows SET valid_to = ? WHERE plan_id = ? AND entity = ? AND row_id = ? AND valid_from = ?',
    ),
    insertRow: db.prepare<[string, string, string, number, string], never>(
      'INSERT INTO version_rows (plan_id, entity, row_id, valid_from, data) VALUES (?, ?, ?, ?, ?)',
    ),
    /** one row's content in version @seq */
    rowAt: db.prepare<{ plan: string; entity: string; row: string; seq: number }, { data: string }>(
      `SELECT data FROM version_rows WHERE plan_id = @plan AND entity = @entity AND row_id = @row AND ${VALID_AT('@seq')}`,
    ),
    /** every row of one kind in version @seq, ordered by id (for exports and the daff comparison) */
    tableAt: db.prepare<{ plan: string; entity: string; seq: number }, { row_id: string; data: string }>(
      `SELECT row_id, data FROM version_rows WHERE plan_id = @plan AND entity = @entity AND ${VALID_AT('@seq')} ORDER BY row_id`,
    ),
    clearCandidates: db.prepare<[], never>('DELETE FROM temp.version_candidates'),
    /** rows whose content differs between versions @lo < @hi: exactly the records that began or ended in (lo, hi] */
    candidatesBetween: db.prepare<{ plan: string; lo: number; hi: number }, never>(
      `INSERT OR IGNORE INTO temp.version_candidates (ord, entity, row_id)
       SELECT ${ENTITY_ORDER_SQL}, entity, row_id FROM version_rows
        WHERE plan_id = @plan AND valid_from > @lo AND valid_from <= @hi
       UNION
       SELECT ${ENTITY_ORDER_SQL}, entity, row_id FROM version_rows
        WHERE plan_id = @plan AND valid_to > @lo AND valid_to <= @hi`,
    ),
    /** rows touched since the latest version (change sets after its mark) */
    candidatesDirty: db.prepare<{ plan: string; after: number }, never>(
      `INSERT OR IGNORE INTO temp.version_candidates (ord, entity, row_id)
       SELECT DISTINCT ${ENTITY_ORDER_SQL}, a.entity, a.entity_id FROM change_sets c JOIN audit_log a ON a.change_set_id = c.id
        WHERE c.id > @after AND ${OF_PLAN} AND a.entity IN (${VERSIONED_SQL})
       UNION SELECT ${ENTITY_ORDER_SQL}, entity, entity_id FROM (${RENAMED_LINKS('c.id > @after')})`,
    ),
    /** candidates in order, each with its content in versions @a and @b (-1: not read from the store) */
    candidates: db.prepare<{ plan: string; a: number; b: number }, { entity: VersionedEntity; row_id: string; a_data: string | null; b_data: string | null }>(
      `SELECT k.entity, k.row_id,
              (SELECT data FROM version_rows v WHERE v.plan_id = @plan AND v.entity = k.entity AND v.row_id = k.row_id
                  AND v.valid_from <= @a AND (v.valid_to IS NULL OR v.valid_to > @a)) AS a_data,
              (SELECT data FROM version_rows v WHERE v.plan_id = @plan AND v.entity = k.entity AND v.row_id = k.row_id
                  AND v.valid_from <= @b AND (v.valid_to IS NULL OR v.valid_to > @b)) AS b_data
         FROM temp.version_candidates k ORDER BY k.ord, k.row_id`,
    ),
  };
});
