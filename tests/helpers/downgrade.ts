/**
 * Undoing a migration by hand, to make a file of an older schema for the migration tests: each entry holds
 * what a file of version N-1 lacks compared with version N. A test that builds a file of version V runs
 * `downgrade(db, V)`, which undoes every migration above V, newest first, then its own older steps.
 * A new migration adds its entry here (otherwise the older migration tests open a file holding tables or
 * triggers that refer to what they removed, and fail).
 */
import type Database from 'better-sqlite3';
import { migrations } from '../../db/migrations/index.ts';

const UNDO: Record<number, string> = {
  13: 'DROP TABLE package_pending_signatures; DROP TABLE package_comment_rows; DROP TABLE package_comment_states;',
  10: 'DROP TABLE leader_duties; DROP TABLE leaders;',
  12: 'DROP TABLE merge_conflicts; DROP TABLE package_pending; DROP TABLE package_changes; DROP TABLE package_log;',
  11: 'DROP INDEX trusted_keys_district; DROP TABLE trusted_keys;',
  9: 'ALTER TABLE task_departments DROP COLUMN as_written;',
  8: `
    DROP TRIGGER task_district_figures_task_delete; DROP TRIGGER task_district_figures_task_move;
    DROP TRIGGER task_district_figures_insert; DROP TRIGGER task_district_figures_delete; DROP TRIGGER task_district_figures_update;
    DROP TABLE task_district_figures;
    ALTER TABLE tasks DROP COLUMN notes;
    ALTER TABLE versions DROP COLUMN author_department;
    ALTER TABLE versions DROP COLUMN author_district;`,
  7: `
    DROP TABLE department_merges;
    ALTER TABLE departments DROP COLUMN sort_order;`,
  6: `
    DROP INDEX plans_archived;
    ALTER TABLE plans DROP COLUMN archived_at; ALTER TABLE plans DROP COLUMN origin_plan_id;
    ALTER TABLE districts DROP COLUMN kind; ALTER TABLE districts DROP COLUMN groups;`,
  5: `
    DROP TRIGGER task_figures_insert; DROP TRIGGER task_figures_delete; DROP TRIGGER task_figures_update;
    DROP TRIGGER task_department_figures_insert; DROP TRIGGER task_department_figures_delete; DROP TRIGGER task_department_figures_update;
    DROP TABLE task_figures; DROP TABLE task_department_figures;`,
  4: `
    DROP TABLE comments;
    ALTER TABLE change_sets DROP COLUMN user_department;
    ALTER TABLE change_sets DROP COLUMN user_district;`,
};

export function downgrade(db: Database.Database, to: number): void {
  const from = Number(db.pragma('user_version', { simple: true }));
  for (let v = from; v > to; v--) {
    const sql = UNDO[v];
    // a number no migration has (they may have gaps: each helper of a session claims its own)
    if (sql === undefined && !migrations.some((m) => m.version === v)) continue;
    if (sql === undefined) throw new Error(`tests/helpers/downgrade.ts: no undo for migration ${v}`);
    db.exec(sql);
  }
  db.pragma(`user_version = ${to}`);
}
