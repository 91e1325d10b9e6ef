/**
 * The hub's migrations on a real PostgreSQL: applied once (a second run and two runners at once
 * apply nothing more), the schema equals the committed snapshot (tests/hub/schema.snapshot.sql;
 * `UPDATE_HUB_SCHEMA=1 npx vitest run tests/hub/migrations.test.ts` rewrites it after a new
 * migration), a failing migration leaves nothing, an edited applied migration and a schema from a
 * newer hub are refused, and the audit log cannot be changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../hub/migrate.ts';
import { hubMigrations } from '../../hub/migrations/index.ts';
import { openPool } from '../../hub/pg.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { describeSchema } from './helpers.ts';

const SNAPSHOT = path.join(import.meta.dirname, 'schema.snapshot.sql');

describe('hub migrations', () => {
  const pg = startPostgres();
  const db = openPool(pg.url);
  afterAll(async () => {
    await db.end();
    pg.stop();
  });

  it('are numbered 1, 2, 3 … in order, each file named after its version', () => {
    expect(hubMigrations.map((m) => m.version)).toEqual(hubMigrations.map((_, i) => i + 1));
    const files = fs.readdirSync(path.join(import.meta.dirname, '../../hub/migrations')).filter((f) => /^\d{3}_/.test(f)).sort();
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(hubMigrations.map((m) => m.version));
  });

  it('apply once, also when two runners start together; the schema is the committed snapshot', async () => {
    const [a, b] = await Promise.all([migrate(db), migrate(db)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(hubMigrations.map((m) => m.version));
    expect((await migrate(db)).applied).toEqual([]);
    const rows = (await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
    expect(rows).toEqual(hubMigrations.map((m) => ({ version: m.version, name: m.name })));
    const schema = await describeSchema(pg.url);
    if (process.env.UPDATE_HUB_SCHEMA) fs.writeFileSync(SNAPSHOT, schema);
    expect(schema).toBe(fs.readFileSync(SNAPSHOT, 'utf8'));
    expect(schema).toMatch(/CONSTRAINT accounts_role_check CHECK \(\(role = ANY \(ARRAY\['admin'::text, 'officer'::text, 'reviewer'::text, 'district'::text\]\)\)\)/);
  });

  it('a migration that fails leaves nothing of itself; the next run applies it once fixed', async () => {
    const bad = { version: hubMigrations.length + 1, name: 'half', sql: 'CREATE TABLE half_done (id int); SELECT 1/0;' };
    await expect(migrate(db, [...hubMigrations, bad])).rejects.toThrow(/division by zero/);
    expect((await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).rowCount).toBe(0);
    expect((await db.query('SELECT 1 FROM schema_migrations WHERE version = $1', [bad.version])).rowCount).toBe(0);
    const fixed = { ...bad, sql: 'CREATE TABLE half_done (id int);' };
    expect((await migrate(db, [...hubMigrations, fixed])).applied).toEqual([bad.version]);
    // now this database is newer than the hub's own list: refused, not guessed at
    await expect(migrate(db)).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW', reason: 'hub.schemaTooNew' });
    await db.query('DROP TABLE half_done');
    await db.query('DELETE FROM schema_migrations WHERE version = $1', [bad.version]);
  });

  it('an applied migration that was edited is refused (append-only)', async () => {
    const edited = hubMigrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(db, edited)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'hub.migrationChanged' });
  });

  it('the audit log is append-only: update, delete and truncate are refused', async () => {
    await db.query("INSERT INTO audit_log (action) VALUES ('test')");
    await expect(db.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await db.query("SELECT 1 FROM audit_log WHERE action = 'test'")).rowCount).toBe(1);
  });
});
