import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshSchemaText, schemaText } from '../../db/schema.ts';
import { migrations, LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { seededStore } from '../helpers/store.ts';

describe('schema', () => {
  it('matches the committed snapshot (a shipped column is never silently changed)', () => {
    const snapshot = fs.readFileSync(new URL('./schema.snapshot.sql', import.meta.url), 'utf8');
    expect(freshSchemaText()).toBe(snapshot);
  });

  it('migrations are numbered from 1, in increasing order (gaps allowed: the runner applies every one above the file\'s version)', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    versions.slice(1).forEach((v, i) => expect(v, `migration after ${versions[i]}`).toBeGreaterThan(versions[i]!));
    expect(LATEST_SCHEMA_VERSION).toBe(versions.at(-1));
  });

  it('a seeded plan file has the same schema as a fresh migration, in WAL mode with foreign keys on', () => {
    const store = seededStore();
    expect(schemaText(store.db)).toBe(freshSchemaText());
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
