/**
 * sync.run / sync.status (db/sync/) against a real hub (`plandesk hub` as a process) on a real PostgreSQL,
 * with two real desktop files in-process (the city's, and 江津区's that starts WITHOUT the plan): the
 * district gets its first, whole-plan package through the hub, edits on both sides go both ways; the
 * hub address and account are kept in the user data folder and the password nowhere; a sync refused by
 * the hub (unreachable, wrong password, locked out, out of scope) changes nothing in the plan file, says
 * which field, and a package it exported waits in the outbox for the next sync.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../hub/pg.ts';
import { actual, citySide, districtSide, PLAN, REVENUE, setActual, trustBoth, type Side } from '../exchange/helpers.ts';
import { ok } from '../helpers/store.ts';
import { PASSWORDS } from '../hub/accounts.ts';
import { openHub, type OpenedHub } from '../hub/helpers.ts';
import { trustSidesOnHub } from '../hub/push.ts';
import type { SyncStatusOut } from '../../contract/ops/sync.ts';
import { sync, synced } from './helpers.ts';

const JIANGJIN = 'd-500116';


const fileState = (s: Side) => s.store.db.prepare('SELECT (SELECT count(*) FROM package_log) AS logs, (SELECT count(*) FROM versions) AS versions, (SELECT count(*) FROM change_sets) AS changeSets, (SELECT count(*) FROM package_pending) AS pending').get();

describe('sync.run with the city hub', () => {
  let hub: OpenedHub;
  let db: Db;

  beforeAll(async () => {
    hub = await openHub({ districts: { jiangjin: '江津区', locked: '江津区' } });
    db = hub.db;
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('a district without the plan gets the whole plan through the hub; edits go both ways; hub and account kept, the password nowhere', { timeout: 120_000 }, async () => {
    const city = citySide();
    const jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', JIANGJIN);
    await trustSidesOnHub(db, city.home, jj.home, '江津区');
    const officer = { hub: hub.url, user: 'officer', password: PASSWORDS.officer };
    const district = { hub: hub.url, user: 'jiangjin', password: PASSWORDS.district };
    expect(ok<{ id: string }[]>(jj.store, 'plans.list', {}).map((p) => p.id)).not.toContain(PLAN);

    // without sendWhole the officer sends nothing to a district it has not exchanged packages with
    expect((await synced(city, { ...officer, planId: PLAN })).pushed).toBe(0);
    const down = await synced(city, { ...officer, planId: PLAN, sendWhole: true });
    expect(down).toMatchObject({ role: 'officer', pushed: 1, applied: 0 });
    expect(down.log[0]?.text).toContain(`已推送报送包：规划 ${PLAN} 发往江津区，第 1 号，整个规划`);
    expect((await db.query('SELECT recipient, seq FROM packages')).rows).toEqual([{ recipient: '江津区', seq: 1 }]);

    const got = await synced(jj, district);
    expect(got).toMatchObject({ role: 'district', pushed: 0, applied: 1, pending: 0, refused: 0 });
    expect(got.newPlans).toEqual([{ planId: PLAN, planTitle: expect.any(String) }]);
    expect(ok<{ id: string }[]>(jj.store, 'plans.list', {}).map((p) => p.id)).toContain(PLAN);

    // 江津区 reports, the city merges; the city answers, 江津区 merges
    setActual(jj, JIANGJIN, 2025, '612.5');
    expect((await synced(jj, district)).pushed).toBe(1);
    expect((await synced(city, officer)).applied).toBe(1);
    expect(actual(city, JIANGJIN, 2025)).toBe('612.5');
    ok(city.store, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2026, kind: 'target', value: '700' });
    expect((await synced(city, officer)).pushed).toBe(1);
    expect((await synced(jj, district)).applied).toBe(1);
    expect(jj.store.db.prepare("SELECT value FROM target_values WHERE indicator_id = ? AND scope_id = ? AND year = 2026 AND kind = 'target'").get(REVENUE, JIANGJIN)).toEqual({ value: '700' });
    // nothing new: nothing pushed, nothing merged
    expect(await synced(jj, district)).toMatchObject({ pushed: 0, applied: 0 });

    const status = ok<SyncStatusOut>(jj.store, 'sync.status', {});
    expect(status).toMatchObject({ hub: new URL(hub.url).href, user: 'jiangjin', outbox: [], conflicts: [], running: false, last: { ok: true, pushed: 0, applied: 0, error: null } });
    // the password is in no file of the user data folder, nor in the plan file
    for (const f of fs.readdirSync(jj.home)) if (fs.statSync(`${jj.home}/${f}`).isFile()) expect(fs.readFileSync(`${jj.home}/${f}`, 'utf8')).not.toContain(PASSWORDS.district);
    jj.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(jj.file).includes(Buffer.from(PASSWORDS.district))).toBe(false);

    // the same cell changed on both sides: left pending, named in the result and in sync.status
    setActual(jj, JIANGJIN, 2025, '620');
    setActual(city, JIANGJIN, 2025, '615');
    await synced(jj, district);
    const conflicted = await synced(city, officer);
    expect(conflicted).toMatchObject({ applied: 0, pending: 1 });
    expect(conflicted.conflicts).toEqual([{ planId: PLAN, planTitle: expect.any(String), packageId: expect.any(String), from: '江津区', seq: 2, unresolved: 1 }]);
    expect(ok<SyncStatusOut>(city.store, 'sync.status', {}).conflicts).toHaveLength(1);
    expect(actual(city, JIANGJIN, 2025)).toBe('615');
  });

  it('a sync the hub refuses changes nothing in the file and names the field; what it exported waits in the outbox for the next sync', { timeout: 120_000 }, async () => {
    // two new desktop files: the packages of the test before are not theirs
    await db.query('TRUNCATE packages, hub_plans, hub_versions, hub_rows, hub_applied, hub_conflicts, hub_districts');
    const city = citySide();
    const jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', JIANGJIN);
    await trustSidesOnHub(db, city.home, jj.home, '江津区');
    // 江津区 gets the plan as a file this time (the desktop's 导入报送包), then edits it
    const file = `${city.dir}/to-jj.pdpkg`;
    ok(city.store, 'packages.export', { planId: PLAN, to: '江津区', out: file });
    const pre = ok<{ packageId: string }>(jj.store, 'packages.preview', { file, keep: true });
    ok(jj.store, 'packages.apply', { packageId: pre.packageId });
    setActual(jj, JIANGJIN, 2024, '500');
    const before = fileState(jj);

    const refusal = async (input: Record<string, unknown>) => {
      const s = await sync(jj, input);
      expect(s.state).toBe('failed');
      return s.error!;
    };
    const dead = await refusal({ hub: 'http://127.0.0.1:9', user: 'jiangjin', password: PASSWORDS.district });
    expect(dead).toMatchObject({ code: 'UNAVAILABLE', reason: 'sync.hubUnreachable', issues: [{ field: 'hub' }] });
    expect(dead.message).toContain('连不上城市枢纽 http://127.0.0.1:9');
    const wrong = await refusal({ hub: hub.url, user: 'nobody', password: 'not the password at all' });
    expect(wrong).toMatchObject({ code: 'FORBIDDEN', reason: 'sync.wrongPassword', issues: [{ field: 'password' }] });
    expect(wrong.message).toContain('账号或密码不对');
    await db.query("UPDATE accounts SET locked_until = now() + interval '15 minutes' WHERE name = 'locked'");
    const locked = await refusal({ hub: hub.url, user: 'locked', password: PASSWORDS.district });
    expect(locked).toMatchObject({ reason: 'sync.lockedOut', issues: [{ field: 'user' }] });
    expect(locked.message).toContain('账号已锁定');
    const reviewer = await refusal({ hub: hub.url, user: 'reviewer', password: PASSWORDS.reviewer });
    expect(reviewer).toMatchObject({ reason: 'sync.roleCannotSync', issues: [{ field: 'user' }] });
    const bad = ok(jj.store, 'sync.status', {});
    expect(bad).toMatchObject({ outbox: [], last: { ok: false, error: { code: 'FORBIDDEN', reason: 'sync.roleCannotSync', message: expect.stringContaining('角色不能同步') } } });
    expect(fileState(jj)).toEqual(before);
    expect(fs.existsSync(`${jj.file}.outbox`)).toBe(false);
    expect(jj.store.call('sync.run', { hub: 'ftp://x', user: 'a', password: 'b' })).toMatchObject({ ok: false, error: { reason: 'sync.badAddress', issues: [{ field: 'hub' }] } });

    // 荣昌区's account cannot hand over 江津区's report: refused out of scope, the package waits in the outbox
    expect(ok<SyncStatusOut>(jj.store, 'sync.status', {}).log).toEqual([]);
    const scope = await refusal({ hub: hub.url, user: 'rongchang', password: PASSWORDS.district });
    expect(scope).toMatchObject({ code: 'FORBIDDEN', reason: 'sync.outOfScope', issues: [{ field: 'user' }] });
    expect(scope.message).toContain('只能上传本区县的报送包');
    const waiting = ok<SyncStatusOut>(jj.store, 'sync.status', {}).outbox;
    expect(waiting).toEqual([{ planId: PLAN, seq: 1, recipient: '市', file: expect.stringContaining('.outbox') }]);
    // the right account's next sync hands it over first, and exports nothing more
    const next = await synced(jj, { hub: hub.url, user: 'jiangjin', password: PASSWORDS.district });
    expect(next.pushed).toBe(1);
    expect(ok<SyncStatusOut>(jj.store, 'sync.status', {}).log).toEqual(next.log);
    expect(next.log[0]?.text).toBe('已推送之前未送达的报送包：第 1 号');
    expect(ok<SyncStatusOut>(jj.store, 'sync.status', {}).outbox).toEqual([]);
    expect((await synced(city, { hub: hub.url, user: 'officer', password: PASSWORDS.officer })).applied).toBe(1);
    expect(actual(city, JIANGJIN, 2024)).toBe('500');
  });
});
