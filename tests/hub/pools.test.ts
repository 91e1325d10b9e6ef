/**
 * The hub's two pools and its roll-up cache (issue 16, s8): reads (GET, their session check included) and
 * writes (POST: pushes, logins) have their own connections, so readers holding every read connection do
 * not stop a push, nor a push the readers; read calls beyond the read pool's connections + queue are
 * answered 503 hub.busy with Retry-After at once. The roll-up is cached per (plan, version), and a reader
 * never sees a stale one after a push commits. Real PostgreSQL, real plan files and keys; the pools are
 * held busy by checking their connections out (nothing of the hub is replaced).
 */
import { Decimal as Dec } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubRollup } from '../../contract/hub.ts';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { startHub, type RunningHub } from '../../hub/hub.ts';
import { RollupCache } from '../../hub/plans/rollup-cache.ts';
import { citySide, districtSide, exportTo, importInto, PLAN, REVENUE, setActual, trustBoth, type Side } from '../exchange/helpers.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { PASSWORDS, seedAccounts } from './accounts.ts';
import { cli, Client, type Answer } from './helpers.ts';
import { pushFile, trustSidesOnHub } from './push.ts';

const JJ = 'd-500116';
const Decimal = Dec.clone({ precision: 200 });
const q = encodeURIComponent(PLAN);

