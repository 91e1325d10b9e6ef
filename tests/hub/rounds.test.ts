/**
 * 报送情况 of every round (s8-rounds16, hub/plans/rounds.ts + status.ts): three rounds of real packages between
 * a city desktop and three district desktops through a hub on a real PostgreSQL — 永川区 misses round 1,
 * 合川区 answers round 2 only after round 3 went out, 江津区 reports twice in round 3 — read back round by round as contract/hub.ts says; a district
 * account sees its own district only; a district no package was ever addressed to shows by its Chinese name
 * (the desktop's plan_district rows carry district_name).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubCompare, hubErrorBody, hubStatus, type HubStatusRow } from '../../contract/hub.ts';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { startHub, type RunningHub } from '../../hub/hub.ts';
import { citySide, districtSide, exportTo, importInto, PLAN, resign, setActual, trustBoth, type Side } from '../exchange/helpers.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { PASSWORDS, seedAccounts } from './accounts.ts';
import { Client } from './helpers.ts';
import { envelopeOfFile, pushBytes, pushFile, trustOnHub } from './push.ts';

const q = encodeURIComponent(PLAN);
const SIDES = [['江津区', 'd-500116', 'jiangjin'], ['合川区', 'd-500117', 'hechuan'], ['永川区', 'd-500118', 'yongchuan']] as const;
/** 大足区: in the plan, never sent a package, never named by one */
const DAZU = 'd-500111';

