/**
 * How each kind of record is read whole, written back and removed, for undo/redo of any change the
 * audit log holds. Table and column names come only from this fixed registry, never from input.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../connection.ts';
import type { Entity } from '../audit/recorder.ts';
import { PlanDeskError } from '../errors.ts';

type ColumnType = 'text' | 'int';
type Relation = { table: 'task_departments' | 'task_districts'; refColumn: 'department_id' | 'district_id'; role?: 'lead' | 'participating' };

interface EntityDef {
  table: string;
  /** key columns; the entity id is their values joined with '|' */
  key: readonly string[];
  columns: Readonly<Record<string, ColumnType>>;
  relations?: Readonly<Record<string, Relation>>;
}

const TASK_RELATIONS: Record<string, Relation> = {
  lead_departments: { table: 'task_departments', refColumn: 'department_id', role: 'lead' },
  participating_departments: { table: 'task_departments', refColumn: 'department_id', role: 'participating' },
  districts: { table: 'task_districts', refColumn: 'district_id' },
};

export const entityDefs: Record<Entity, EntityDef> = {
  plan: {
    table: 'plans',
    key: ['id'],
    columns: {
      title: 'text', doc_number: 'text', issuer: 'text', issue_date: 'text', period_start: 'int', period_end: 'int',
      source: 'text', max_priority_industries: 'int', sort_order: 'int', updated_at: 'text', archived_at: 'text', origin_plan_id: 'text',
    },
  },
  district: { table: 'districts', key: ['id'], columns: { name: 'text', code: 'text', area_group: 'text', kind: 'text', groups: 'text' } },
  plan_district: {
    table: 'plan_districts',
    key: ['plan_id', 'district_id'],
    columns: { priority_industries: 'text', featured_industries: 'text', note: 'text', source: 'text', sort_order: 'int' },
  },
  cluster: { table: 'clusters', key: ['id'], columns: { plan_id: 'text', name: 'text', note: 'text', source: 'text', sort_order: 'int' } },
  indicator: {
    table: 'indicators',
    key: ['id'],
    columns: {
      plan_id: 'text', category: 'text', name: 'text', unit: 'text', attribute: 'text', baseline_year: 'int', baseline_value: 'text',
      baseline_text: 'text', target_year: 'int', target_value: 'text', target_text: 'text', stated_growth_text: 'text',
      note: 'text', source: 'text', sort_order: 'int',
    },
  },
  target: {
    table: 'target_values',
    key: ['id'],
    columns: {
      indicator_id: 'text', scope: 'text', scope_id: 'text', year: 'int', period: 'text', kind: 'text',
      value: 'text', text: 'text', source: 'text',
    },
  },
  department: { table: 'departments', key: ['id'], columns: { name: 'text', sort_order: 'int' } },
  // migration 007 (db/departments): an alias is keyed by its text; a merge is history, undone whole
  department_alias: { table: 'department_aliases', key: ['alias'], columns: { department_id: 'text' } },
  department_merge: {
    table: 'department_merges',
    key: ['id'],
    columns: { from_department_id: 'text', from_name: 'text', into_department_id: 'text', task_links: 'int', merged_at: 'text', merged_by: 'text' },
  },
  task: {
    table: 'tasks',
    key: ['id'],
    columns: {
      plan_id: 'text', number: 'text', sort_order: 'int', section: 'text', title: 'text', description: 'text',
      deadline: 'text', deadline_text: 'text', status: 'text', progress: 'text', quantitative_goal: 'text', notes: 'text',
      source: 'text', updated_at: 'text',
    },
    relations: TASK_RELATIONS,
  },
  // A plan's saved versions, recorded only when the whole plan is deleted (db/plans/delete.ts), so that
  // undoing the delete brings them back too.
  version: {
    table: 'versions',
    key: ['id'],
    columns: { plan_id: 'text', seq: 'int', name: 'text', author: 'text', created_at: 'text', note: 'text', change_set_id: 'int', rows_written: 'int' },
  },
  version_row: {
    table: 'version_rows',
    key: ['id'],
    columns: { plan_id: 'text', entity: 'text', row_id: 'text', valid_from: 'int', valid_to: 'int', data: 'text' },
  },
  comment: {
    table: 'comments',
    key: ['id'],
    columns: {
      plan_id: 'text', target: 'text', task_id: 'text', indicator_id: 'text', scope: 'text', scope_id: 'text', year: 'int',
      period: 'text', kind: 'text', body: 'text', author: 'text', author_department: 'text', author_district: 'text',
      created_at: 'text', updated_at: 'text',
    },
  },
  // migration 011 (db/keys): a key the file trusts, keyed by its fingerprint; revoking it is a field change
  trusted_key: {
    table: 'trusted_keys',
    key: ['fingerprint'],
    columns: {
      public_key: 'text', role: 'text', district_id: 'text', holder_name: 'text', holder_department: 'text', holder_district: 'text',
      key_created_at: 'text', trusted_at: 'text', trusted_by: 'text', revoked_at: 'text', revoked_by: 'text',
    },
  },
};

