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
import { hubErrorBody, hubKeyAnswer, hubKeys } from '../../contract/hub.ts';
import { userKey } from '../../db/keys/user-key.ts';
import { readableFingerprint } from '../../domain/keys.ts';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { hubCommandSpec } from '../../hub/cli.ts';
import { startHub, type RunningHub } from '../../hub/hub.ts';
import { keyFileText } from '../../package/key-file.ts';
import { citySide, districtSide, exportTo, importInto, resign, setActual, trustBoth, type Side } from '../exchange/helpers.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { PASSWORDS, seedAccounts } from './accounts.ts';
import { Client } from './helpers.ts';
import { pushFile } from './push.ts';

const JJ = 'd-500116';

describe('keys trusted on the hub', () => {
  const pg = startPostgres();
  let hub: RunningHub;
  const as: Record<string, Client> = {};

  beforeAll(async () => {
    hub = await startHub({ pgUrl: pg.url, port: 0, log: () => {} });
    await hub.ready;
    await seedAccounts(hub.db);
    await addAccount(hub.db, { name: 'jiangjin', role: 'district', district: '江津区', password: PASSWORDS.district });
    for (const [name, pw] of [['officer', PASSWORDS.officer], ['jiangjin', PASSWORDS.district], ['admin', PASSWORDS.admin], ['reviewer', PASSWORDS.reviewer]] as const) {
      as[name] = new Client(hub.url);
      expect((await as[name].login(name, pw)).status).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
    pg.stop();
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
    const code = await hubCommandSpec.run({ pg: pg.url, ...flags }, positionals, { out: (t) => out.push(t), err: (t) => err.push(t) });
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
