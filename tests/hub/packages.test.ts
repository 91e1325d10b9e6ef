/**
 * The hub speaks the same 报送包 as the files (issue 16), on a real PostgreSQL, with the hub as a real
 * process (`plandesk hub`) and two real desktop files (the city's and 江津区's, keys trusted both ways):
 * 江津区's file pushes its report with `plandesk sync`, the city's file pulls and merges it; a repeated
 * sync is a no-op and a repeated push stores nothing twice; a conflict is left pending and said; a
 * district account cannot push as another district or pull another district's packages (403, in
 * Chinese); a package whose bytes do not match their SHA-256 is refused; SIGKILL of the hub mid-push
 * leaves no half-stored package. The packages pushed by hand are real ones (the hub reads and checks
 * each: tests/hub/plans.test.ts), re-signed with another id or sequence number.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/store.ts';
import type { Db } from '../../hub/pg.ts';
import type { ChangeLine } from '../../package/canonical.ts';
import { PLAN, resign, REVENUE } from '../exchange/helpers.ts';
import { ROOT } from '../helpers/layers.ts';
import { ok } from '../helpers/store.ts';
import { PASSWORDS } from './accounts.ts';
import { Client, openHub, type HubProcess, type OpenedHub } from './helpers.ts';
import { trustSidesOnHub } from './push.ts';

const CLI = path.join(ROOT, 'bin', 'plandesk.js');
const JIANGJIN = 'd-500116';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** `plandesk …` in a user's home, without blocking this process (the hub answers meanwhile). */
function plandesk(home: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, PLANDESK_HOME: home } });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
const must = async (p: Promise<Run>): Promise<Run> => {
  const r = await p;
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}${r.out}`);
  return r;
};

function withStore<T>(file: string, home: string, fn: (s: ReturnType<typeof openStore>) => T): T {
  const s = openStore(file, { userDir: home });
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

const actual = (file: string, home: string, year: number) =>
  withStore(file, home, (s) => s.db.prepare<[string, number], { value: string }>("SELECT value FROM target_values WHERE indicator_id = ? AND scope_id = 'd-500116' AND year = ? AND kind = 'actual'").get(REVENUE, year)?.value ?? null);

interface RawAnswer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string; reason: string } };
}

/** A push as the desktop makes it: the bytes, the envelope header and their SHA-256. */
function push(hub: string, c: Client, bytes: Buffer, envelope: unknown, sha = createHash('sha256').update(bytes).digest('hex')): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL('/api/packages', hub), {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(bytes.length),
        cookie: `plandesk_hub_session=${c.cookie}`,
        'x-csrf-token': c.csrf ?? '',
        'x-plandesk-package': Buffer.from(JSON.stringify(envelope)).toString('base64url'),
        'x-content-sha256': sha,
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as RawAnswer['body'] }));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

const envelopeOf = (packageId: string, seq: number, district = '江津区') => ({
  packageId,
  planId: PLAN,
  sender: { role: 'district', name: '李江津', district },
  recipient: { kind: 'city' },
  seq,
  full: false,
  base: null,
});

/** something that looks like a package (a SQLite file's header) but is not one: refused before it is read */
function fakePackage(size: number, fill: number): Buffer {
  const b = Buffer.alloc(size, fill);
  b.write('SQLite format 3\u0000', 0, 'latin1');
  return b;
}

/** a real package, `file` re-signed by the desktop at `db`/`home` with another id and sequence number (and more changes) */
function repackaged(file: string, db: string, home: string, packageId: string, seq: number, extra: ChangeLine[] = []): Buffer {
  const store = openStore(db, { userDir: home });
  try {
    const out = resign(file, { store, home, file: db, dir: path.dirname(file) }, (m, lines) => {
      m.packageId = packageId;
      m.seq = seq;
      m.full = false;
      lines.push(...extra);
    });
    const bytes = fs.readFileSync(out);
    fs.rmSync(out);
    return bytes;
  } finally {
    store.close();
  }
}

describe('the hub speaks 报送包', () => {
  let world: OpenedHub;
  // the files live for the whole suite (tempDir's are removed after each test)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-hub-packages-'));
  let db: Db;
  let hub: HubProcess;
  const [cityHome, jjHome] = [path.join(dir, 'city-home'), path.join(dir, 'jj-home')];
  const [cityDb, jjDb] = [path.join(dir, 'city.plandesk'), path.join(dir, 'jj.plandesk')];
  const pw = (name: string, text: string) => {
    const f = path.join(dir, `${name}.pw`);
    fs.writeFileSync(f, `${text}\n`);
    return f;
  };

  beforeAll(async () => {
    world = await openHub({ districts: { jiangjin: '江津区' } });
    db = world.db;
    hub = world.process!;
    // the two desktops: the city's plan, 江津区's made from the city's first package (carried as a file)
    await must(plandesk(cityHome, 'init', '--db', cityDb));
    await must(plandesk(jjHome, 'init', '--db', jjDb, '--empty'));
    await must(plandesk(cityHome, 'identity', 'set', '--db', cityDb, '--name', '王经信', '--department', '市经济信息委'));
    await must(plandesk(jjHome, 'identity', 'set', '--db', jjDb, '--name', '李江津', '--department', '市经济信息委', '--district', '江津区'));
    const [cityKey, jjKey] = [path.join(dir, 'city.pdkey'), path.join(dir, 'jj.pdkey')];
    await must(plandesk(cityHome, 'keys', 'export', '--db', cityDb, '--out', cityKey));
    await must(plandesk(jjHome, 'keys', 'export', '--db', jjDb, '--out', jjKey));
    await must(plandesk(cityHome, 'keys', 'trust', '--db', cityDb, jjKey, '--district', '江津区'));
    await must(plandesk(jjHome, 'keys', 'trust', '--db', jjDb, cityKey, '--city'));
    await trustSidesOnHub(db, cityHome, jjHome, '江津区');
    const full = path.join(dir, 'to-jj.pdpkg');
    await must(plandesk(cityHome, 'package', 'export', '--db', cityDb, '--plan', PLAN, '--to', '江津区', '--out', full));
    await must(plandesk(jjHome, 'package', 'import', '--db', jjDb, full, '--apply'));
  }, 240_000);

  afterAll(async () => {
    await world?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM packages')).rows[0]!.n);
  /** 江津区's first report as the hub keeps it, as a file */
  const firstReport = async () => {
    const f = path.join(dir, 'first-report.pdpkg');
    if (!fs.existsSync(f)) fs.writeFileSync(f, (await db.query<{ bytes: Buffer }>("SELECT bytes FROM packages WHERE sender = '江津区' ORDER BY id LIMIT 1")).rows[0]!.bytes);
    return f;
  };

  it('江津区 pushes its report, the city pulls and merges it; syncing again changes nothing', { timeout: 180_000 }, async () => {
    withStore(jjDb, jjHome, (s) => ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2025, kind: 'actual', value: '612.5' }));
    const jjSync = ['sync', '--db', jjDb, '--hub', hub.url, '--user', 'jiangjin', '--password-file', pw('jj', PASSWORDS.district)];
    const cityPw = pw('officer', PASSWORDS.officer);
    const citySync = ['sync', '--db', cityDb, '--hub', hub.url, '--user', 'officer', '--password-file', cityPw];

    const first = await must(plandesk(jjHome, ...jjSync));
    expect(first.out).toContain(`已推送报送包：规划 ${PLAN} 发往市里，第 1 号，1 处修改`);
    expect(first.out).toContain('同步完成：推送 1 个');
    expect(await count()).toBe(1);
    const stored = (await db.query<{ sender: string; recipient: string; seq: number; ok: boolean }>(
      'SELECT sender, recipient, seq, sha256 = sha256(bytes) AS ok FROM packages',
    )).rows;
    expect(stored).toEqual([{ sender: '江津区', recipient: 'city', seq: 1, ok: true }]);
    // nothing changed since: nothing exported, nothing pushed (and the outbox is empty)
    const again = await must(plandesk(jjHome, ...jjSync));
    expect(again.out).toContain('同步完成：推送 0 个，合并 0 个');
    expect(await count()).toBe(1);
    expect(fs.readdirSync(`${jjDb}.outbox`)).toEqual([]);

    expect(actual(cityDb, cityHome, 2025)).toBeNull();
    const merged = await must(plandesk(cityHome, ...citySync));
    expect(merged.out).toContain('已合并江津区的第 1 号报送包');
    expect(merged.out).toContain('合并 江津区 报送 #1');
    expect(actual(cityDb, cityHome, 2025)).toBe('612.5');
    const twice = await must(plandesk(cityHome, ...citySync));
    expect(twice.out).toContain('同步完成：推送 0 个，合并 0 个，已合并过 1 个');
    expect(actual(cityDb, cityHome, 2025)).toBe('612.5');

    // the city changes 江津区's 2026 target: its sync sends 江津区 a package, 江津区's sync merges it
    withStore(cityDb, cityHome, (s) => ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2026, kind: 'target', value: '700' }));
    const down = await must(plandesk(cityHome, ...citySync));
    expect(down.out).toContain(`已推送报送包：规划 ${PLAN} 发往江津区，第 2 号，1 处修改`);
    const back = await must(plandesk(jjHome, ...jjSync));
    expect(back.out).toContain('已合并市里的第 2 号报送包');
    expect(back.out).toContain('同步完成：推送 0 个，合并 1 个');
    expect(withStore(jjDb, jjHome, (s) => s.db.prepare("SELECT value FROM target_values WHERE indicator_id = ? AND scope_id = 'd-500116' AND year = 2026 AND kind = 'target'").get(REVENUE))).toEqual({ value: '700' });
    expect((await must(plandesk(jjHome, ...jjSync))).out).toContain('同步完成：推送 0 个，合并 0 个，已合并过 1 个');
    expect((await must(plandesk(cityHome, ...citySync))).out).toContain('同步完成：推送 0 个，合并 0 个，已合并过 1 个');

    // the same cell changed on both sides: left pending with its conflict, and said; nothing applied
    withStore(jjDb, jjHome, (s) => ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2025, kind: 'actual', value: '620' }));
    withStore(cityDb, cityHome, (s) => ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2025, kind: 'actual', value: '615' }));
    expect((await must(plandesk(jjHome, ...jjSync))).out).toContain('第 2 号');
    const pending = await must(plandesk(cityHome, ...citySync));
    expect(pending.out).toMatch(/江津区的第 2 号报送包（枢纽编号 \d+）：有 1 处冲突，已留待解决/);
    expect(actual(cityDb, cityHome, 2025)).toBe('615');
    const status = await must(plandesk(cityHome, 'package', 'status', '--db', cityDb, '--plan', PLAN));
    expect(status.out).toMatch(/江津区\t\S+\t收到第 1 号.*待合并第 2 号，1 处冲突未解决/);
  });

  it('a sync that cannot reach the hub, or whose password is wrong, changes nothing in the file; one cut off after exporting is finished by the next', { timeout: 60_000 }, async () => {
    withStore(jjDb, jjHome, (s) => ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2024, kind: 'actual', value: '500' }));
    const state = () => withStore(jjDb, jjHome, (s) => s.db.prepare('SELECT (SELECT count(*) FROM package_log) AS logs, (SELECT count(*) FROM versions) AS versions').get());
    const before = state();
    const dead = await plandesk(jjHome, 'sync', '--db', jjDb, '--hub', 'http://127.0.0.1:9', '--user', 'jiangjin', '--password-file', pw('jj2', PASSWORDS.district));
    expect([dead.code, dead.err]).toEqual([1, expect.stringContaining('连不上城市枢纽 http://127.0.0.1:9')]);
    // an unknown name is refused like a wrong password (and does not throttle jiangjin's next logins)
    const wrong = await plandesk(jjHome, 'sync', '--db', jjDb, '--hub', hub.url, '--user', 'nobody', '--password-file', pw('wrong', 'not the password at all'));
    expect([wrong.code, wrong.err]).toEqual([1, expect.stringContaining('城市枢纽拒绝了请求：账号或密码不对。')]);
    expect(state()).toEqual(before);
    expect(fs.readdirSync(`${jjDb}.outbox`)).toEqual([]);

    // a package exported by a sync that was cut off before the hub had it waits in the outbox: the next sync hands it over first
    const outbox = path.join(`${jjDb}.outbox`, 'left.pdpkg');
    const made = JSON.parse((await must(plandesk(jjHome, 'package', 'export', '--db', jjDb, '--plan', PLAN, '--to', 'city', '--out', outbox, '--json'))).out) as { packageId: string; seq: number };
    fs.writeFileSync(`${outbox}.json`, JSON.stringify({ ...envelopeOf(made.packageId, made.seq), sender: { role: 'district', name: '李江津', district: '江津区' } }));
    const resumed = await plandesk(jjHome, 'sync', '--db', jjDb, '--hub', hub.url, '--user', 'jiangjin', '--password-file', pw('jj3', PASSWORDS.district));
    expect(resumed.out).toContain(`已推送之前未送达的报送包：第 ${made.seq} 号`);
    expect(resumed.out).toContain('同步完成：推送 1 个');
    expect(fs.readdirSync(`${jjDb}.outbox`)).toEqual([]);
    expect((await db.query('SELECT seq FROM packages WHERE package_id = $1', [made.packageId])).rows).toEqual([{ seq: made.seq }]);
  });

  it('a repeated push stores nothing twice; another package under a taken number is refused; bytes that do not match their SHA-256 are refused', async () => {
    const c = new Client(hub.url);
    expect((await c.login('jiangjin', PASSWORDS.district)).status).toBe(200);
    const before = await count();
    const env = envelopeOf('aaaaaaaa-0000-4000-8000-000000000001', 90);
    const bytes = repackaged(await firstReport(), jjDb, jjHome, env.packageId, 90);
    const a = await push(hub.url, c, bytes, env);
    expect([a.status, a.body.stored]).toEqual([200, true]);
    const b = await push(hub.url, c, bytes, env);
    expect([b.status, b.body.stored]).toEqual([200, false]);
    expect((b.body.package as { id: string }).id).toBe((a.body.package as { id: string }).id);
    expect(await count()).toBe(before + 1);
    const taken = await push(hub.url, c, repackaged(await firstReport(), jjDb, jjHome, 'aaaaaaaa-0000-4000-8000-000000000002', 90), envelopeOf('aaaaaaaa-0000-4000-8000-000000000002', 90));
    expect([taken.status, taken.body.error?.reason]).toEqual([409, 'hub.packageSeqTaken']);
    expect(taken.body.error?.message).toContain('江津区发往市里的第 90 号报送包已经存过另一个');
    const bad = await push(hub.url, c, bytes, envelopeOf('aaaaaaaa-0000-4000-8000-000000000003', 91), '0'.repeat(64));
    expect([bad.status, bad.body.error?.reason]).toEqual([400, 'hub.packageHashMismatch']);
    const notPackage = await push(hub.url, c, Buffer.alloc(4096, 1), envelopeOf('aaaaaaaa-0000-4000-8000-000000000004', 92));
    expect([notPackage.status, notPackage.body.error?.reason]).toEqual([400, 'hub.packageNotPackage']);
    expect(await count()).toBe(before + 1);
    // every push that stored something is in the audit log, with its account
    expect((await db.query("SELECT 1 FROM audit_log WHERE action = 'package.push' AND account_name = 'jiangjin' AND details->>'seq' = '90'")).rowCount).toBe(1);
  });

  it('a district account cannot push as another district, nor pull or read another district\'s packages (403, in Chinese)', async () => {
    const rc = new Client(hub.url);
    expect((await rc.login('rongchang', PASSWORDS.district)).status).toBe(200);
    const before = await count();
    const asOther = await push(hub.url, rc, fakePackage(4096, 3), envelopeOf('bbbbbbbb-0000-4000-8000-000000000001', 1, '江津区'));
    expect(asOther.status).toBe(403);
    expect(asOther.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'hub.packageNotYourDistrict', message: '区县账号（荣昌区）只能上传本区县的报送包，这个报送包的报送方是“江津区”，已拒绝。' });
    const asCity = await push(hub.url, rc, fakePackage(4096, 3), { ...envelopeOf('bbbbbbbb-0000-4000-8000-000000000002', 1), sender: { role: 'city', name: 'x', district: null }, recipient: { kind: 'district', name: '江津区' } });
    expect([asCity.status, asCity.body.error?.reason]).toEqual([403, 'hub.packageNotYourDistrict']);
    expect(await count()).toBe(before);

    // the city sends 江津区 a package (an officer may push for any district)
    const officer = new Client(hub.url);
    await officer.login('officer', PASSWORDS.officer);
    const toJjBytes = repackaged(path.join(dir, 'to-jj.pdpkg'), cityDb, cityHome, 'cccccccc-0000-4000-8000-000000000001', 5);
    const toJj = await push(hub.url, officer, toJjBytes, { ...envelopeOf('cccccccc-0000-4000-8000-000000000001', 5), sender: { role: 'city', name: '王经信', district: null }, recipient: { kind: 'district', name: '江津区' } });
    expect(toJj.status).toBe(200);
    const id = (toJj.body.package as { id: string }).id;
    // 荣昌区 sees none of it: its list is its own district's, asking for another's is refused, and so is the file
    const mine = await rc.get(`/api/packages?plan=${encodeURIComponent(PLAN)}&after=0`);
    expect([mine.status, mine.body.packages]).toEqual([200, []]);
    const other = await rc.get('/api/packages?after=0&to=江津区'.replace('江津区', encodeURIComponent('江津区')));
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ reason: 'hub.packageOtherDistrict', message: '区县账号（荣昌区）只能收取发给本区县的报送包，不能收取发给“江津区”的报送包。' });
    const file = await rc.get(`/api/packages/${id}`);
    expect(file.status).toBe(403);
    expect(file.body.error?.message).toBe(`区县账号（荣昌区）只能收取发给本区县的报送包，第 ${id} 号报送包不是。`);
    const report = await rc.get('/api/packages/1');
    expect([report.status, report.body.error?.reason]).toEqual([403, 'hub.packageOtherDistrict']);
    // 江津区 does get it; the reviewer reads but cannot push
    const jj = new Client(hub.url);
    await jj.login('jiangjin', PASSWORDS.district);
    const list = await jj.get(`/api/packages?after=0`);
    const jjList = (list.body.packages as { id: string; recipient: string }[]).map((p) => [p.id, p.recipient]);
    expect(jjList).toContainEqual([id, '江津区']);
    expect(jjList.every(([, to]) => to === '江津区')).toBe(true);
    expect((await jj.get(`/api/packages/${id}`)).status).toBe(200);
    const reviewer = new Client(hub.url);
    await reviewer.login('reviewer', PASSWORDS.reviewer);
    expect((await reviewer.get(`/api/packages/${id}`)).status).toBe(200);
    const rvPush = await push(hub.url, reviewer, fakePackage(4096, 9), envelopeOf('dddddddd-0000-4000-8000-000000000001', 1));
    expect([rvPush.status, rvPush.body.error?.reason]).toEqual([403, 'hub.roleForbidden']);
  });

  it('SIGKILL of the hub mid-push leaves no half-stored package; the push again stores it once', { timeout: 180_000 }, async () => {
    const c = new Client(hub.url);
    await c.login('jiangjin', PASSWORDS.district);
    const before = await count();
    const env = envelopeOf('eeeeeeee-0000-4000-8000-000000000001', 200);
    // a real package of about 24 MB: 120 long texts
    const big = Array.from({ length: 120 }, (_, i): ChangeLine => ({ op: 'update', entity: 'target', rowId: `big-${i}`, field: 'text', base: null, value: 'x'.repeat(200_000), author: '李江津', at: '2026-01-01T00:00:00.000Z' }));
    const bytes = repackaged(await firstReport(), jjDb, jjHome, env.packageId, 200, big);
    const sha = createHash('sha256').update(bytes).digest('hex');
    // killed while the body is arriving, and (the whole body sent) while it is being stored
    for (const sendBytes of [bytes.length / 2, bytes.length, bytes.length]) {
      const url = new URL('/api/packages', hub.url);
      const req = http.request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream', 'content-length': String(bytes.length), cookie: `plandesk_hub_session=${c.cookie}`, 'x-csrf-token': c.csrf ?? '',
          'x-plandesk-package': Buffer.from(JSON.stringify(env)).toString('base64url'), 'x-content-sha256': sha,
        },
      });
      const answered = new Promise<string>((resolve) => {
        req.on('response', (res) => resolve(`answered ${res.statusCode}`));
        req.on('error', (err) => resolve(`error ${err.message}`));
      });
      await new Promise<void>((resolve) => req.write(bytes.subarray(0, sendBytes), () => resolve()));
      const child = hub.child;
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      req.destroy();
      await answered;
      const rows = (await db.query<{ n: string; whole: boolean | null }>('SELECT count(*) AS n, bool_and(size = $1 AND sha256 = sha256(bytes)) AS whole FROM packages WHERE package_id = $2', [bytes.length, env.packageId])).rows[0]!;
      // none, or (killed after the commit) the whole package: never a part of one
      expect(Number(rows.n)).toBeLessThanOrEqual(1);
      if (Number(rows.n) === 1) expect(rows.whole).toBe(true);
      const port = new URL(hub.url).port;
      await world.restart(port);
      hub = world.process!;
    }
    const again = new Client(hub.url);
    expect((await again.login('jiangjin', PASSWORDS.district)).status).toBe(200);
    const r = await push(hub.url, again, bytes, env);
    expect(r.status).toBe(200);
    const r2 = await push(hub.url, again, bytes, env);
    expect(r2.body.stored).toBe(false);
    expect(await count()).toBe(before + 1);
    const kept = (await db.query<{ ok: boolean }>('SELECT sha256 = sha256(bytes) AND size = $1 AS ok FROM packages WHERE package_id = $2', [bytes.length, env.packageId])).rows;
    expect(kept).toEqual([{ ok: true }]);
  });
});
