/**
 * Applying a package on the hub is one PostgreSQL transaction (issue 16): PostgreSQL restarted, or killed
 * and recovered, while a push is half-applied (its package row written, the plan's row not yet) loses
 * nothing and applies nothing twice — the push is answered 503, nothing of it is kept, and the push
 * retried is stored and applied once. And the air-gapped district: an officer uploads the package a
 * district carried in (signed by the district's key) and downloads the city's return package for it,
 * which the district's desktop imports.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubStatus, hubVersions } from '../../contract/hub.ts';
import { actual, citySide, districtSide, exportTo, importInto, PLAN, setActual, trustBoth } from '../exchange/helpers.ts';
import type { TestPostgres } from '../helpers/postgres.ts';
import { PASSWORDS } from './accounts.ts';
import { Client, openHub, until, type OpenedHub } from './helpers.ts';
import { envelopeOfFile, pushFile, trustSidesOnHub } from './push.ts';

const JJ = 'd-500116';
const HC = 'd-500117';
const q = encodeURIComponent(PLAN);

function download(base: string, c: Client, pathname: string): Promise<{ status: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(new URL(pathname, base), { headers: { cookie: `plandesk_hub_session=${c.cookie}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('a push applied on the hub, whatever happens to PostgreSQL; air-gapped districts', () => {
  let hub: OpenedHub;
  let db: TestPostgres;
  let officer: Client;

  beforeAll(async () => {
    hub = await openHub({ inProcess: true, districts: { jiangjin: '江津区' }, logins: ['officer'] });
    db = hub.pg;
    officer = hub.as.officer!;
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  const counts = async () =>
    (await hub.db.query<{ packages: string; versions: string; applied: string; pushes: string; rows: string }>(
      `SELECT (SELECT count(*) FROM packages) AS packages, (SELECT count(*) FROM hub_versions) AS versions, (SELECT count(*) FROM hub_applied) AS applied,
              (SELECT count(*) FROM audit_log WHERE action IN ('package.push', 'package.apply')) AS pushes, (SELECT count(*) FROM hub_rows) AS rows`,
    )).rows[0]!;

  it('PostgreSQL restarted, or killed, in the middle of applying a push: nothing of it kept, the push retried applies once', { timeout: 240_000 }, async () => {
    const city = citySide();
    const jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', JJ);
    await trustSidesOnHub(hub.db, city.home, jj.home, '江津区');
    const full = exportTo(city, '江津区', 'full');
    expect((await pushFile(hub.url, officer, full)).status).toBe(200);
    importInto(jj, full);
    const jjClient = new Client(hub.url);
    expect((await jjClient.login('jiangjin', PASSWORDS.district)).status).toBe(200);

    for (const [what, stop] of [['restart', () => db.restart()], ['crash', () => db.crashAndRecover()]] as const) {
      setActual(jj, JJ, what === 'restart' ? 2024 : 2025, '77.5');
      const report = exportTo(jj, 'city', `report-${what}`);
      const before = await counts();
      // another session holds the plan's row: the push writes its package row, then waits for the plan's
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      holder.on('error', () => {});
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM hub_plans WHERE plan_id = $1 FOR UPDATE', [PLAN]);
      const pushing = pushFile(hub.url, jjClient, report);
      await until('the push waits inside its transaction', () => holder.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'plandesk-hub' AND wait_event_type = 'Lock'",
      ), (r) => r.rows[0]!.n === '1');
      stop();
      await holder.end().catch(() => {});
      const cut = await pushing;
      expect([what, cut.status, cut.body.error?.reason]).toEqual([what, 503, 'hub.unavailable']);
      // nothing of it: no package, no version, no audit row
      await until('the hub answers again', () => officer.get('/api/health'), (a) => a.status === 200);
      // (the pool's other connections died with the server: the first calls on them fail, then new ones are made)
      expect(await until('the counts', counts, () => true)).toEqual(before);
      // retried: stored and applied once; again: nothing
      const retried = await pushFile(hub.url, jjClient, report);
      expect([retried.status, retried.body.stored, (retried.body.applied as { state: string }).state]).toEqual([200, true, 'applied']);
      expect((await pushFile(hub.url, jjClient, report)).body.stored).toBe(false);
      const now = await counts();
      expect([Number(now.packages), Number(now.versions), Number(now.applied), Number(now.pushes)]).toEqual([
        Number(before.packages) + 1, Number(before.versions) + 1, Number(before.applied) + 1, Number(before.pushes) + 2,
      ]);
    }
    const vs = hubVersions.parse((await officer.get(`/api/plans/${q}/versions`)).body).versions;
    expect(vs.map((v) => [v.version, v.sender])).toEqual([[1, '市里'], [2, '江津区'], [3, '江津区']]);
  });

  it('an officer uploads an air-gapped district\'s package and downloads the city\'s return package, which the district imports', { timeout: 120_000 }, async () => {
    const city = citySide();
    const hc = districtSide('合川区');
    trustBoth(city, hc, '合川区', HC);
    await trustSidesOnHub(hub.db, city.home, hc.home, '合川区');
    // the hub already holds this plan (the test above); this city file is another copy of it, sent whole to 合川区:
    // taken as the city's changes since its last package, so 江津区's reports merged on the hub meanwhile stay
    const jjActual = () => hub.db.query<{ value: string }>(
      "SELECT value::text AS value FROM hub_rows WHERE to_version IS NULL AND entity = 'target' AND data ->> 'scope_id' = 'd-500116' AND data ->> 'kind' = 'actual' AND data ->> 'year' = '2025'",
    ).then((r) => r.rows);
    expect(await jjActual()).toEqual([{ value: '77.5' }]);
    const full = exportTo(city, '合川区', 'full');
    expect((await pushFile(hub.url, officer, full)).body.applied).toMatchObject({ state: 'applied' });
    expect(await jjActual()).toEqual([{ value: '77.5' }]);
    importInto(hc, full);
    // 合川区 works offline and carries its report in; the officer uploads it (signed by 合川区's key)
    setActual(hc, HC, 2023, '12.25');
    const carried = exportTo(hc, 'city', 'carried');
    const up = await pushFile(hub.url, officer, carried);
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect((up.body.package as { receivedBy: string; sender: string }).receivedBy).toBe('officer');
    expect((up.body.package as { sender: string }).sender).toBe('合川区');
    expect(hubStatus.parse((await officer.get(`/api/plans/${q}/status`)).body).rows.find((r) => r.districtId === HC)?.reportAt).toBeTruthy();

    // the city takes it and answers; the officer pushes the return package and downloads it to carry back
    expect(importInto(city, carried).status).toBe('ready');
    setActual(city, HC, 2023, '12.5');
    const back = exportTo(city, '合川区', 'back');
    expect((await pushFile(hub.url, officer, back)).status).toBe(200);
    const list = await officer.get(`/api/packages?plan=${q}&after=0&to=${encodeURIComponent('合川区')}`);
    const mine = (list.body.packages as { id: string; packageId: string }[]).find((p) => p.packageId === envelopeOfFile(back).packageId)!;
    const got = await download(hub.url, officer, `/api/packages/${mine.id}`);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(fs.readFileSync(back))).toBe(true);
    const carriedBack = path.join(hc.dir, 'from-hub.pdpkg');
    fs.writeFileSync(carriedBack, got.bytes);
    expect(importInto(hc, carriedBack).status).toBe('ready');
    expect(actual(hc, HC, 2023)).toBe('12.5');
  });
});
