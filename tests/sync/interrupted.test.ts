/**
 * Issue 16: "a failed or interrupted sync changes nothing locally and resumes". The hub (`plandesk hub`, a
 * process, on a real PostgreSQL) is SIGKILLed in the middle of a sync: between two downloads of a pull, and
 * after it stored a pushed package but before its answer reached the desktop. The desktop talks to it
 * through a small forwarding proxy in this test (so the desktop's hub address stays the same when the hub
 * is started again, and so the kill happens at a chosen request, not at a guessed time). Then: the plan
 * file holds only whole packages, each applied in its one transaction (never half of one), and the next
 * sync, the hub back, finishes the work and applies nothing twice.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../hub/pg.ts';
import { trustSidesOnHub } from '../hub/push.ts';
import { actual, citySide, districtSide, PLAN, REVENUE, setActual, trustBoth, type Side } from '../exchange/helpers.ts';
import { ok } from '../helpers/store.ts';
import { PASSWORDS } from '../hub/accounts.ts';
import { openHub, type OpenedHub } from '../hub/helpers.ts';
import type { SyncStatusOut } from '../../contract/ops/sync.ts';
import { sync, synced } from './helpers.ts';

const JIANGJIN = 'd-500116';


/** what a package leaves in a plan file: its log row, its saved version, its undoable change set, a pending preview */
interface FileState {
  logs: number;
  versions: number;
  changeSets: number;
  pending: number;
}
const fileState = (s: Side): FileState =>
  s.store.db.prepare<[], FileState>('SELECT (SELECT count(*) FROM package_log) AS logs, (SELECT count(*) FROM versions) AS versions, (SELECT count(*) FROM change_sets) AS changeSets, (SELECT count(*) FROM package_pending) AS pending').get()!;
const target2026 = (s: Side) => (s.store.db.prepare("SELECT value FROM target_values WHERE indicator_id = ? AND scope_id = ? AND year = 2026 AND kind = 'target'").get(REVENUE, JIANGJIN) as { value: string } | undefined)?.value;

type Trap = (req: http.IncomingMessage) => 'kill-before' | 'kill-after' | null;

/** forwards to the current hub; a trap may SIGKILL the hub before forwarding a request, or after its answer (dropped) */
function startProxy(target: () => string, kill: () => Promise<void>) {
  let trap: Trap = () => null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const what = trap(req);
      if (what === 'kill-before') {
        void kill().then(() => res.destroy());
        return;
      }
      const up = http.request(new URL(req.url ?? '/', target()), { method: req.method, headers: req.headers }, (a) => {
        const body: Buffer[] = [];
        a.on('data', (c: Buffer) => body.push(c));
        a.on('end', () => {
          if (what === 'kill-after') {
            void kill().then(() => res.destroy());
            return;
          }
          res.writeHead(a.statusCode ?? 502, a.headers);
          res.end(Buffer.concat(body));
        });
      });
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  return {
    server,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    setTrap(t: Trap) {
      trap = t;
    },
  };
}

