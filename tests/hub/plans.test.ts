/**
 * The hub holds plans (issue 16, migration 003): it reads each pushed 报送包 with the core's own code
 * (package/), refuses one whose signature, content hash, envelope or scope is wrong (nothing stored), and
 * applies each in one transaction — the city's whole-plan package creates the plan, a district's report is
 * merged three ways (a conflict kept as data), a package pushed twice applies once. The read API answers
 * exactly what contract/hub.ts describes (every answer parsed with its schema): the roll-up summed in SQL
 * as numeric (held here to the desktop's own figures with decimal.js), 报送情况, versions, a compare, the
 * audit search; a district account reads only its own. Real PostgreSQL, real plan files and keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Decimal as Dec } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubAudit, hubCompare, hubErrorBody, hubPlans, hubRollup, hubStatus, hubVersions } from '../../contract/hub.ts';
import { readPackageFile, writePackageFile } from '../../db/exchange/file.ts';
import { citySide, districtSide, exportTo, importInto, PLAN, resign, REVENUE, setActual, trustBoth, type Side } from '../exchange/helpers.ts';
import { openHub, type Client, type OpenedHub } from './helpers.ts';
import { pushBytes, pushFile, trustSidesOnHub } from './push.ts';

const JJ = 'd-500116';
/** exact enough for any figure here (decimal.js rounds to 20 digits by default) */
const Decimal = Dec.clone({ precision: 200 });
const q = encodeURIComponent(PLAN);

