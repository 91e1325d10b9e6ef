/**
 * `npm run bench -- hub-load`: the city hub under load (issue 16), loopback only, stopping by itself.
 * A real PostgreSQL in a temp folder (Unix socket only), `plandesk hub` as its own process (migrated at
 * start), 40 district accounts and a reviewer made with `plandesk hub user add`. Then, at once: the 40
 * districts each push a real 1,000-change 报送包 (made once by the desktop core from a generated plan; the
 * hub stores bytes as they are, so one package's bytes go under 40 envelopes) while 100 readers fetch the
 * list of packages (GET /api/packages — the roll-up route, GET /api/plans/:planId/rollup, belongs to
 * another change and replaces it once it lands) until the pushes are done. Printed: push throughput
 * and p95 beside raw `pg` inserts of the same 40 rows by 40 clients into a copy of the table, in the
 * same run; the readers' rate and p95; and that nothing was lost (every package stored exactly once,
 * its bytes whole).
 *
 * Why a copy of tests/helpers/postgres.ts's start logic: the bench layer may import only pure and db
 * (tsconfig.bench.json, tests/layers.test.ts), not tests/ nor hub/; so the hub runs as the CLI runs it.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../db/store.ts';
import { runChange } from '../db/audit/recorder.ts';
import { exportPackage } from '../db/exchange/export.ts';
import { trustForTests } from '../db/exchange/signing.ts';
import { BIG_PLAN_ID, generatePlanBundle } from './generate.ts';

const DISTRICTS = 40;
const READERS = 100;
const CHANGES = 1_000;
const CLI = path.resolve('bin/plandesk.js');
const DEADLINE_MS = 10 * 60_000;

// ---- PostgreSQL (a copy of tests/helpers/postgres.ts's start and stop, see the header) ----
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const v = fs.existsSync(root) ? fs.readdirSync(root).filter((x) => fs.existsSync(path.join(root, x, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!v) throw new Error('PostgreSQL is not installed (Debian package `postgresql`)');
  return path.join(root, v, 'bin');
}
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
function pgRun(bin: string, program: string, args: string[]): void {
  const exe = path.join(bin, program);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${program} failed: ${r.stderr || r.stdout}`);
}
function startPostgres(): { url: string; stop(): void } {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-pg-'));
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'run');
  fs.mkdirSync(sock);
  fs.chmodSync(dir, 0o755);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = 57_000 + (process.pid % 1000);
  pgRun(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
  const options = `-c listen_addresses='' -c unix_socket_directories='${sock}' -c port=${port} -c max_connections=300 -c shared_buffers=64MB`;
  pgRun(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  pgRun(bin, 'createdb', ['-h', sock, '-p', String(port), '-U', 'postgres', 'plandesk']);
  return {
    url: `postgresql://postgres@/plandesk?host=${encodeURIComponent(sock)}&port=${port}`,
    stop() {
      try {
        pgRun(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// ---- HTTP on loopback ----
interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function request(base: string, method: string, pathname: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, base), { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(120_000, () => req.destroy(new Error(`no answer to ${method} ${pathname} in 120 s`)));
    req.end(body);
  });
}
async function login(base: string, name: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const a = await request(base, 'POST', '/api/session/login', { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ name, password })));
  if (a.status !== 200) throw new Error(`login ${name}: ${a.status} ${a.body.toString('utf8')}`);
  const set = a.headers['set-cookie'];
  const cookie = /plandesk_hub_session=([^;]*)/.exec((Array.isArray(set) ? set : [set ?? '']).join(';'))?.[1] ?? '';
  const csrf = String((JSON.parse(a.body.toString('utf8')) as { csrfToken?: string }).csrfToken ?? '');
  return { cookie: `plandesk_hub_session=${cookie}`, csrf };
}

function startHub(pgUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, 'hub', '--pg', pgUrl, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${out}`)), 60_000);
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      const m = /城市枢纽已启动：(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub exited (${code}):\n${out}`)));
  });
}

function cliRun(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    c.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`plandesk ${args.slice(0, 3).join(' ')}: ${err}`))));
  });
}

/** a real package of `changes` task changes, made by the desktop core (city → a district of a generated plan) */
function makePackage(dir: string, changes: number): Buffer {
  const home = path.join(dir, 'city-home');
  const dHome = path.join(dir, 'd-home');
  const bundle = generatePlanBundle({ tasks: changes, districts: 40, years: 5 });
  const city = openStore(path.join(dir, 'city.plandesk'), { create: 'seed', seeds: bundle, userDir: home });
  try {
    city.call('identity.set', { name: '市里', department: '市测试局1' });
    trustForTests(city.ctx, dHome, { role: 'district', districtId: 'bd-0', name: '区里', department: '市测试局1', district: '测试区1' });
    exportPackage(city.ctx, { planId: BIG_PLAN_ID, to: 'bd-0', out: path.join(dir, 'full.pdpkg') });
    const ids = city.db.prepare<[string, number], { id: string; progress: string | null }>('SELECT id, progress FROM tasks WHERE plan_id = ? ORDER BY sort_order LIMIT ?').all(BIG_PLAN_ID, changes);
    const set = city.db.prepare<[string, string]>('UPDATE tasks SET progress = ? WHERE id = ?');
    runChange(city.ctx, { label: '批量修改', planId: BIG_PLAN_ID }, (rec) => {
      ids.forEach((t, i) => {
        const v = `第 ${i} 项已推进到第二阶段`;
        set.run(v, t.id);
        rec.update('task', t.id, 'progress', t.progress, v);
      });
    });
    const out = path.join(dir, 'changes.pdpkg');
    const r = exportPackage(city.ctx, { planId: BIG_PLAN_ID, to: 'bd-0', out });
    if (r.changeCount !== changes) throw new Error(`package carries ${r.changeCount} changes, not ${changes}`);
    return fs.readFileSync(out);
  } finally {
    city.close();
  }
}

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? NaN;
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export async function benchHubLoad(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-hub-'));
  const stopAll: (() => void | Promise<void>)[] = [() => fs.rmSync(dir, { recursive: true, force: true })];
  const deadline = setTimeout(() => {
    console.error('hub-load: over its 10-minute limit, stopping');
    for (const s of stopAll.reverse()) void s();
    process.exit(1);
  }, DEADLINE_MS);
  try {
    const bytes = makePackage(dir, CHANGES);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const pgs = startPostgres();
    stopAll.push(() => pgs.stop());
    const hub = await startHub(pgs.url);
    stopAll.push(() => {
      hub.child.kill('SIGTERM');
    });
    const pw = path.join(dir, 'pw.txt');
    fs.writeFileSync(pw, 'bench password 2026\n');
    const names = Array.from({ length: DISTRICTS }, (_, i) => `测试区${i + 1}`);
    const adds = [...names.map((d, i) => ['--name', `d${i + 1}`, '--role', 'district', '--district', d]), ['--name', 'reader', '--role', 'reviewer']];
    for (let i = 0; i < adds.length; i += 4) await Promise.all(adds.slice(i, i + 4).map((a) => cliRun(['hub', 'user', 'add', '--pg', pgs.url, ...a, '--password-file', pw])));
    // logins a few at a time (each is an scrypt on the hub), before the clock starts
    const pushers: { cookie: string; csrf: string }[] = [];
    for (let i = 0; i < DISTRICTS; i += 4) pushers.push(...(await Promise.all(names.slice(i, i + 4).map((_, j) => login(hub.url, `d${i + j + 1}`, 'bench password 2026')))));
    const readers: { cookie: string; csrf: string }[] = [];
    for (let i = 0; i < READERS; i += 4) readers.push(...(await Promise.all(Array.from({ length: 4 }, () => login(hub.url, 'reader', 'bench password 2026')))));
    console.log(`\nhub-load: ${DISTRICTS} districts push a ${CHANGES.toLocaleString('en')}-change 报送包 (${(bytes.length / 1024).toFixed(0)} KB) at once while ${READERS} readers list packages; PostgreSQL on a Unix socket, hub on 127.0.0.1`);

    const ids = names.map(() => randomUUID());
    const pushMs: number[] = [];
    const statuses: number[] = [];
    let pushing = true;
    const readMs: number[] = [];
    let readErrors = 0;
    const t0 = process.hrtime.bigint();
    const readLoops = readers.map(async (r) => {
      while (pushing) {
        const t = process.hrtime.bigint();
        const a = await request(hub.url, 'GET', '/api/packages?after=0&to=city', { cookie: r.cookie });
        if (a.status === 200) readMs.push(ms(t));
        else readErrors++;
      }
    });
    const push = (district: string, i: number) => {
      const envelope = { packageId: ids[i]!, planId: BIG_PLAN_ID, sender: { role: 'district', name: `区${i + 1}`, district }, recipient: { kind: 'city' }, seq: 1, full: false, base: null };
      return request(hub.url, 'POST', '/api/packages', {
        cookie: pushers[i]!.cookie,
        'x-csrf-token': pushers[i]!.csrf,
        'content-type': 'application/octet-stream',
        'x-plandesk-package': Buffer.from(JSON.stringify(envelope)).toString('base64url'),
        'x-content-sha256': sha,
      }, bytes);
    };
    const unanswered: number[] = [];
    await Promise.all(
      names.map(async (district, i) => {
        const t = process.hrtime.bigint();
        const a = await push(district, i);
        pushMs.push(ms(t));
        statuses.push(a.status);
        if (a.status !== 200) unanswered.push(i);
      }),
    );
    const pushWall = ms(t0);
    pushing = false;
    await Promise.all(readLoops);
    const readWall = ms(t0);
    // a push refused meanwhile (503: the hub's pool queue waited past its limit) is pushed again, as the next sync would
    const retried: number[] = [];
    for (const i of unanswered) retried.push((await push(names[i]!, i)).status);

    // nothing lost: each package stored once, whole
    const client = new pg.Client({ connectionString: pgs.url });
    await client.connect();
    stopAll.push(() => client.end());
    const stored = (await client.query<{ n: string; distinct_ids: string; whole: boolean }>(
      'SELECT count(*) AS n, count(DISTINCT package_id) AS distinct_ids, bool_and(encode(sha256, \'hex\') = $2 AND size = $3 AND sha256 = sha256(bytes)) AS whole FROM packages WHERE package_id = ANY($1)',
      [ids, sha, bytes.length],
    )).rows[0]!;

    // the baseline: the same 40 rows inserted by 40 raw pg clients at once into a copy of the table
    await client.query('CREATE TABLE bench_packages AS SELECT * FROM packages WITH NO DATA');
    const rows = (await client.query<Record<string, unknown>>('SELECT * FROM packages WHERE package_id = ANY($1)', [ids])).rows;
    const cols = Object.keys(rows[0] ?? {}).filter((c) => c !== 'id');
    const sql = `INSERT INTO bench_packages (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`;
    const pool = new pg.Pool({ connectionString: pgs.url, max: DISTRICTS });
    stopAll.push(() => pool.end());
    await Promise.all(Array.from({ length: DISTRICTS }, () => pool.query('SELECT 1')));
    const rawMs: number[] = [];
    const r0 = process.hrtime.bigint();
    await Promise.all(
      rows.map(async (row) => {
        const t = process.hrtime.bigint();
        await pool.query(sql, cols.map((c) => row[c]));
        rawMs.push(ms(t));
      }),
    );
    const rawWall = ms(r0);
    const rawStored = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM bench_packages')).rows[0]!.n);

    const line = (what: string, wall: number, n: number, lat: number[]) =>
      console.log(`  ${what.padEnd(52)} ${(n / (wall / 1000)).toFixed(1).padStart(8)} packages/s  ${((n * CHANGES) / (wall / 1000)).toFixed(0).padStart(8)} changes/s  p95 ${p95(lat).toFixed(0).padStart(6)} ms  (all ${n} in ${wall.toFixed(0)} ms)`);
    line(`hub: ${DISTRICTS} pushes, while ${READERS} readers fetch`, pushWall, statuses.filter((s) => s === 200).length, pushMs);
    line(`baseline: raw pg INSERT of the same ${rows.length} rows`, rawWall, rawStored, rawMs);
    console.log(`  ratio (hub p95 / raw p95) ${(p95(pushMs) / p95(rawMs)).toFixed(1)}×, wall ${(pushWall / rawWall).toFixed(1)}×`);
    console.log(`  readers: ${readMs.length} lists in ${readWall.toFixed(0)} ms = ${(readMs.length / (readWall / 1000)).toFixed(0)}/s, p95 ${p95(readMs).toFixed(0)} ms, ${readErrors} refused`);
    const count = (xs: number[]) => [...new Set(xs)].map((s) => `${s}×${xs.filter((x) => x === s).length}`).join(', ');
    console.log(`  push answers under load: ${count(statuses)}${retried.length ? `; pushed again afterwards: ${count(retried)}` : ''}`);
    const lost = Number(stored.n) !== DISTRICTS || Number(stored.distinct_ids) !== DISTRICTS || !stored.whole || retried.some((s) => s !== 200);
    console.log(`  nothing lost: ${lost ? '✗' : '✓'} ${stored.n} of ${DISTRICTS} packages stored, ${stored.distinct_ids} distinct, bytes whole: ${stored.whole}`);
    if (lost) process.exitCode = 1;
  } finally {
    clearTimeout(deadline);
    for (const s of stopAll.reverse()) {
      try {
        await s();
      } catch {
        /* stopping what is left */
      }
    }
    agent.destroy();
  }
}
