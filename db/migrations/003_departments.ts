/**
 * 003 — `unit` meant both a department (部门) and a unit of measure; the schema now says department
 * for the one (issue 12). Shipped: never edit.
 *
 * Tables and columns are renamed in place (SQLite rewrites the foreign keys that name them). What the
 * file already holds under the old names is rewritten too, so nothing reads two spellings:
 * - saved versions (version_rows, entity 'task'): each snapshot is rebuilt as db/versions/rows.ts builds
 *   it now — same canonical key order, lead_departments/participating_departments — so an old
 *   version compares and restores, and a row whose content did not change is not stored again;
 * - the audit log: entity 'unit' is 'department'; the task fields lead_units/participating_units are
 *   lead_departments/participating_departments, also in the relations of whole-row values (field '*'), so undo,
 *   redo and cell history of changes made before the migration keep working.
 */
export default {
  version: 3,
  name: 'departments',
  sql: `
ALTER TABLE units RENAME TO departments;
ALTER TABLE unit_aliases RENAME TO department_aliases;
ALTER TABLE department_aliases RENAME COLUMN unit_id TO department_id;
ALTER TABLE task_units RENAME TO task_departments;
ALTER TABLE task_departments RENAME COLUMN unit_id TO department_id;
DROP INDEX task_units_unit;
CREATE INDEX task_departments_department ON task_departments(department_id, role);

UPDATE version_rows SET data = json_object('number', json_extract(data, '$.number'), 'section', json_extract(data, '$.section'), 'title', json_extract(data, '$.title'), 'description', json_extract(data, '$.description'), 'deadline', json_extract(data, '$.deadline'), 'deadline_text', json_extract(data, '$.deadline_text'), 'status', json_extract(data, '$.status'), 'progress', json_extract(data, '$.progress'), 'quantitative_goal', json_extract(data, '$.quantitative_goal'), 'source', json_extract(data, '$.source'),
    'lead_departments', json(json_extract(data, '$.lead_units')),
    'participating_departments', json(json_extract(data, '$.participating_units')),
    'districts', json(json_extract(data, '$.districts')),
    'sort_order', json_extract(data, '$.sort_order'))
  WHERE entity = 'task' AND json_valid(data) AND (json_type(data, '$.lead_units') IS NOT NULL OR json_type(data, '$.participating_units') IS NOT NULL);

UPDATE audit_log SET entity = 'department' WHERE entity = 'unit';
UPDATE audit_log SET field = 'lead_departments' WHERE entity = 'task' AND field = 'lead_units';
UPDATE audit_log SET field = 'participating_departments' WHERE entity = 'task' AND field = 'participating_units';
-- whole-row values of tasks are {row, relations}: the relations are keyed by field name
UPDATE audit_log SET
  old_value = CASE WHEN json_valid(old_value) AND json_type(old_value, '$.relations') = 'object'
    THEN json_set(old_value, '$.relations', json_remove(json_set(json_extract(old_value, '$.relations'),
      '$.lead_departments', json(coalesce(json_extract(old_value, '$.relations.lead_units'), '[]')),
      '$.participating_departments', json(coalesce(json_extract(old_value, '$.relations.participating_units'), '[]'))),
      '$.lead_units', '$.participating_units'))
    ELSE old_value END,
  new_value = CASE WHEN json_valid(new_value) AND json_type(new_value, '$.relations') = 'object'
    THEN json_set(new_value, '$.relations', json_remove(json_set(json_extract(new_value, '$.relations'),
      '$.lead_departments', json(coalesce(json_extract(new_value, '$.relations.lead_units'), '[]')),
      '$.participating_departments', json(coalesce(json_extract(new_value, '$.relations.participating_units'), '[]'))),
      '$.lead_units', '$.participating_units'))
    ELSE new_value END
  WHERE entity = 'task' AND field = '*';
`,
};
