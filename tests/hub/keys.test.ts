/**
 * The hub binds keys to districts (s7-hubkeys, migration 004): a push is applied only when the key that
 * signed it is trusted on the hub for its sender — the city, or that very district. A valid signature by
 * an unknown key, a revoked key or a key trusted for another district is refused (403, hub.packageUntrustedKey,
 * the readable fingerprint and the district named), nothing stored, audited as package.refused — for a
 * district account's push and for an officer uploading an air-gapped district's package alike.
 * `plandesk hub key trust|list|revoke` and the admin's /api/keys calls. Real PostgreSQL, real packages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubAudit, hubErrorBody, hubKeyAnswer, hubKeys, hubStatus } from '../../contract/hub.ts';
import { userKey } from '../../db/keys/user-key.ts';
import { readableFingerprint } from '../../domain/keys.ts';
import { hubCommandSpec } from '../../hub/cli.ts';
import { keyFileText } from '../../package/key-file.ts';
import { citySide, districtSide, exportTo, importInto, PLAN, resign, setActual, trustBoth, type Side } from '../exchange/helpers.ts';
import { openHub, type Client, type OpenedHub } from './helpers.ts';
import { pushFile, trustOnHub } from './push.ts';

const JJ = 'd-500116';

describe('keys trusted on the hub', () => {
  let hub: OpenedHub;
  let as: Record<string, Client> = {};

  beforeAll(async () => {
    hub = await openHub({ inProcess: true, districts: { jiangjin: '江津区' }, logins: ['officer', 'jiangjin', 'admin', 'reviewer'] });
    as = hub.as;
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  const n = async (sql: string, values: unknown[] = []) => Number((await hub.db.query<{ n: string }>(sql, values)).rows[0]!.n);
  const keyFile = (s: Side, district: string | null) => {
    const f = path.join(s.dir, `key-${Math.random().toString(36).slice(2)}.pdkey`);
    fs.writeFileSync(f, keyFileText(userKey(s.home), { name: district ? `${district}联络员` : '王经信', department: '市经济信息委', district }, '2026-12-01T00:00:00.000Z'));
    return f;
  };
  const hubCli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const flags: Record<string, string | boolean> = {};
    const positionals: string[] = [];
    for (let i = 0; i < args.length; i += 1) {
      const a = args[i]!;
      if (!a.startsWith('--')) positionals.push(a);
      else if (['city', 'json'].includes(a.slice(2))) flags[a.slice(2)] = true;
      else flags[a.slice(2)] = args[(i += 1)]!;
    }
    const code = await hubCommandSpec.run({ pg: hub.pg.url, ...flags }, positionals, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join(''), err: err.join('') };
  };
  const refusedAs = async (c: Client, file: string, district: string, fingerprint: string) => {
    const before = await n('SELECT count(*) AS n FROM packages');
    const audits = await n("SELECT count(*) AS n FROM audit_log WHERE action = 'package.refused'");
    const r = await pushFile(hub.url, c, file);
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    const e = hubErrorBody.parse(r.body).error;
    expect(e.reason).toBe('hub.packageUntrustedKey');
    expect(e.message).toContain(readableFingerprint(fingerprint));
    expect(e.message).toContain(district);
    expect(e.message).toMatch(/未保存/);
    expect(e.params).toMatchObject({ fingerprint: readableFingerprint(fingerprint), district: district === '市级' ? '' : district });
    expect(await n('SELECT count(*) AS n FROM packages')).toBe(before);
    expect(await n("SELECT count(*) AS n FROM audit_log WHERE action = 'package.refused'")).toBe(audits + 1);
    return e;
  };

  it('a package is applied only when its key is trusted for its sender: unknown, another district\'s or revoked keys are refused, from a district and from an officer', { timeout: 240_000 }, async () => {
    const city = citySide();
    const jj = districtSide('江津区');
    const other = districtSide('江津区');
    trustBoth(city, jj, '江津区', JJ);
    const full = exportTo(city, '江津区', 'full');
    // the city's own package: its key is not trusted on the hub yet
    const cityFp = userKey(city.home).fingerprint;
    const e = await refusedAs(as.officer!, full, '市级', cityFp);
    expect(e.params).toMatchObject({ role: 'city', state: 'unknown' });
    const t = await hubCli('key', 'trust', '--key', keyFile(city, null), '--city');
    expect(t, t.err).toMatchObject({ code: 0 });
    expect(t.out).toContain(readableFingerprint(cityFp));
    expect((await pushFile(hub.url, as.officer!, full)).body.applied).toMatchObject({ state: 'applied', version: 1 });
    importInto(jj, full);

    setActual(jj, JJ, 2025, '612.5');
    const report = exportTo(jj, 'city', 'report');
    const jjFp = userKey(jj.home).fingerprint;
    // an unknown key: the district's own push and an officer's upload of it
    expect((await refusedAs(as.jiangjin!, report, '江津区', jjFp)).params).toMatchObject({ state: 'unknown' });
    await refusedAs(as.officer!, report, '江津区', jjFp);
    // trusted, but for another district
    expect((await hubCli('key', 'trust', '--key', keyFile(jj, '江津区'), '--district', '永川区')).code).toBe(0);
    const wrong = await refusedAs(as.officer!, report, '江津区', jjFp);
    expect(wrong.params).toMatchObject({ state: 'other' });
    expect(wrong.message).toContain('永川区');
    // a key already trusted is not trusted again for something else
    const twice = await hubCli('key', 'trust', '--key', keyFile(jj, '江津区'), '--district', '江津区');
    expect([twice.code, twice.err]).toEqual([1, expect.stringContaining('请先撤销')]);
    // revoked, then trusted for 江津区: applied
    const rv = await hubCli('key', 'revoke', '--fingerprint', readableFingerprint(jjFp).toLowerCase().replace(/-/g, ' '));
    expect(rv, rv.err).toMatchObject({ code: 0 });
    expect((await refusedAs(as.jiangjin!, report, '江津区', jjFp)).params).toMatchObject({ state: 'revoked' });
    expect((await hubCli('key', 'trust', '--key', keyFile(jj, '江津区'), '--district', '江津区')).code).toBe(0);
    // another desktop's key (valid signature, a key the hub does not know) still refused, for the same district
    const otherFp = userKey(other.home).fingerprint;
    await refusedAs(as.jiangjin!, resign(report, other, (m) => { m.sender.fingerprint = otherFp; }), '江津区', otherFp);
    const ok = await pushFile(hub.url, as.jiangjin!, report);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.applied).toMatchObject({ state: 'applied' });

    // revoked after trusted: the next package by that key is refused
    expect((await hubCli('key', 'revoke', '--fingerprint', jjFp)).code).toBe(0);
    setActual(jj, JJ, 2025, '613');
    await refusedAs(as.jiangjin!, exportTo(jj, 'city', 'report2'), '江津区', jjFp);

    // the list: active first, the revoked ones kept with who and when
    const list = await hubCli('key', 'list', '--json');
    const keys = hubKeys.shape.keys.parse(JSON.parse(list.out));
    expect(keys.map((k) => [k.role, k.district, k.revokedAt === null])).toEqual([['city', null, true], ['district', '永川区', false], ['district', '江津区', false]]);
    expect(keys[2]!.revokedBy).toContain('plandesk hub key revoke');
    expect(await n("SELECT count(*) AS n FROM audit_log WHERE action IN ('key.trust', 'key.revoke')")).toBe(5);
  });

  it('the admin\'s /api/keys: list, trust a key file (refusals name the field), revoke; not for other roles', async () => {
    const s = districtSide('荣昌区');
    const text = fs.readFileSync(keyFileOf(s), 'utf8');
    const bad = await as.admin!.post('/api/keys', { keyFile: text.replace('"fingerprint": "', '"fingerprint": "0'), role: 'district', district: '荣昌区' });
    expect([bad.status, hubErrorBody.parse(bad.body).error.reason]).toEqual([400, 'keys.badFile']);
    const noDistrict = await as.admin!.post('/api/keys', { keyFile: text, role: 'district', district: null });
    expect([noDistrict.status, hubErrorBody.parse(noDistrict.body).error.params?.field]).toEqual([400, 'district']);
    const made = await as.admin!.post('/api/keys', { keyFile: text, role: 'district', district: '荣昌区' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const key = hubKeyAnswer.parse(made.body).key;
    expect([key.holder.name, key.addedBy, key.readable]).toEqual(['荣昌区联络员', 'admin', readableFingerprint(userKey(s.home).fingerprint)]);
    expect(hubKeys.parse((await as.admin!.get('/api/keys')).body).keys.some((k) => k.id === key.id && k.revokedAt === null)).toBe(true);
    for (const c of [as.officer!, as.reviewer!, as.jiangjin!]) {
      expect((await c.get('/api/keys')).status).toBe(403);
      expect((await c.post('/api/keys/revoke', { fingerprint: key.readable })).status).toBe(403);
    }
    const revoked = await as.admin!.post('/api/keys/revoke', { fingerprint: key.readable });
    expect(hubKeyAnswer.parse(revoked.body).key.revokedAt).not.toBeNull();
    const again = await as.admin!.post('/api/keys/revoke', { fingerprint: key.readable });
    expect([again.status, hubErrorBody.parse(again.body).error.reason]).toEqual([404, 'hub.keyNotFound']);
  });

  const keyFileOf = (s: Side) => keyFile(s, '荣昌区');
});

describe('the audit search', () => {
  let hub: OpenedHub;
  const reviewer = { c: null as Client | null };

  beforeAll(async () => {
    hub = await openHub({ inProcess: true, logins: ['reviewer'] });
    reviewer.c = hub.as.reviewer!;
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('entries of the same moment are newest first: by id, as numbers (9 before 10 is wrong), also past the tenth', async () => {
    // one transaction: every row has the same `at` (now() is the transaction's start)
    const client = await hub.db.connect();
    try {
      await client.query('BEGIN');
      for (let i = 1; i <= 12; i += 1) await client.query("INSERT INTO audit_log (account_name, action, details) VALUES ('tests', 'test.order', $1)", [JSON.stringify({ n: i })]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const r = await reviewer.c!.get('/api/audit?action=test.order&limit=50');
    const entries = hubAudit.parse(r.body).entries;
    expect(entries.map((e) => e.params.n)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const ids = entries.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});

describe('报送情况 names the plan\'s districts no package has named yet', () => {
  let hub: OpenedHub;
  let officer: Client;
  beforeAll(async () => {
    hub = await openHub({ inProcess: true, logins: ['officer'] });
    officer = hub.as.officer!;
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('by the plan_district rows\' district_name (a presentation field the package may carry), not by their ids', { timeout: 120_000 }, async () => {
    const city = citySide();
    await trustOnHub(hub.db, city.home);
    const names = new Map(city.store.db.prepare<[], { id: string; name: string }>('SELECT id, name FROM districts').all().map((r) => [r.id, r.name]));
    const full = resign(exportTo(city, '江津区', 'full'), city, (_m, lines) => {
      for (const l of lines) if (l.entity === 'plan_district' && l.value && typeof l.value === 'object' && !Array.isArray(l.value)) (l.value as Record<string, unknown>).district_name = names.get(String((l.value as Record<string, unknown>).district_id));
    });
    const r = await pushFile(hub.url, officer, full);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const rows = hubStatus.parse((await officer.get(`/api/plans/${encodeURIComponent(PLAN)}/status`)).body).rows;
    expect(rows).toHaveLength(8);
    for (const row of rows) expect([row.districtId, row.district]).toEqual([row.districtId, names.get(row.districtId)]);
    expect(rows.map((x) => x.district)).toContain('合川区');
  });
});
