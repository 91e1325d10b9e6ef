/** Prepared statements of the exchange (migration 012; bound parameters only). */
import { preparedOnce } from '../context.ts';

export interface LogRow {
  package_id: string;
  plan_id: string;
  direction: 'in' | 'out';
  counterpart: string;
  seq: number;
  full: number;
  base_package_id: string | null;
  base_hash: string | null;
  state_hash: string;
  version_id: number | null;
  applied_version_id: number | null;
  change_set_id: number | null;
  changes: number;
  conflicts: number;
  author: string;
  author_department: string | null;
  author_district: string | null;
  fingerprint: string;
  at: string;
  by: string;
}

export interface StoredChange {
  n: number;
  op: 'update' | 'insert' | 'delete';
  entity: string;
  row_id: string;
  field: string | null;
  base: string | null;
  value: string | null;
  author: string;
  at: string;
}

export const exchangeQueries = preparedOnce((db) => ({
  logById: db.prepare<[string], LogRow>('SELECT * FROM package_log WHERE package_id = ?'),
  // a package applied here whose merge was undone (history.undo) counts as not applied: it may be imported again
  lastIn: db.prepare<[string, string], LogRow>(
    `SELECT l.* FROM package_log l LEFT JOIN change_sets c ON c.id = l.change_set_id
      WHERE l.plan_id = ? AND l.counterpart = ? AND l.direction = 'in' AND (c.state IS NULL OR c.state NOT IN ('undone', 'discarded')) ORDER BY l.rowid DESC LIMIT 1`,
  ),
  maxAppliedSeq: db.prepare<[string, string], { seq: number | null }>(
    `SELECT max(l.seq) AS seq FROM package_log l LEFT JOIN change_sets c ON c.id = l.change_set_id
      WHERE l.plan_id = ? AND l.counterpart = ? AND l.direction = 'in' AND (c.state IS NULL OR c.state NOT IN ('undone', 'discarded'))`,
  ),
  deleteUndoneIn: db.prepare<[string, string, number]>(
    `DELETE FROM package_log WHERE plan_id = ? AND counterpart = ? AND seq = ? AND direction = 'in'
       AND change_set_id IN (SELECT id FROM change_sets WHERE state IN ('undone', 'discarded'))`,
  ),
  lastOut: db.prepare<[string, string], LogRow>("SELECT * FROM package_log WHERE plan_id = ? AND counterpart = ? AND direction = 'out' ORDER BY rowid DESC LIMIT 1"),
  rowidOf: db.prepare<[string], { r: number }>('SELECT rowid AS r FROM package_log WHERE package_id = ?'),
  firstFullOut: db.prepare<[string, string], LogRow>("SELECT * FROM package_log WHERE plan_id = ? AND counterpart = ? AND direction = 'out' AND full = 1 ORDER BY rowid LIMIT 1"),
  maxSeq: db.prepare<[string, string, 'in' | 'out'], { seq: number | null }>('SELECT max(seq) AS seq FROM package_log WHERE plan_id = ? AND counterpart = ? AND direction = ?'),
  logOfPlan: db.prepare<[string], LogRow>('SELECT * FROM package_log WHERE plan_id = ? ORDER BY rowid'),
  insertLog: db.prepare(
    `INSERT INTO package_log (package_id, plan_id, direction, counterpart, seq, full, base_package_id, base_hash, state_hash, version_id,
       applied_version_id, change_set_id, changes, conflicts, author, author_department, author_district, fingerprint, at, by)
     VALUES (@package_id, @plan_id, @direction, @counterpart, @seq, @full, @base_package_id, @base_hash, @state_hash, @version_id,
       @applied_version_id, @change_set_id, @changes, @conflicts, @author, @author_department, @author_district, @fingerprint, @at, @by)`,
  ),
  changesOf: db.prepare<[string], StoredChange>('SELECT n, op, entity, row_id, field, base, value, author, at FROM package_changes WHERE package_id = ? ORDER BY n'),
  insertChange: db.prepare<[string, number, string, string, string, string | null, string | null, string | null, string, string]>(
    'INSERT INTO package_changes (package_id, n, op, entity, row_id, field, base, value, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  deleteChanges: db.prepare<[string]>('DELETE FROM package_changes WHERE package_id = ?'),
  pendingOfPlan: db.prepare<[string], { package_id: string; plan_id: string; manifest: string; previewed_at: string; previewed_by: string }>(
    'SELECT * FROM package_pending WHERE plan_id = ? ORDER BY rowid',
  ),
  pendingById: db.prepare<[string], { package_id: string; plan_id: string; manifest: string; previewed_at: string; previewed_by: string }>(
    'SELECT * FROM package_pending WHERE package_id = ?',
  ),
  insertPending: db.prepare<[string, string, string, string, string]>(
    'INSERT INTO package_pending (package_id, plan_id, manifest, previewed_at, previewed_by) VALUES (?, ?, ?, ?, ?)',
  ),
  deletePending: db.prepare<[string]>('DELETE FROM package_pending WHERE package_id = ?'),
  conflictsOf: db.prepare<[string], { conflict_id: string; kind: string; entity: string; row_id: string; field: string | null; data: string; resolution: string | null }>(
    'SELECT conflict_id, kind, entity, row_id, field, data, resolution FROM merge_conflicts WHERE package_id = ? ORDER BY rowid',
  ),
  insertConflict: db.prepare<[string, string, string, string, string, string | null, string]>(
    'INSERT INTO merge_conflicts (package_id, conflict_id, kind, entity, row_id, field, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  resolveConflict: db.prepare<[string | null, string, string]>('UPDATE merge_conflicts SET resolution = ? WHERE package_id = ? AND conflict_id = ?'),
  versionRowAt: db.prepare<{ plan: string; entity: string; row: string; seq: number }, { data: string }>(
    'SELECT data FROM version_rows WHERE plan_id = @plan AND entity = @entity AND row_id = @row AND valid_from <= @seq AND (valid_to IS NULL OR valid_to > @seq)',
  ),
  targetByKey: db.prepare<[string, string, string, number, string, string, string], { id: string }>(
    `SELECT tv.id FROM target_values tv JOIN indicators i ON i.id = tv.indicator_id
      WHERE tv.indicator_id = ? AND tv.scope = ? AND tv.scope_id = ? AND tv.year = ? AND tv.period = ? AND tv.kind = ? AND i.plan_id = ?`,
  ),
  lastAuthor: db.prepare<[string, string, string, number], { user_name: string; at: string }>(
    `SELECT c.user_name, c.at FROM audit_log a JOIN change_sets c ON c.id = a.change_set_id
      WHERE a.entity = ? AND a.entity_id = ? AND a.field IN (?, '*') AND a.change_set_id > ? ORDER BY a.id DESC LIMIT 1`,
  ),
  districtById: db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM districts WHERE id = ?'),
  districtByName: db.prepare<[string, string], { id: string; name: string }>('SELECT id, name FROM districts WHERE name = ? OR id = ?'),
  departmentExists: db.prepare<[string], { id: string }>('SELECT id FROM departments WHERE id = ?'),
}));