describe('a sync cut off by the hub dying', () => {
  let world: OpenedHub | null = null;
  let db: Db;
  /** the hub process is running (not yet killed by a trap) */
  let up = false;
  let proxyUrl = '';
  const proxy = startProxy(
    () => (up && world ? world.url : 'http://127.0.0.1:9'),
    async () => {
      up = false;
      await world?.process?.stop('SIGKILL');
    },
  );
  const startHub = async () => {
    await world!.restart();
    up = true;
  };

  beforeAll(async () => {
    world = await openHub({ districts: { jiangjin: '江津区' } });
    db = world.db;
    up = true;
    proxyUrl = await proxy.listen();
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => proxy.server.close(r));
    await world?.close();
  });

  it('SIGKILL of the hub between two downloads: the first package whole and applied, the second not at all; the next sync applies the second once', { timeout: 120_000 }, async () => {
    const city = citySide();
    const jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', JIANGJIN);
    await trustSidesOnHub(db, city.home, jj.home, '江津区');
    const officer = { hub: proxyUrl, user: 'officer', password: PASSWORDS.officer };
    const district = { hub: proxyUrl, user: 'jiangjin', password: PASSWORDS.district };
    // two packages wait on the hub for 江津区: the whole plan, then a changed target
    expect((await synced(city, { ...officer, planId: PLAN, sendWhole: true })).pushed).toBe(1);
    ok(city.store, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2026, kind: 'target', value: '777' });
    expect((await synced(city, officer)).pushed).toBe(1);
    expect((await db.query('SELECT seq FROM packages ORDER BY seq')).rows).toEqual([{ seq: 1 }, { seq: 2 }]);

    const before = fileState(jj);
    let downloads = 0;
    proxy.setTrap((req) => (req.method === 'GET' && /^\/api\/packages\/[^?/]+$/.test(req.url ?? '') && ++downloads === 2 ? 'kill-before' : null));
    const cut = await sync(jj, district);
    expect(cut.state).toBe('failed');
    expect(cut.error).toMatchObject({ code: 'UNAVAILABLE', reason: 'sync.hubUnreachable', issues: [{ field: 'hub' }] });
    expect(downloads).toBe(2);
    // the whole plan arrived and was applied as one package (one log row, one saved version); nothing of the second
    const after = fileState(jj);
    expect(after).toEqual({ logs: before.logs + 1, versions: before.versions + 1, changeSets: after.changeSets, pending: 0 });
    expect(ok<{ id: string }[]>(jj.store, 'plans.list', {}).map((p) => p.id)).toContain(PLAN);
    expect(target2026(jj)).not.toBe('777');
    expect(ok<SyncStatusOut>(jj.store, 'sync.status', {}).last).toMatchObject({ ok: false, error: { reason: 'sync.hubUnreachable' } });

    // while the hub is down, a sync fails again and changes nothing
    proxy.setTrap(() => null);
    expect((await sync(jj, district)).state).toBe('failed');
    expect(fileState(jj)).toEqual(after);

    // the hub back: the next sync applies the second package, recognises the first, and then there is nothing left
    await startHub();
    const resumed = await synced(jj, district);
    expect(resumed).toMatchObject({ applied: 1, already: 1, pending: 0, refused: 0 });
    expect(target2026(jj)).toBe('777');
    expect(resumed.log).toEqual([{ level: 'info', code: 'merged', params: { from: '', seq: 2, hubId: expect.any(String), n: 1, version: expect.any(String) }, text: expect.stringContaining('已合并市里的第 2 号报送包') }]);
    expect(fileState(jj)).toMatchObject({ logs: after.logs + 1, versions: after.versions + 1, pending: 0 });
    const settled = fileState(jj);
    expect(await synced(jj, district)).toMatchObject({ pushed: 0, applied: 0, already: 2 });
    expect(fileState(jj)).toEqual(settled);
  });

  it('SIGKILL of the hub after it stored a push, its answer lost: the package waits in the outbox, goes again, is stored and applied once', { timeout: 120_000 }, async () => {
    await db.query('TRUNCATE packages, hub_plans CASCADE');
    const city = citySide();
    const jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', JIANGJIN);
    await trustSidesOnHub(db, city.home, jj.home, '江津区');
    const file = `${city.dir}/to-jj.pdpkg`;
    ok(city.store, 'packages.export', { planId: PLAN, to: '江津区', out: file });
    ok(jj.store, 'packages.apply', { packageId: ok<{ packageId: string }>(jj.store, 'packages.preview', { file, keep: true }).packageId });
    setActual(jj, JIANGJIN, 2024, '512');
    const officer = { hub: proxyUrl, user: 'officer', password: PASSWORDS.officer };
    const district = { hub: proxyUrl, user: 'jiangjin', password: PASSWORDS.district };
    const before = fileState(jj);

    let pushes = 0;
    proxy.setTrap((req) => (req.method === 'POST' && req.url === '/api/packages' && ++pushes === 1 ? 'kill-after' : null));
    const cut = await sync(jj, district);
    expect(cut.state).toBe('failed');
    expect(cut.error).toMatchObject({ code: 'UNAVAILABLE', reason: 'sync.hubUnreachable' });
    // the hub has it (stored in its one transaction before it died); the desktop logged its export (one
    // transaction: one log row, one saved version) and keeps the package in the outbox, not knowing
    expect((await db.query('SELECT sender, seq FROM packages')).rows).toEqual([{ sender: '江津区', seq: 1 }]);
    expect(fileState(jj)).toEqual({ ...before, logs: before.logs + 1, versions: before.versions + 1 });
    expect(ok<SyncStatusOut>(jj.store, 'sync.status', {}).outbox).toEqual([{ planId: PLAN, seq: 1, recipient: '市', file: expect.stringContaining('.outbox') }]);
    const exported = fileState(jj);

    await startHub();
    proxy.setTrap(() => null);
    const again = await synced(jj, district);
    expect(again.pushed).toBe(1);
    expect(again.log[0]?.text).toBe('已推送之前未送达的报送包：第 1 号（城市枢纽上已有）');
    // the same line as a code and its params, for the workbench's language
    expect(again.log[0]).toMatchObject({ level: 'info', code: 'pushedWaiting', params: { seq: 1, already: 1 } });
    expect(ok<SyncStatusOut>(jj.store, 'sync.status', {}).outbox).toEqual([]);
    // nothing exported twice, nothing stored twice
    expect(fileState(jj)).toEqual(exported);
    expect((await db.query('SELECT count(*)::int AS n FROM packages')).rows).toEqual([{ n: 1 }]);
    expect(await synced(city, officer)).toMatchObject({ applied: 1 });
    expect(actual(city, JIANGJIN, 2024)).toBe('512');
    const cityState = fileState(city);
    expect(await synced(city, officer)).toMatchObject({ applied: 0, already: 1 });
    expect(fileState(city)).toEqual(cityState);
  });
});