describe('the hub\'s read and write pools, and the roll-up cache', () => {
  const pg = startPostgres();
  let hub: RunningHub;
  const as: Record<string, Client> = {};
  let city: Side;
  let jj: Side;
  let seq = 0;

  /** 江津区 reports an actual value for 2025 and pushes it: the version the hub applied it as */
  const report = async (value: string): Promise<number> => {
    setActual(jj, JJ, 2025, value);
    const pushed = await pushFile(hub.url, as.jiangjin!, exportTo(jj, 'city', 'report'));
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    seq++;
    return (pushed.body.applied as { version: number }).version;
  };
  const rollupOf = (a: Answer) => {
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const r = hubRollup.parse(a.body);
    const row = r.rows.find((x) => x.indicatorId === REVENUE && x.year === 2025 && x.kind === 'actual' && x.period === null);
    return { version: r.version, sum: row?.districtSum ?? null };
  };
  /** the other districts' 2025 actual values summed exactly, as in the city's file */
  let othersSum: Dec;
  /** a roll-up answer is `version`, with 江津区's value `value` in its sum, exactly */
  const expectIs = (a: Answer, version: number, value: string) => {
    const r = rollupOf(a);
    expect(r.version).toBe(version);
    expect(new Decimal(r.sum!).equals(othersSum.plus(value)), `${r.sum} = ${othersSum.plus(value).toString()}`).toBe(true);
  };

  beforeAll(async () => {
    hub = await startHub({ pgUrl: pg.url, port: 0, log: () => {}, pools: { writeConnections: 1, readConnections: 1, readQueue: 1 } });
    await hub.ready;
    await seedAccounts(hub.db);
    await addAccount(hub.db, { name: 'jiangjin', role: 'district', district: '江津区', password: PASSWORDS.district });
    for (const [name, pw] of [['officer', PASSWORDS.officer], ['reviewer', PASSWORDS.reviewer], ['jiangjin', PASSWORDS.district]] as const) {
      as[name] = new Client(hub.url);
      expect((await as[name].login(name, pw)).status).toBe(200);
    }
  }, 180_000);

  afterAll(async () => {
    await hub?.close();
    pg.stop();
  });

  // one test: the desktop files of tests/exchange/helpers.ts are closed after each
  it('readers holding every read connection neither stop a push nor queue without bound; a held write pool does not stop reads; the roll-up is cached per (plan, version) and never stale after a push commits', { timeout: 240_000 }, async () => {
    city = citySide();
    jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', JJ);
    await trustSidesOnHub(hub.db, city.home, jj.home, '江津区');
    const full = exportTo(city, '江津区', 'full');
    expect((await pushFile(hub.url, as.officer!, full)).status).toBe(200);
    importInto(jj, full);
    othersSum = city.store.db
      .prepare<[string, string], { value: string | null }>(
        "SELECT value FROM target_values WHERE indicator_id = ? AND year = 2025 AND kind = 'actual' AND scope = 'district' AND period = '' AND value IS NOT NULL AND scope_id <> ?",
      )
      .all(REVENUE, JJ)
      .reduce((acc: Dec, r) => acc.plus(new Decimal(r.value!)), new Decimal(0));

    // every read connection taken (as 100 slow roll-ups would)
    const held = await hub.reads.connect();
    let pending: Promise<Answer>[] = [];
    try {
      pending = [as.reviewer!.get(`/api/plans/${q}/rollup`), as.officer!.get(`/api/plans/${q}/rollup`)];
      // both admitted (1 connection + 1 in the queue), waiting for the read connection
      for (let i = 0; i < 200 && hub.reads.waitingCount < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(hub.reads.waitingCount).toBeGreaterThanOrEqual(2);
      // the third is answered at once: busy, with Retry-After, not queued
      const third = await as.reviewer!.get(`/api/plans/${q}/rollup`);
      expect([third.status, third.body.error?.reason, third.headers['retry-after']]).toEqual([503, 'hub.busy', '1']);
      // a push goes through meanwhile: the write pool is its own
      expect(await report('700.5')).toBe(2);
    } finally {
      held.release();
    }
    // the waiting readers answer, with the version the push committed before they were served
    for (const a of await Promise.all(pending)) expectIs(a, 2, '700.5');

    // and the other way round: every write connection taken, reads still answer
    const heldWrite = await hub.db.connect();
    try {
      expect(rollupOf(await as.reviewer!.get(`/api/plans/${q}/rollup`)).version).toBe(2);
      expect((await as.reviewer!.get(`/api/plans/${q}/versions`)).status).toBe(200);
    } finally {
      heldWrite.release();
    }

    // the cache
    const before = rollupOf(await as.reviewer!.get(`/api/plans/${q}/rollup`));
    const { misses, hits } = hub.rollups.stats;
    // asked again: served from the cache, the same answer
    expect(rollupOf(await as.officer!.get(`/api/plans/${q}/rollup`))).toEqual(before);
    expect(hub.rollups.stats).toEqual({ misses, hits: hits + 1 });

    const values = new Map<number, string>([[2, '700.5']]);
    for (const value of ['812.000000000000000001', '3.25', '1000']) {
      // readers in a loop while 江津区 pushes: each answer is a committed version with that version's sum
      let reading = true;
      const seen: Answer[] = [];
      const loop = (async () => {
        while (reading) seen.push(await as.reviewer!.get(`/api/plans/${q}/rollup`));
      })();
      const version = await report(value);
      values.set(version, value);
      // every read started after the push's answer (its commit) sees the new version and the new sum
      // (one at a time beside the loop: this hub admits 2 reads at once)
      const after: Answer[] = [];
      for (let i = 0; i < 3; i++) after.push(await as.officer!.get(`/api/plans/${q}/rollup`));
      reading = false;
      await loop;
      for (const a of after) expectIs(a, version, value);
      for (const a of seen) expectIs(a, rollupOf(a).version, values.get(rollupOf(a).version)!);
    }
    // an older version asked for by number: computed again, still its own figures
    expectIs(await as.officer!.get(`/api/plans/${q}/rollup?version=2`), 2, '700.5');
    // the older versions' entries were dropped when the newer ones committed: the current one and version 2 (asked
    // again) are held, and at most the version before the current one (a reader of the loop may have read the plan's
    // version just before the last push committed and filled its entry after it: its own figures, never shown as current)
    const last = Math.max(...values.keys());
    const kept = hub.rollups.versions(q);
    expect(kept).toContain(2);
    expect(kept).toContain(last);
    expect(kept.filter((v) => v !== 2 && v !== last).every((v) => v === last - 1)).toBe(true);
    expect(seq).toBe(4);
  });

  it('misses of one key at once share one computation; a failed one is not kept', async () => {
    const cache = new RollupCache();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const compute = async () => {
      runs++;
      await gate;
      return [];
    };
    const all = Array.from({ length: 8 }, () => cache.get('p', 3, compute));
    release();
    await Promise.all(all);
    expect([runs, cache.stats]).toEqual([1, { misses: 1, hits: 7 }]);
    await expect(cache.get('p', 4, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('p', 4, compute)).toEqual([]);
    expect(runs).toBe(2);
    cache.committed('p', 4);
    expect(cache.size).toBe(1);
  });

  it('pool sizes are checked, on startHub and on plandesk hub', async () => {
    await expect(startHub({ pgUrl: pg.url, port: 0, log: () => {}, pools: { readConnections: 0 } })).rejects.toMatchObject({ code: 'INVALID_INPUT', params: { field: 'readConnections' } });
    const bad = cli(['hub', '--pg', pg.url, '--port', '0', '--read-queue', 'lots']);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('--read-queue“lots”必须是整数')]);
    expect(bad.stderr).toContain('--write-connections N');
    const zero = cli(['hub', '--pg', pg.url, '--port', '0', '--write-connections', '0']);
    expect([zero.status, zero.stderr]).toEqual([1, expect.stringContaining('writeConnections')]);
  });
});
