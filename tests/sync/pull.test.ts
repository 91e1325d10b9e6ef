/**
 * Pulling from the hub (s8): PostgreSQL stopped in the middle of a desktop's pull — the hub answers
 * "unavailable" (503, never a wrong answer), the desktop's file is unchanged, and the next sync, the
 * database back, resumes and completes. And a large pulled package is previewed and merged in the package
 * worker (db/packagefiles/export-job.ts pullInWorker), so another call is answered while it merges.
 * A real PostgreSQL, a real hub (in this process), real plan files; a small forwarding proxy stops the
 * database at a chosen request (the first download), not at a guessed time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { startHub, type RunningHub } from '../../hub/hub.ts';
import { trustOnHub, trustSidesOnHub } from '../hub/push.ts';
import { openStore } from '../../db/store.ts';
import { trustForTests } from '../../db/exchange/signing.ts';
import { generatePlanBundle, BIG_PLAN_ID } from '../../bench/generate.ts';
import { citySide, districtSide, PLAN, REVENUE, trustBoth, type Side } from '../exchange/helpers.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { ok, tempDir } from '../helpers/store.ts';
import { PASSWORDS, seedAccounts } from '../hub/accounts.ts';
import { Client } from '../hub/helpers.ts';
import type { JobStatusOut } from '../../contract/ops/jobs.ts';
import { sync, synced } from './helpers.ts';

const JIANGJIN = 'd-500116';

interface FileState {
  plans: number;
  logs: number;
  versions: number;
  changeSets: number;
  pending: number;
  targets: number;
}
const fileState = (s: { db: Side['store']['db'] }): FileState =>
  s.db
    .prepare<[], FileState>(
      'SELECT (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM package_log) AS logs, (SELECT count(*) FROM versions) AS versions, (SELECT count(*) FROM change_sets) AS changeSets, (SELECT count(*) FROM package_pending) AS pending, (SELECT count(*) FROM target_values) AS targets',
    )
    .get()!;

type Trap = (req: http.IncomingMessage) => Promise<void> | null;

/** forwards to the hub; a trap may do something (stop the database) before a request is forwarded; the answers are recorded */
function startProxy(target: () => string) {
  let trap: Trap = () => null;
  const answers: { method: string; url: string; status: number; reason: string | null }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (trap(req) ?? Promise.resolve()).then(() => {
        const up = http.request(new URL(req.url ?? '/', target()), { method: req.method, headers: req.headers }, (a) => {
          const body: Buffer[] = [];
          a.on('data', (c: Buffer) => body.push(c));
          a.on('end', () => {
            const data = Buffer.concat(body);
            let reason: string | null = null;
            if (a.statusCode !== 200) reason = (JSON.parse(data.toString('utf8')) as { error?: { reason?: string } }).error?.reason ?? null;
            answers.push({ method: req.method ?? '', url: req.url ?? '', status: a.statusCode ?? 0, reason });
            res.writeHead(a.statusCode ?? 502, a.headers);
            res.end(data);
          });
        });
        up.on('error', () => res.destroy());
        up.end(Buffer.concat(chunks));
      });
    });
  });
  return {
    server,
    answers,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    setTrap(t: Trap) {
      trap = t;
    },
  };
}

