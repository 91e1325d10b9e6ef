/**
 * Hostile inputs to the hub (session 8, untested until now), each refused with a clear answer — nothing stored,
 * no crash, the hub answering afterwards:
 * - a push signed by a key the hub trusts for a district that has no plan there: a report to a plan the district
 *   is not a district of, and a whole-plan package from a district (only the city sends whole plans — the
 *   desktop refuses the same, exchange.districtFull);
 * - an audit search whose `q` is megabytes long (Node's header limit answers 431; a long one under it, 400 naming q).
 * Real PostgreSQL, real packages signed with real keys.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubAudit } from '../../contract/hub.ts';
import { userKey } from '../../db/keys/user-key.ts';
import { citySide, districtSide, exportTo, importInto, resign, setActual, trustBoth } from '../exchange/helpers.ts';
import { call, openHub, type OpenedHub } from './helpers.ts';
import { pushFile, trustOnHub, trustSidesOnHub } from './push.ts';

const JJ = 'd-500116';
/** 巫山县: a real district of Chongqing, not one of 13号's eight */
const WUSHAN = { name: '巫山县', id: 'd-500237' };

describe('hostile pushes and searches', () => {
  let hub: OpenedHub;
  beforeAll(async () => {
    hub = await openHub({ inProcess: true, districts: { jiangjin: '江津区', wushan: WUSHAN.name }, logins: ['officer', 'jiangjin', 'wushan', 'reviewer'] });
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
  });

  const n = async (sql: string, values: unknown[] = []) => Number((await hub.db.query<{ n: string }>(sql, values)).rows[0]!.n);
  const healthy = async () => expect((await call(hub.url, '/api/health')).status).toBe(200);

  it('a key trusted for a district with no plan on the hub: its report to a plan it is not in, and its whole-plan package, are refused; nothing stored', { timeout: 120_000 }, async () => {
    const city = citySide();
    const jj = districtSide('江津区');
    const wushan = districtSide(WUSHAN.name);
    trustBoth(city, jj, '江津区', JJ);
    await trustSidesOnHub(hub.db, city.home, jj.home, '江津区');
    await trustOnHub(hub.db, wushan.home, WUSHAN.name);
    const full = exportTo(city, '江津区', 'full');
    expect((await pushFile(hub.url, hub.as.officer!, full)).status).toBe(200);
    importInto(jj, full);
    setActual(jj, JJ, 2025, '612.5');
    const report = exportTo(jj, 'city', 'report');
    const asWushan = (file: string, edit: (m: Parameters<Parameters<typeof resign>[2]>[0]) => void = () => {}) =>
      resign(file, wushan, (m) => {
        if (m.sender.role === 'district' || m.sender.role === 'city') Object.assign(m.sender, { role: 'district', name: `${WUSHAN.name}联络员`, district: WUSHAN.name, districtId: WUSHAN.id, fingerprint: userKey(wushan.home).fingerprint });
        edit(m);
      });
    const packages = await n('SELECT count(*) AS n FROM packages');
    const versions = await n('SELECT count(*) AS n FROM hub_versions');

    // a report to 13号, signed by 巫山县's trusted key, pushed by 巫山县's account
    const notInPlan = await pushFile(hub.url, hub.as.wushan!, asWushan(report));
    expect(notInPlan.status, JSON.stringify(notInPlan.body)).toBe(403);
    expect(notInPlan.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'hub.packageDistrictNotInPlan' });
    expect(notInPlan.body.error!.message).toContain(WUSHAN.name);
    expect(notInPlan.body.error!.message).toMatch(/未保存/);

    // a whole-plan package from 巫山县 for a plan the hub does not hold: it would create the plan
    const whole = asWushan(full, (m) => {
      m.planId = 'p-wushan-own';
      m.packageId = randomUUID();
      m.recipient = { kind: 'city' };
    });
    const created = await pushFile(hub.url, hub.as.wushan!, whole);
    expect(created.status, JSON.stringify(created.body)).toBe(403);
    expect(created.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'hub.packageDistrictFull' });
    expect(created.body.error!.message).toMatch(/未保存/);

    expect(await n('SELECT count(*) AS n FROM packages')).toBe(packages);
    expect(await n('SELECT count(*) AS n FROM hub_versions')).toBe(versions);
    expect(await n("SELECT count(*) AS n FROM hub_plans WHERE plan_id = 'p-wushan-own'")).toBe(0);
    expect(await n('SELECT count(*) AS n FROM hub_districts WHERE name = $1', [WUSHAN.name])).toBe(0);
    expect(await n("SELECT count(*) AS n FROM audit_log WHERE action = 'package.refused'")).toBeGreaterThanOrEqual(2);
    await healthy();
    // 江津区's own report still goes in
    const ok = await pushFile(hub.url, hub.as.jiangjin!, report);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.applied).toMatchObject({ state: 'applied' });
  });

  it('an audit search with a q of megabytes is refused by the header limit (431); one of 10 KB by the route (400, naming q); the hub answers on', { timeout: 60_000 }, async () => {
    const reviewer = hub.as.reviewer!;
    const huge = await reviewer.get(`/api/audit?q=${'审'.repeat(1_000_000)}`).catch((e: unknown) => ({ status: -1, error: String(e) }));
    // Node answers 431 and closes; a reset while the request is still being written is also a refusal
    expect([431, -1]).toContain(huge.status);
    const long = await reviewer.get(`/api/audit?q=${encodeURIComponent('x'.repeat(10_000))}`);
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: 'INVALID_INPUT', reason: 'hub.badInput', params: { field: 'q' } });
    expect(long.body.error!.message).toContain('q');
    // at the limit: answered
    const atLimit = await reviewer.get(`/api/audit?q=${encodeURIComponent('审'.repeat(200))}`);
    expect(atLimit.status).toBe(200);
    expect(hubAudit.parse(atLimit.body).entries).toEqual([]);
    await healthy();
  });
});
