import { preparedOnce } from '../context.ts';

export const auditQueries = preparedOnce((db) => ({
  insertChangeSet: db.prepare<[string, string, string | null, string | null, string | null, string], never>(
    'INSERT INTO change_sets (at, user_name, user_department, user_district, plan_id, label) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  discardRedo: db.prepare<[string | null], never>(
    "UPDATE change_sets SET state = 'discarded' WHERE plan_id IS ? AND kind = 'edit' AND state = 'undone'",
  ),
  insertReversal: db.prepare<[string, string, string | null, string | null, string | null, string, 'undo' | 'redo', number], never>(
    'INSERT INTO change_sets (at, user_name, user_department, user_district, plan_id, label, kind, reverts_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  lastDone: db.prepare<[string], { id: number; label: string }>(
    "SELECT id, label FROM change_sets WHERE plan_id = ? AND kind = 'edit' AND state = 'done' ORDER BY id DESC LIMIT 1",
  ),
  lastUndone: db.prepare<[string], { id: number; label: string }>(
    `SELECT c.id, c.label FROM change_sets c
      WHERE c.plan_id = ? AND c.kind = 'edit' AND c.state = 'undone'
      ORDER BY (SELECT max(u.id) FROM change_sets u WHERE u.reverts_id = c.id AND u.kind = 'undo') DESC LIMIT 1`,
  ),
  setState: db.prepare<['done' | 'undone', number], never>('UPDATE change_sets SET state = ? WHERE id = ?'),
  entriesOf: db.prepare<[number], { entity: string; entity_id: string; field: string; old_value: string | null; new_value: string | null }>(
    'SELECT entity, entity_id, field, old_value, new_value FROM audit_log WHERE change_set_id = ? ORDER BY id',
  ),
  insertEntry: db.prepare<[number | bigint, string, string, string, string | null, string | null], never>(
    'INSERT INTO audit_log (change_set_id, entity, entity_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  userName: db.prepare<[], { value: string }>("SELECT value FROM preferences WHERE key = 'userName'"),
  cellHistory: db.prepare<
    [string, string, string],
    { at: string; user_name: string; user_department: string | null; user_district: string | null; label: string; old_value: string | null; new_value: string | null }
  >(
    `SELECT c.at, c.user_name, c.user_department, c.user_district, c.label, a.old_value, a.new_value
       FROM audit_log a JOIN change_sets c ON c.id = a.change_set_id
      WHERE a.entity = ? AND a.entity_id = ? AND a.field = ?
      ORDER BY a.id`,
  ),
}));
