/**
 * A task's links to its lead or participating departments as the audit log and the undo snapshots
 * hold them: the department ids in order, a link whose document wording differs from the department's
 * name (task_departments.as_written, migration 009) written as `{ id, asWritten }` instead of its bare
 * id. Older entries (bare ids only) read as links without a wording, so every old audit row still
 * replays. One encoding for every writer of these links (task edits, imports, department merges,
 * version restores, undo/redo), so the wording survives each of them.
 */
import type { Db } from '../connection.ts';
import { preparedOnce } from '../context.ts';
import type { ChangeRecorder } from '../audit/recorder.ts';

export type Role = 'lead' | 'participating';
export interface Link {
  id: string;
  asWritten: string | null;
}
/** the audit log's form of one link */
export type LinkValue = string | { id: string; asWritten: string };

export const encodeLinks = (links: readonly Link[]): LinkValue[] => links.map((l) => (l.asWritten === null ? l.id : { id: l.id, asWritten: l.asWritten }));

/** Links from the audit log's value (an array of ids or `{ id, asWritten }`); anything else is no link. */
export function decodeLinks(value: unknown): Link[] {
  if (!Array.isArray(value)) return [];
  const out: Link[] = [];
  for (const v of value) {
    if (typeof v === 'string') out.push({ id: v, asWritten: null });
    else if (v !== null && typeof v === 'object' && 'id' in v && typeof v.id === 'string')
      out.push({ id: v.id, asWritten: 'asWritten' in v && typeof v.asWritten === 'string' && v.asWritten !== '' ? v.asWritten : null });
  }
  return out;
}

const linkQueries = preparedOnce((db: Db) => ({
  read: db.prepare<[string, string], { id: string; as_written: string | null }>(
    'SELECT department_id AS id, as_written FROM task_departments WHERE task_id = ? AND role = ? ORDER BY position',
  ),
  clear: db.prepare<[string, string], never>('DELETE FROM task_departments WHERE task_id = ? AND role = ?'),
  insert: db.prepare<[string, string, string, number, string | null], never>(
    'INSERT INTO task_departments (task_id, department_id, role, position, as_written) VALUES (?, ?, ?, ?, ?)',
  ),
}));

export function readLinks(db: Db, taskId: string, role: Role): Link[] {
  return linkQueries(db).read.all(taskId, role).map((r) => ({ id: r.id, asWritten: r.as_written }));
}

/** Replaces the task's links of one role (a wording equal to nothing or blank is none). */
export function writeLinks(db: Db, taskId: string, role: Role, links: readonly Link[]): void {
  const q = linkQueries(db);
  q.clear.run(taskId, role);
  links.forEach((l, i) => q.insert.run(taskId, l.id, role, i, l.asWritten === null || l.asWritten.trim() === '' ? null : l.asWritten));
}

export const linkField = (role: Role) => (role === 'lead' ? 'lead_departments' : 'participating_departments');

/**
 * Sets a task's departments of one role to `ids` inside a change, recorded for undo with their
 * wording: a department that stays keeps the document's wording for it, a new one has none.
 */
export function replaceLinks(db: Db, rec: ChangeRecorder, taskId: string, role: Role, ids: readonly string[]): void {
  const before = readLinks(db, taskId, role);
  const written = new Map(before.map((l) => [l.id, l.asWritten]));
  const after = ids.map((id) => ({ id, asWritten: written.get(id) ?? null }));
  writeLinks(db, taskId, role, after);
  rec.update('task', taskId, linkField(role), encodeLinks(before), encodeLinks(after));
}
