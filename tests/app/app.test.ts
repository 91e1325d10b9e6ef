/** app.info and app.check (db/app/handlers.ts): what the open store is, and whether its file is sound. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { ok, reopen, seededStore, tempFile } from '../helpers/store.ts';

describe('app', () => {
  it('app.info names the file, the schema version and whether the store is read-only', () => {
    const file = tempFile();
    const s = seededStore(file);
    expect(ok(s, 'app.info', {})).toMatchObject({ file, schemaVersion: LATEST_SCHEMA_VERSION, readonly: false });
  });

  it('app.check: a sound file is ok; a broken foreign key is found and said', () => {
    const file = tempFile();
    const s = seededStore(file);
    expect(ok(s, 'app.check', {})).toEqual({ ok: true, integrity: ['ok'], foreignKeyViolations: 0, schemaVersion: LATEST_SCHEMA_VERSION, latestSchemaVersion: LATEST_SCHEMA_VERSION });
    s.close();
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("UPDATE task_departments SET department_id = 'u-does-not-exist' WHERE rowid = (SELECT min(rowid) FROM task_departments)").run();
    raw.close();
    const again = reopen(file);
    expect(ok(again, 'app.check', {})).toMatchObject({ ok: false, integrity: ['ok'], foreignKeyViolations: 1 });
  });
});