export interface Snapshot {
  row: Record<string, string | number | null>;
  relations?: Record<string, string[]>;
}

/**
 * The statements here are built from the fixed registry, so there are few of them: each is prepared
 * once per connection and reused (a whole plan deleted or put back runs them for every row it holds).
 */
type AnyStatement = Database.Statement<unknown[]>;
const statements = new WeakMap<Db, Map<string, AnyStatement>>();
function cached(db: Db, sql: string): AnyStatement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare<unknown[]>(sql)));
  return st;
}

function def(entity: Entity): EntityDef {
  return entityDefs[entity];
}

function keyValues(d: EntityDef, entityId: string): string[] {
  const parts = d.key.length === 1 ? [entityId] : entityId.split('|');
  if (parts.length !== d.key.length) throw new PlanDeskError('INTERNAL', `记录编号格式错误：${entityId}`);
  return parts;
}

const whereKey = (d: EntityDef) => d.key.map((k) => `${k} = ?`).join(' AND ');

function readRelation(db: Db, rel: Relation, taskId: string): string[] {
  const rows = rel.role
    ? (cached(db, `SELECT ${rel.refColumn} AS ref FROM ${rel.table} WHERE task_id = ? AND role = ? ORDER BY position`).all(taskId, rel.role) as { ref: string }[])
    : (cached(db, `SELECT ${rel.refColumn} AS ref FROM ${rel.table} WHERE task_id = ? ORDER BY position`).all(taskId) as { ref: string }[]);
  return rows.map((r) => r.ref);
}

function writeRelation(db: Db, rel: Relation, taskId: string, ids: string[]): void {
  if (rel.role) {
    cached(db, `DELETE FROM ${rel.table} WHERE task_id = ? AND role = ?`).run(taskId, rel.role);
    const ins = cached(db, `INSERT INTO ${rel.table} (task_id, ${rel.refColumn}, role, position) VALUES (?, ?, ?, ?)`);
    ids.forEach((id, i) => ins.run(taskId, id, rel.role, i));
  } else {
    cached(db, `DELETE FROM ${rel.table} WHERE task_id = ?`).run(taskId);
    const ins = cached(db, `INSERT INTO ${rel.table} (task_id, ${rel.refColumn}, position) VALUES (?, ?, ?)`);
    ids.forEach((id, i) => ins.run(taskId, id, i));
  }
}

/** The whole record as it is now (for an insert or delete entry of the audit log), or null. */
export function snapshotEntity(db: Db, entity: Entity, entityId: string): Snapshot | null {
  const d = def(entity);
  const row = cached(db, `SELECT * FROM ${d.table} WHERE ${whereKey(d)}`).get(...keyValues(d, entityId)) as Snapshot['row'] | undefined;
  if (!row) return null;
  const snap: Snapshot = { row };
  if (d.relations) {
    snap.relations = {};
    for (const [field, rel] of Object.entries(d.relations)) snap.relations[field] = readRelation(db, rel, entityId);
  }
  return snap;
}

export function restoreEntity(db: Db, entity: Entity, snapshot: Snapshot): void {
  const d = def(entity);
  const cols = [...d.key, ...Object.keys(d.columns)];
  const values = cols.map((c) => snapshot.row[c] ?? null);
  cached(db, `INSERT INTO ${d.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
  if (d.relations && snapshot.relations) {
    const entityId = d.key.map((k) => String(snapshot.row[k])).join('|');
    for (const [field, rel] of Object.entries(d.relations)) writeRelation(db, rel, entityId, snapshot.relations[field] ?? []);
  }
}

export function removeEntity(db: Db, entity: Entity, entityId: string): void {
  const d = def(entity);
  cached(db, `DELETE FROM ${d.table} WHERE ${whereKey(d)}`).run(...keyValues(d, entityId));
}

/** Writes one field back from its audit-log text form. */
export function setEntityField(db: Db, entity: Entity, entityId: string, field: string, text: string | null): void {
  const d = def(entity);
  const rel = d.relations?.[field];
  if (rel) {
    const ids: unknown = text === null ? [] : JSON.parse(text);
    writeRelation(db, rel, entityId, Array.isArray(ids) ? ids.map(String) : []);
    return;
  }
  const type = d.columns[field];
  if (!type) throw new PlanDeskError('INTERNAL', `未知字段：${entity}.${field}`);
  const value = text === null ? null : type === 'int' ? Number(text) : text;
  cached(db, `UPDATE ${d.table} SET ${field} = ? WHERE ${whereKey(d)}`).run(value, ...keyValues(d, entityId));
}
