/**
 * Migration 011 (db/migrations/011_trusted_keys.ts): a file of schema 9 (before the keys) opens migrated,
 * with an empty trusted_keys table; its plans and undo history are untouched, and a key can be trusted at once.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/store.ts';
import { ok, reopen, seededStore, tempDir, tempFile } from '../helpers/store.ts';
import { downgrade } from '../helpers/downgrade.ts';

const PLAN = 'p-yufu-2023-13';

describe('migration 011', () => {
  it('adds trusted_keys to an older file; old undo still works; trusting works at once', () => {
    const file = tempFile();
    const s = seededStore(file);
    ok(s, 'plans.update', { planId: PLAN, patch: { source: '旧来源' } });
    s.close();
    const db = new Database(file);
    downgrade(db, 9);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'trusted_keys'").get()).toEqual({ n: 0 });
    db.close();

    const m = reopen(file);
    expect(m.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(11);
    expect(ok<{ keys: unknown[] }>(m, 'keys.list', {}).keys).toEqual([]);
    const home = tempDir('plandesk-home-');
    const other = openStore(tempFile(), { create: 'seed', userDir: home });
    ok(other, 'identity.set', { name: '王五', department: '市发展改革委', district: '江津区' });
    const key = ok<{ text: string; fingerprint: string }>(other, 'keys.export', {});
    other.close();
    ok(m, 'keys.trust', { planId: PLAN, text: key.text, role: 'district', district: '江津区' });
    expect(ok<{ keys: { fingerprint: string }[] }>(m, 'keys.list', {}).keys.map((k) => k.fingerprint)).toEqual([key.fingerprint]);
    ok(m, 'history.undo', { planId: PLAN }); // the trust
    ok(m, 'history.undo', { planId: PLAN }); // the edit made before the migration
    expect(ok<{ plan: { source: string | null } }>(m, 'plans.get', { planId: PLAN }).plan.source).not.toBe('旧来源');
    expect(ok<{ keys: unknown[] }>(m, 'keys.list', {}).keys).toEqual([]);
  });
});