describe('plans on the hub', () => {
  let hub: OpenedHub;
  let as: Record<string, Client> = {};

  beforeAll(async () => {
    hub = await openHub({ inProcess: true, districts: { jiangjin: '江津区' }, logins: ['officer', 'reviewer', 'jiangjin', 'rongchang', 'admin'] });
    as = hub.as;
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  const n = async (sql: string, values: unknown[] = []) => Number((await hub.db.query<{ n: string }>(sql, values)).rows[0]!.n);

  /** the district values of one indicator × year × kind in a desktop file, summed exactly */
  const desktopSum = (s: Side, year: number, kind: string) =>
    s.store.db
      .prepare<[string, number, string], { value: string | null }>("SELECT value FROM target_values WHERE indicator_id = ? AND year = ? AND kind = ? AND scope = 'district' AND period = '' AND value IS NOT NULL")
      .all(REVENUE, year, kind)
      .reduce((acc: Dec, r) => acc.plus(new Decimal(r.value!)), new Decimal(0));

  it('the city\'s whole-plan package creates the plan; 江津区\'s report is applied, summed in SQL, compared, and refused when it is not what it claims', { timeout: 240_000 }, async () => {
    const city = citySide();
    const jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', JJ);
    await trustSidesOnHub(hub.db, city.home, jj.home, '江津区');
    const full = exportTo(city, '江津区', 'full');
    const first = await pushFile(hub.url, as.officer!, full);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.applied).toMatchObject({ state: 'applied', version: 1 });
    importInto(jj, full);

    const plans = hubPlans.parse((await as.officer!.get('/api/plans')).body);
    expect(plans.plans.map((p) => [p.planId, p.version])).toEqual([[PLAN, 1]]);
    expect(plans.plans[0]!.districtCount).toBe(8);
    // every versioned row of the city's plan is on the hub
    const rows = city.store.db.prepare<[string, string, string], { n: number }>(
      `SELECT (SELECT count(*) FROM target_values tv JOIN indicators i ON i.id = tv.indicator_id WHERE i.plan_id = ?) + (SELECT count(*) FROM tasks WHERE plan_id = ?)
            + (SELECT count(*) FROM indicators WHERE plan_id = ?) AS n`,
    ).get(PLAN, PLAN, PLAN)!.n;
    expect(await n("SELECT count(*) AS n FROM hub_rows WHERE plan_id = $1 AND to_version IS NULL AND entity IN ('target', 'task', 'indicator')", [PLAN])).toBe(rows);

    // 江津区 reports an actual value with more decimals than a float keeps
    setActual(jj, JJ, 2025, '612.123456789012345678');
    const report = exportTo(jj, 'city', 'report');
    const pushed = await pushFile(hub.url, as.jiangjin!, report);
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body.applied).toMatchObject({ state: 'applied', version: 2, changeCount: 1 });
    // pushed again: stored once, applied once
    const again = await pushFile(hub.url, as.jiangjin!, report);
    expect([again.status, again.body.stored, again.body.applied]).toEqual([200, false, null]);
    expect(await n('SELECT count(*) AS n FROM hub_versions WHERE plan_id = $1', [PLAN])).toBe(2);

    // the roll-up: the hub's SQL sum is the desktop's sum with 江津区's value, exactly
    const roll = hubRollup.parse((await as.reviewer!.get(`/api/plans/${q}/rollup`)).body);
    expect(roll.version).toBe(2);
    const row = roll.rows.find((r) => r.indicatorId === REVENUE && r.year === 2025 && r.kind === 'actual' && r.period === null)!;
    const expected = desktopSum(city, 2025, 'actual').plus('612.123456789012345678');
    expect(new Decimal(row.districtSum!).equals(expected), `${row.districtSum} = ${expected.toString()}`).toBe(true);
    expect(row.districtSum).toContain('123456789012345678');
    expect(row.districtCount).toBe(8);
    const target = roll.rows.find((r) => r.indicatorId === REVENUE && r.kind === 'target' && r.planTotal !== null && r.districtSum !== null);
    if (target) expect(new Decimal(target.difference!).equals(new Decimal(target.districtSum!).minus(target.planTotal!))).toBe(true);
    // the roll-up of version 1 has no such value from 江津区
    const v1 = hubRollup.parse((await as.officer!.get(`/api/plans/${q}/rollup?version=1`)).body);
    const row1 = v1.rows.find((r) => r.indicatorId === REVENUE && r.year === 2025 && r.kind === 'actual' && r.period === null);
    expect(new Decimal(row1?.districtSum ?? '0').equals(desktopSum(city, 2025, 'actual'))).toBe(true);

    // 报送情况
    const status = hubStatus.parse((await as.officer!.get(`/api/plans/${q}/status`)).body);
    expect(status.rows).toHaveLength(8);
    expect(status.rows.find((r) => r.districtId === JJ)).toMatchObject({ district: '江津区', state: 'applied', sentSeq: 1, reportSeq: 1, changeCount: 1 });
    expect(status.rows.filter((r) => r.districtId !== JJ).every((r) => r.state === 'none')).toBe(true);
    const own = hubStatus.parse((await as.jiangjin!.get(`/api/plans/${q}/status`)).body);
    expect(own.rows.map((r) => r.district)).toEqual(['江津区']);

    // versions and compare
    const vs = hubVersions.parse((await as.reviewer!.get(`/api/plans/${q}/versions`)).body);
    expect(vs.versions.map((v) => [v.version, v.sender, v.changeCount])).toEqual([[1, '市里', expect.any(Number)], [2, '江津区', 1]]);
    const cmp = hubCompare.parse((await as.reviewer!.get(`/api/plans/${q}/compare?from=1&to=2`)).body);
    expect(cmp.rows).toHaveLength(1);
    expect(cmp.rows[0]).toMatchObject({ entity: 'target', author: '江津区联络员' });
    expect(JSON.stringify(cmp.rows[0]!.after)).toContain('612.123456789012345678');
    expect(cmp.rows[0]!.label).toContain('江津区');
    const whole = hubCompare.parse((await as.jiangjin!.get(`/api/plans/${q}/compare?from=1&to=1`)).body);
    expect(whole.rows).toEqual([]);

    // a district account: not the roll-up (it sums every district), not another district's plan
    const noRoll = await as.jiangjin!.get(`/api/plans/${q}/rollup`);
    expect([noRoll.status, hubErrorBody.parse(noRoll.body).error.reason]).toEqual([403, 'hub.roleForbidden']);
    const rc = await as.rongchang!.get(`/api/plans/${q}/status`);
    expect([rc.status, rc.body.error?.reason]).toEqual([403, 'hub.planNotYourDistrict']);
    expect(hubPlans.parse((await as.rongchang!.get('/api/plans')).body).plans).toEqual([]);

    // the city takes the report, then changes 江津区's actual; 江津区, not having taken that, changes it again: a conflict, kept
    expect(importInto(city, report).status).toBe('ready');
    setActual(city, JJ, 2025, '615');
    // (and 合川区's, which the city's package to 江津区 carries too: the hub shows it to the city, not to 江津区)
    setActual(city, 'd-500117', 2025, '5.5');
    const down = exportTo(city, '江津区', 'down');
    expect((await pushFile(hub.url, as.officer!, down)).body.applied).toMatchObject({ state: 'applied', version: 3 });
    const seenBy = async (c: Client) => hubCompare.parse((await c.get(`/api/plans/${q}/compare?from=2&to=3`)).body).rows.map((r) => r.label).sort();
    // (合川区 by its name though no package has named it to the hub: the plan_district rows carry district_name, s8-rounds16)
    expect(await seenBy(as.officer!)).toEqual([expect.stringMatching(/^合川区 /), expect.stringMatching(/^江津区 /)]);
    expect(await seenBy(as.jiangjin!)).toEqual([expect.stringContaining('江津区')]);
    setActual(jj, JJ, 2025, '620');
    const second = exportTo(jj, 'city', 'report2');
    const clash = await pushFile(hub.url, as.jiangjin!, second);
    expect(clash.body.applied).toMatchObject({ state: 'conflicts', version: 4, conflictCount: 1, changeCount: 0 });
    expect((await hub.db.query("SELECT kind, field, mine, theirs FROM hub_conflicts")).rows).toEqual([{ kind: 'cell', field: 'value', mine: '615', theirs: '620' }]);
    const after = hubRollup.parse((await as.officer!.get(`/api/plans/${q}/rollup`)).body).rows.find((r) => r.indicatorId === REVENUE && r.year === 2025 && r.kind === 'actual' && r.period === null)!;
    expect(new Decimal(after.districtSum!).equals(desktopSum(city, 2025, 'actual'))).toBe(true);
    // (made on its own first report, not on the city's package #2: a second answer of round 1 — s8-rounds16)
    expect(hubStatus.parse((await as.officer!.get(`/api/plans/${q}/status?round=1`)).body).rows.find((r) => r.districtId === JJ)).toMatchObject({ state: 'conflicts', sentSeq: 1, reportSeq: 2, reportCount: 2, conflictCount: 1 });
    expect(hubStatus.parse((await as.officer!.get(`/api/plans/${q}/status`)).body).rows.find((r) => r.districtId === JJ)).toMatchObject({ state: 'sent', sentSeq: 2, reportSeq: null });

    // refusals: nothing stored, each named
    const stored = await n('SELECT count(*) AS n FROM packages');
    setActual(jj, JJ, 2024, '1');
    const base = exportTo(jj, 'city', 'r3');
    // the manifest changed after signing
    const c1 = readPackageFile(base);
    const forged = base.replace(/\.pdpkg$/, '-forged.pdpkg');
    writePackageFile(forged, { ...c1.manifest, versionName: '改过' }, c1.lines, c1.signature);
    const sig = await pushFile(hub.url, as.jiangjin!, forged);
    expect([sig.status, sig.body.error?.reason, sig.body.error?.params?.field]).toEqual([400, 'hub.packageSignature', 'signature']);
    expect(sig.body.error?.message).toBe('报送包的“签名”无效（清单在签名后被改动，或签名不属于该公钥），未保存。');
    // a change altered after signing
    const altered = base.replace(/\.pdpkg$/, '-altered.pdpkg');
    writePackageFile(altered, c1.manifest, c1.lines.map((l) => ({ ...l, value: l.value !== null && typeof l.value === 'object' && !Array.isArray(l.value) ? { ...l.value, value: '999' } : '999' })), c1.signature);
    const ch = await pushFile(hub.url, as.jiangjin!, altered);
    expect([ch.status, ch.body.error?.reason, ch.body.error?.params?.field]).toEqual([400, 'hub.packageContentHash', 'contentHash']);
    // an envelope that says another sequence number than the package
    const env = await pushFile(hub.url, as.jiangjin!, base, (e) => ({ ...e, seq: e.seq + 5 }));
    expect([env.status, env.body.error?.reason, env.body.error?.params?.field]).toEqual([400, 'hub.packageEnvelopeMismatch', 'seq']);
    // well signed, but a change of the city's target: out of the district's scope
    const scoped = resign(base, jj, (m, lines) => {
      lines.length = 0;
      lines.push({ op: 'update', entity: 'indicator', rowId: REVENUE, field: 'target_value', base: null, value: '1', author: '江津区联络员', at: m.createdAt });
    });
    const out = await pushFile(hub.url, as.jiangjin!, scoped);
    expect([out.status, out.body.error?.reason]).toEqual([403, 'hub.packageOutOfScope']);
    expect(out.body.error?.message).toMatch(/^江津区的报送包有 1 处修改超出区县的范围（指标 .* 的 target_value：这类记录由市里管理），已拒绝，未保存。$/);
    // not a package at all
    const junk = path.join(jj.dir, 'junk.pdpkg');
    fs.writeFileSync(junk, Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4096, 1)]));
    const bad = await pushBytes(hub.url, as.jiangjin!, fs.readFileSync(junk), { packageId: c1.manifest.packageId, planId: PLAN, sender: { role: 'district', name: 'x', district: '江津区' }, recipient: { kind: 'city' }, seq: 9, full: false, base: null });
    expect([bad.status, bad.body.error?.reason]).toEqual([400, 'exchange.file.damaged']);
    expect(await n('SELECT count(*) AS n FROM packages')).toBe(stored);
    expect(hubStatus.parse((await as.officer!.get(`/api/plans/${q}/status`)).body).rows.find((r) => r.districtId === JJ)).toMatchObject({ state: 'refused', sentSeq: 2, reportSeq: null });
    // the right one is taken after all that
    expect((await pushFile(hub.url, as.jiangjin!, base)).body.applied).toMatchObject({ state: 'applied', version: 5 });

    // a city package's cell of a row the hub does not hold makes no row of one field
    const stray = resign(down, city, (m, lines) => {
      m.packageId = '00000000-0000-4000-8000-0000000000aa';
      m.seq = 90;
      lines.push({ op: 'update', entity: 'task', rowId: 'no-such-task', field: 'progress', base: null, value: '过半', author: '王经信', at: m.createdAt });
    });
    expect((await pushFile(hub.url, as.officer!, stray)).body.applied).toMatchObject({ state: 'applied', version: 6 });
    expect(await n("SELECT count(*) AS n FROM hub_rows WHERE row_id = 'no-such-task'")).toBe(0);

    // the audit search
    const audit = hubAudit.parse((await as.reviewer!.get(`/api/audit?plan=${q}&action=package.apply&limit=3`)).body);
    expect(audit.entries.map((e) => JSON.parse(e.detail!).version)).toEqual([6, 5, 4]);
    expect(audit.more).toBe(true);
    const found = hubAudit.parse((await as.admin!.get(`/api/audit?q=${encodeURIComponent('超出区县的范围')}`)).body);
    expect(found.entries.map((e) => e.action)).toEqual(['package.refused']);
    const noAudit = await as.jiangjin!.get('/api/audit');
    expect(noAudit.status).toBe(403);
  });
});