describe('pulling from the hub', () => {
  const pg = startPostgres();
  let hub: RunningHub;
  let proxyUrl = '';
  const proxy = startProxy(() => hub.url);

  beforeAll(async () => {
    hub = await startHub({ pgUrl: pg.url, port: 0, log: () => {} });
    await hub.ready;
    await seedAccounts(hub.db);
    await addAccount(hub.db, { name: 'jiangjin', role: 'district', district: '江津区', password: PASSWORDS.district });
    await addAccount(hub.db, { name: 'ceshi1', role: 'district', district: '测试区1', password: PASSWORDS.district });
    proxyUrl = await proxy.listen();
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => proxy.server.close(r));
    await hub?.close();
    pg.stop();
  });

  it('PostgreSQL stopped mid-pull: the hub answers 503 meanwhile, the file is unchanged; the next sync resumes and completes', { timeout: 120_000 }, async () => {
    const city = citySide();
    const jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', JIANGJIN);
    await trustSidesOnHub(hub.db, city.home, jj.home, '江津区');
    const officer = { hub: proxyUrl, user: 'officer', password: PASSWORDS.officer };
    const district = { hub: proxyUrl, user: 'jiangjin', password: PASSWORDS.district };
    // two packages wait on the hub for 江津区: the whole plan, then a changed target
    expect((await synced(city, { ...officer, planId: PLAN, sendWhole: true })).pushed).toBe(1);
    ok(city.store, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2026, kind: 'target', value: '777' });
    expect((await synced(city, officer)).pushed).toBe(1);

    const before = fileState(jj.store);
    const reviewer = new Client(hub.url);
    expect((await reviewer.login('reviewer', PASSWORDS.reviewer)).status).toBe(200);
    // the database stops when the desktop asks for its first package (after the list); while it is down the
    // hub's reads are answered 503, not an empty or old answer
    let downloads = 0;
    const duringOutage: { status: number; reason: string | undefined }[] = [];
    proxy.setTrap((req) => {
      if (req.method !== 'GET' || !/^\/api\/packages\/\d+$/.test(req.url ?? '') || ++downloads !== 1) return null;
      pg.pause();
      return (async () => {
        for (const p of ['/api/packages?after=0', `/api/plans/${encodeURIComponent(PLAN)}/rollup`, '/api/plans']) {
          const a = await reviewer.get(p);
          duringOutage.push({ status: a.status, reason: a.body.error?.reason });
        }
      })();
    });
    const cut = await sync(jj, district);
    expect(cut.state).toBe('failed');
    expect(cut.error).toMatchObject({ code: 'UNAVAILABLE', reason: 'sync.hubUnavailable', issues: [{ field: 'hub' }] });
    expect(downloads).toBe(1);
    expect(proxy.answers.at(-1)).toMatchObject({ method: 'GET', status: 503, reason: 'hub.unavailable' });
    expect(duringOutage).toEqual(Array.from({ length: 3 }, () => ({ status: 503, reason: 'hub.unavailable' })));
    // nothing of either package in the file
    expect(fileState(jj.store)).toEqual(before);
    expect(ok<{ id: string }[]>(jj.store, 'plans.list', {}).map((p) => p.id)).not.toContain(PLAN);

    // a sync while the database is still down fails the same way and changes nothing
    proxy.setTrap(() => null);
    expect((await sync(jj, district)).error).toMatchObject({ reason: 'sync.hubUnavailable' });
    expect(fileState(jj.store)).toEqual(before);

    // the database back: the hub reconnects by itself and the next sync pulls and applies both, once
    pg.resume();
    const resumed = await synced(jj, district);
    expect(resumed).toMatchObject({ applied: 2, already: 0, pending: 0, refused: 0 });
    expect((jj.store.db.prepare("SELECT value FROM target_values WHERE indicator_id = ? AND scope_id = ? AND year = 2026 AND kind = 'target'").get(REVENUE, JIANGJIN) as { value: string }).value).toBe('777');
    expect(fileState(jj.store)).toMatchObject({ plans: before.plans + 1, logs: before.logs + 2, pending: 0 });
    const settled = fileState(jj.store);
    expect(await synced(jj, district)).toMatchObject({ applied: 0, already: 2 });
    expect(fileState(jj.store)).toEqual(settled);
  });

  it('a large pulled package is merged in the package worker: another call is answered meanwhile', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    const home = path.join(dir, 'home');
    const bundle = generatePlanBundle({ tasks: 3000, districts: 4, years: 5 });
    const s = openStore(path.join(dir, 'big.plandesk'), { create: 'seed', seeds: bundle, userDir: home });
    // 测试区1's desktop: the generated plan's districts as its reference lists, no plan yet
    const d1Home = path.join(dir, 'd1-home');
    const d1 = { home: d1Home, store: openStore(path.join(dir, 'd1.plandesk'), { create: 'reference', seeds: bundle, userDir: d1Home }) };
    try {
      ok(d1.store, 'identity.set', { name: '测试区1联络员', department: '市经济信息委', district: '测试区1' });
      ok(s, 'identity.set', { name: '王经信', department: '市经济信息委' });
      const d = ok<{ districts: { id: string; name: string }[] }>(s, 'plans.get', { planId: BIG_PLAN_ID }).districts[0]!;
      expect(d.name).toBe('测试区1');
      trustForTests(s.ctx, d1.home, { role: 'district', districtId: d.id, name: `${d.name}联络员`, department: '市经济信息委', district: d.name });
      trustForTests(d1.store.ctx, home, { role: 'city', districtId: null, name: '王经信', department: '市经济信息委', district: null });
      await trustOnHub(hub.db, home);
      await trustOnHub(hub.db, d1.home, d.name);
      expect(await synced({ store: s, home, file: s.ctx.file, dir }, { hub: hub.url, user: 'officer', password: PASSWORDS.officer, planId: BIG_PLAN_ID, sendWhole: true })).toMatchObject({ pushed: 1 });

      const before = fileState(d1.store);
      const { jobId } = ok<{ jobId: string }>(d1.store, 'sync.run', { hub: hub.url, user: 'ceshi1', password: PASSWORDS.district });
      let answered = 0;
      let st: JobStatusOut;
      for (;;) {
        st = ok<JobStatusOut>(d1.store, 'jobs.status', { jobId });
        if (st.state !== 'running') break;
        // answered while the worker merges the package (the host holds the file for it: busy.packageImport)
        const merging = d1.store.ctx.busyReason === 'busy.packageImport';
        if (ok<{ file: string }>(d1.store, 'app.info', {}).file === d1.store.ctx.file && merging) answered++;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(st.error).toBeNull();
      expect(st.sync?.result).toMatchObject({ applied: 1, refused: 0, newPlans: [{ planId: BIG_PLAN_ID }] });
      expect(answered).toBeGreaterThan(0);
      // the whole plan is in the district's file, and the host's own connection sees it
      expect(d1.store.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM tasks WHERE plan_id = ?').get(BIG_PLAN_ID)!.n).toBe(3000);
      expect(fileState(d1.store)).toMatchObject({ plans: before.plans + 1, logs: before.logs + 1, pending: 0 });
      // and the file is writable again
      expect(d1.store.ctx.busyWith ?? null).toBeNull();
    } finally {
      s.close();
      d1.store.close();
    }
  });
});