describe('报送情况 of every round', () => {
  const pg = startPostgres();
  let hub: RunningHub;
  const as: Record<string, Client> = {};
  /** the hub version each report made, by district name and round */
  const made = new Map<string, number>();
  /** a well-signed city package numbered 10⁹ (made while the city's file is open; pushed by the last test) */
  let huge: { bytes: Buffer; envelope: unknown } | null = null;

  beforeAll(async () => {
    hub = await startHub({ pgUrl: pg.url, port: 0, log: () => {} });
    await hub.ready;
    await seedAccounts(hub.db);
    for (const [name, , account] of SIDES) await addAccount(hub.db, { name: account, role: 'district', district: name, password: PASSWORDS.district });
    for (const [name, pw] of [['officer', PASSWORDS.officer], ['reviewer', PASSWORDS.reviewer], ...SIDES.map(([, , a]) => [a, PASSWORDS.district] as const)] as const) {
      as[name] = new Client(hub.url);
      expect((await as[name].login(name, pw)).status).toBe(200);
    }

    const city = citySide();
    await trustOnHub(hub.db, city.home);
    const sides = new Map<string, Side>();
    for (const [name, id] of SIDES) {
      const s = districtSide(name);
      trustBoth(city, s, name, id);
      await trustOnHub(hub.db, s.home, name);
      sides.set(name, s);
    }
    const push = async (c: Client, file: string) => {
      const r = await pushFile(hub.url, c, file);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.applied as { version: number | null };
    };
    const report = async (name: string, value: string, tag: string, year = 2025) => {
      const [, id, account] = SIDES.find((x) => x[0] === name)!;
      setActual(sides.get(name)!, id, year, value);
      const file = exportTo(sides.get(name)!, 'city', `${tag}-report`);
      made.set(`${name}#${tag}`, (await push(as[account]!, file)).version!);
      // the city takes the report before its next round (as its 同步 would pull it)
      expect(importInto(city, file).status).toBe('ready');
    };
    /**
     * One round: the city sends each district its package; each takes it (a desktop takes them in order) and
     * those in `reporting` report. Those in `late` first report what they had (before taking the new package).
     */
    const round = async (n: number, reporting: string[], cityEdit: () => void, late: string[] = []) => {
      cityEdit();
      const downs = new Map<string, string>();
      for (const [name] of SIDES) {
        downs.set(name, exportTo(city, name, `r${n}-${name}`));
        await push(as.officer!, downs.get(name)!);
      }
      // (another cell than the round's: the late value and the next report's, made on a base without it, do not clash)
      for (const name of late) await report(name, `${n - 1}99.5`, `${n - 1}late`, 2024);
      for (const [name] of SIDES) expect(importInto(sides.get(name)!, downs.get(name)!).status).toBe('ready');
      for (const name of reporting) await report(name, `${n}00.5`, String(n));
    };
    await round(1, ['江津区', '合川区'], () => {});
    // the city's own changes between rounds: 大足区's figure (a district no package goes to)
    await round(2, ['江津区', '永川区'], () => setActual(city, DAZU, 2025, '42'));
    // 合川区 missed round 2; it answers it after round 3 went out, before taking round 3's package: a round-2 report
    await round(3, ['江津区', '合川区', '永川区'], () => setActual(city, DAZU, 2025, '43'), ['合川区']);
    // 江津区 reports again in round 3 before any new package: its base is its own report, so still round 3
    setActual(sides.get('江津区')!, 'd-500116', 2024, '7.25');
    made.set('江津区#3b', (await push(as.jiangjin!, exportTo(sides.get('江津区')!, 'city', 'r3-again'))).version!);
    setActual(city, DAZU, 2025, '44');
    const forged = resign(exportTo(city, '江津区', 'r4'), city, (m) => {
      m.packageId = '00000000-0000-4000-8000-00000000e009';
      m.seq = 1_000_000_000;
    });
    // read now: the test's folders go when its first test ends
    huge = { bytes: fs.readFileSync(forged), envelope: envelopeOfFile(forged) };
  }, 240_000);

  afterAll(async () => {
    await hub?.close();
    pg.stop();
  });

  const status = async (c: Client, round?: number) => {
    const a = await c.get(`/api/plans/${q}/status${round === undefined ? '' : `?round=${round}`}`);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    return hubStatus.parse(a.body);
  };
  const row = (rows: HubStatusRow[], district: string) => rows.find((r) => r.district === district)!;

  it('lists the three rounds, each counted, and shows the latest by default', async () => {
    expect(Number((await hub.db.query<{ n: string }>('SELECT count(*) AS n FROM hub_conflicts')).rows[0]!.n)).toBe(0);
    const latest = await status(as.officer!);
    expect(latest.round).toBe(3);
    expect(latest.rounds.map((r) => [r.round, r.issued, r.reported])).toEqual([[1, 3, 2], [2, 3, 3], [3, 3, 3]]);
    expect(latest.rounds.every((r) => r.issuedAt !== null)).toBe(true);
    expect(latest.rounds.map((r) => r.issuedAt)).toEqual([...latest.rounds.map((r) => r.issuedAt)].sort());
    // 江津区's two reports of round 3: the last one shown, both counted
    expect(row(latest.rows, '江津区')).toMatchObject({ state: 'applied', sentSeq: 3, reportSeq: 4, reportCount: 2, reportBy: '江津区联络员', appliedVersion: made.get('江津区#3b'), conflictCount: 0 });
    expect(row(latest.rows, '江津区').changeCount).toBeGreaterThan(0);
  });

  it('answers every earlier round: who was sent what, who reported, when, by whom, what it changed, and the version it made', async () => {
    const latestRounds = (await status(as.officer!)).rounds;
    const r1 = await status(as.reviewer!, 1);
    expect(r1.round).toBe(1);
    expect(row(r1.rows, '江津区')).toMatchObject({ state: 'applied', sentSeq: 1, sentBy: '王经信', reportSeq: 1, reportCount: 1, reportBy: '江津区联络员', changeCount: 1, conflictCount: 0, appliedVersion: made.get('江津区#1') });
    expect(row(r1.rows, '合川区')).toMatchObject({ state: 'applied', reportSeq: 1, reportBy: '合川区联络员', appliedVersion: made.get('合川区#1') });
    // 永川区 missed round 1: sent, never reported in it
    expect(row(r1.rows, '永川区')).toMatchObject({ state: 'sent', sentSeq: 1, sentBy: '王经信', reportSeq: null, reportAt: null, reportCount: 0, changeCount: null, appliedVersion: null });
    expect(Date.parse(row(r1.rows, '江津区').reportAt!)).toBeGreaterThanOrEqual(Date.parse(row(r1.rows, '江津区').sentAt!));

    const r2 = await status(as.officer!, 2);
    // 合川区's late answer: received after round 3 was issued, placed in round 2 by its base
    expect(row(r2.rows, '合川区')).toMatchObject({ state: 'applied', sentSeq: 2, reportCount: 1, reportSeq: 2, appliedVersion: made.get('合川区#2late') });
    expect(Date.parse(row(r2.rows, '合川区').reportAt!)).toBeGreaterThan(Date.parse(latestRounds.find((r) => r.round === 3)!.issuedAt!));
    expect(row(r2.rows, '永川区')).toMatchObject({ state: 'applied', sentSeq: 2, reportSeq: 1, reportBy: '永川区联络员', appliedVersion: made.get('永川区#2') });
    expect(row(r2.rows, '江津区')).toMatchObject({ state: 'applied', reportSeq: 2, reportCount: 1, appliedVersion: made.get('江津区#2') });
    const r3 = await status(as.officer!, 3);
    expect(row(r3.rows, '合川区')).toMatchObject({ state: 'applied', reportSeq: 3, reportCount: 1, appliedVersion: made.get('合川区#3') });
    expect(row(r3.rows, '永川区')).toMatchObject({ state: 'applied', reportSeq: 2, appliedVersion: made.get('永川区#3') });

    // every district of the plan is a row, in every round: the five no package went to as 'none', by name
    for (const r of [r1, r2, r3]) {
      expect(r.rows).toHaveLength(8);
      expect(r.rows.filter((x) => x.state === 'none').map((x) => x.district).sort()).toEqual(['大足区', '潼南区', '璧山区', '荣昌区', '铜梁区'].sort());
    }
  });

  it('a district never named by a package shows by its Chinese name, also in a compare of the city\'s change to it', async () => {
    const r = await status(as.officer!, 1);
    expect(r.rows.find((x) => x.districtId === DAZU)).toMatchObject({ district: '大足区', state: 'none', sentSeq: null });
    expect(r.rows.every((x) => !/^d-\d+$/.test(x.district))).toBe(true);
    const versions = made.get('合川区#1')!;
    const cmp = hubCompare.parse((await as.reviewer!.get(`/api/plans/${q}/compare?from=${versions}&to=${versions + 1}`)).body);
    // the city's round-2 package (its first version after round 1's reports) carries 大足区's new figure
    const dazu = cmp.rows.filter((x) => x.entity === 'target' && x.after === '42');
    expect(dazu.map((x) => x.record.district), JSON.stringify(cmp.rows.map((x) => x.label))).toEqual(['大足区']);
    expect(dazu[0]!.label).toContain('大足区');
  });

  it('a district account sees its own district only: its row, its packages, its counts of the rounds', async () => {
    const own = await status(as.hechuan!, 1);
    expect(own.rows.map((r) => r.district)).toEqual(['合川区']);
    expect(own.rows[0]).toMatchObject({ state: 'applied', reportBy: '合川区联络员' });
    const latest = await status(as.hechuan!);
    expect(latest.rounds.map((r) => [r.round, r.issued, r.reported])).toEqual([[1, 1, 1], [2, 1, 1], [3, 1, 1]]);
    expect(JSON.stringify(latest)).not.toContain('江津区');
    expect(JSON.stringify(latest)).not.toContain('永川区联络员');
    const yc = await status(as.yongchuan!, 1);
    expect(yc.rows.map((r) => [r.district, r.state])).toEqual([['永川区', 'sent']]);
  });

  it('refuses a round that is not there, naming the rounds it has, and a huge or malformed one as bad input', async () => {
    for (const [round, want] of [['9', 'hub.noSuchRound'], ['0', 'hub.noSuchRound'], ['-1', 'hub.badInput'], ['x', 'hub.badInput'], ['1e9', 'hub.badInput'], ['99999999999999999999', 'hub.badInput'], ['9'.repeat(5000), 'hub.badInput'], ['%00', 'hub.badInput']] as const) {
      const a = await as.officer!.get(`/api/plans/${q}/status?round=${round}`);
      expect([round.slice(0, 30), a.status, hubErrorBody.parse(a.body).error.reason]).toEqual([round.slice(0, 30), 400, want]);
    }
    const a = await as.officer!.get(`/api/plans/${q}/status?round=9`);
    expect(hubErrorBody.parse(a.body).error.message).toBe('参数“round”：这个规划只有第 1 到第 3 轮。');
  });

  it('a city package numbered 10⁹ is one more round, not a billion empty ones', async () => {
    const r = await pushBytes(hub.url, as.officer!, huge!.bytes, huge!.envelope);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const latest = await status(as.officer!);
    expect([latest.round, latest.rounds.map((x) => x.round)]).toEqual([1_000_000_000, [1, 2, 3, 1_000_000_000]]);
    expect(row(latest.rows, '江津区')).toMatchObject({ state: 'sent', sentSeq: 1_000_000_000 });
  });
});
