/**
 * Migration 003 (db/migrations/003_departments.ts): `unit` → `department` in the schema. A file made
 * before it — tables units/unit_aliases/task_units, versions and audit rows saying lead_units — must
 * open migrated, and what it already held must keep working: old versions compare and restore,
 * undo and cell history of edits made before the migration.
 *
 * The "before" file is made by running the migration backwards on a file written by this build
 * (old table, column and field names, snapshots rebuilt in the old canonical key order, schema
 * version 2) — exactly the state an old build leaves.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ok, reopen, seededStore, tempFile } from '../helpers/store.ts';
import { downgrade } from '../helpers/downgrade.ts';
import type { Task } from '../../contract/entities.ts';
import type { Comparison } from '../../contract/ops/versions.ts';

const PLAN = 'p-yufu-2023-13';
const TASK_COLUMNS = ['number', 'section', 'title', 'description', 'deadline', 'deadline_text', 'status', 'progress', 'quantitative_goal', 'source'];

function toSchema2(file: string): void {
  const db = new Database(file);
  const old = `json_object(${TASK_COLUMNS.map((c) => `'${c}', json_extract(data, '$.${c}')`).join(', ')},
    'lead_units', json(json_extract(data, '$.lead_departments')), 'participating_units', json(json_extract(data, '$.participating_departments')),
    'districts', json(json_extract(data, '$.districts')), 'sort_order', json_extract(data, '$.sort_order'))`;
  const back = (col: string) => `${col} = CASE WHEN json_valid(${col}) AND json_type(${col}, '$.relations') = 'object' THEN json_set(${col}, '$.relations',
      json_remove(json_set(json_extract(${col}, '$.relations'), '$.lead_units', json(json_extract(${col}, '$.relations.lead_departments')),
        '$.participating_units', json(json_extract(${col}, '$.relations.participating_departments'))), '$.lead_departments', '$.participating_departments'))
    ELSE ${col} END`;
  downgrade(db, 3); // what later migrations added, then 003 by hand:
  db.exec(`
    ALTER TABLE departments RENAME TO units;
    ALTER TABLE department_aliases RENAME TO unit_aliases;
    ALTER TABLE unit_aliases RENAME COLUMN department_id TO unit_id;
    ALTER TABLE task_departments RENAME TO task_units;
    ALTER TABLE task_units RENAME COLUMN department_id TO unit_id;
    DROP INDEX task_departments_department;
    CREATE INDEX task_units_unit ON task_units(unit_id, role);
    UPDATE version_rows SET data = ${old} WHERE entity = 'task';
    UPDATE audit_log SET entity = 'unit' WHERE entity = 'department';
    UPDATE audit_log SET field = 'lead_units' WHERE entity = 'task' AND field = 'lead_departments';
    UPDATE audit_log SET field = 'participating_units' WHERE entity = 'task' AND field = 'participating_departments';
    UPDATE audit_log SET ${back('old_value')}, ${back('new_value')} WHERE entity = 'task' AND field = '*';
    PRAGMA user_version = 2;
  `);
  db.close();
}

describe('migration 003: units become departments', () => {
  it('renames the tables and columns, and old versions, undo and cell history keep working', () => {
    const file = tempFile();
    const s = seededStore(file);
    const [first, second] = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 2 }).rows;
    const before = first!.leadDepartments.map((d) => d.name);
    const v1 = ok<{ id: number }>(s, 'versions.create', { planId: PLAN, name: '迁移前' });
    // after the version: a lead department changed (a field edit) and a task deleted (a whole-row audit value)
    const other = ok<{ name: string }[]>(s, 'departments.list', {}).find((d) => !before.includes(d.name))!;
    ok(s, 'tasks.update', { taskId: first!.id, patch: { leadDepartments: [other.name] } });
    ok(s, 'tasks.delete', { planId: PLAN, taskIds: [second!.id] });
    s.close();
    toSchema2(file);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT count(*) AS n FROM version_rows WHERE entity = 'task' AND data LIKE '%lead_units%'").get()).not.toEqual({ n: 0 });
    raw.close();

    const m = reopen(file);
    const tables = m.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['departments', 'department_aliases', 'task_departments']));
    expect(tables).not.toEqual(expect.arrayContaining(['units']));
    expect(m.db.prepare("SELECT count(*) AS n FROM version_rows WHERE data LIKE '%lead_units%' OR data LIKE '%participating_units%'").get()).toEqual({ n: 0 });
    expect(m.db.prepare("SELECT count(*) AS n FROM audit_log WHERE field LIKE '%_units' OR entity = 'unit' OR old_value LIKE '%lead_units%'").get()).toEqual({ n: 0 });

    // the old version against now: exactly the two edits, named as departments
    const cmp = ok<Comparison>(m, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current', table: 'task' });
    expect(cmp.rows.map((r) => [r.kind, r.id]).sort()).toEqual([['changed', first!.id], ['removed', second!.id]].sort());
    expect(cmp.rows.find((r) => r.kind === 'changed')?.cells.map((c) => c.field)).toEqual(['lead_departments']);
    // the cell's history reads the edit made before the migration
    const hist = ok<{ oldValue: unknown }[]>(m, 'history.cell', { entity: 'task', entityId: first!.id, field: 'lead_departments' });
    expect(hist.length).toBeGreaterThan(0);
    // undo both edits (made before the migration): the plan is as the version saved it
    ok(m, 'history.undo', { planId: PLAN });
    ok(m, 'history.undo', { planId: PLAN });
    expect(ok<Comparison>(m, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current' }).total).toBe(0);
    const back = ok<{ rows: Task[] }>(m, 'tasks.list', { planId: PLAN, limit: 2 }).rows;
    expect(back[0]!.leadDepartments.map((d) => d.name)).toEqual(before);
    expect(back[1]!.id).toBe(second!.id);
    // and restoring the old version is no change at all; a new version stores the two tasks touched
    // once more, in today's shape (with their departments' names, db/versions/rows.ts LINK_NAMES: closed + stored),
    // and the next one nothing
    ok(m, 'versions.restore', { versionId: v1.id });
    expect(ok<Comparison>(m, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current' }).total).toBe(0);
    const v2 = ok<{ rowsWritten: number }>(m, 'versions.create', { planId: PLAN, name: '迁移后' });
    expect(v2.rowsWritten).toBe(4);
    expect(ok<Comparison>(m, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current' }).total).toBe(0);
    expect(ok<{ rowsWritten: number }>(m, 'versions.create', { planId: PLAN, name: '再存一次' }).rowsWritten).toBe(0);
  });
});
