/**
 * Migration 004 (db/migrations/004_identity_comments.ts): a file of schema 3 opens migrated; its change
 * sets keep their user names (department and district unknown: NULL), undo of an old change still
 * works, and comments can be added at once.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ok, reopen, seededStore, tempFile } from '../helpers/store.ts';
import { downgrade } from '../helpers/downgrade.ts';

const PLAN = 'p-yufu-2023-13';

describe('migration 004', () => {
  it('adds author department/district (NULL for old changes) and the comments table; old undo still works', () => {
    const file = tempFile();
    const s = seededStore(file);
    ok(s, 'preferences.set', { userName: '张三' });
    ok(s, 'plans.update', { planId: PLAN, patch: { source: '旧来源' } });
    s.close();
    const db = new Database(file);
    downgrade(db, 3);
    db.close();

    const m = reopen(file);
    expect(m.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
    expect(m.db.prepare('SELECT user_name, user_department, user_district FROM change_sets ORDER BY id DESC LIMIT 1').get()).toEqual({ user_name: '张三', user_department: null, user_district: null });
    expect(ok<{ userName: string; userDepartment: null }[]>(m, 'history.cell', { entity: 'plan', entityId: PLAN, field: 'source' }).at(-1)).toMatchObject({ userName: '张三', userDepartment: null });
    ok(m, 'history.undo', { planId: PLAN });
    expect(ok<{ plan: { source: string | null } }>(m, 'plans.get', { planId: PLAN }).plan.source).not.toBe('旧来源');
    ok(m, 'comments.add', { planId: PLAN, on: { target: 'task', taskId: `${PLAN}/t/4-3` }, body: '迁移后' });
    expect(ok<unknown[]>(m, 'comments.list', { planId: PLAN })).toHaveLength(1);
  });
});
