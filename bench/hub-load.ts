/**
 * `npm run bench -- hub-load`: the city hub under load (issue 16), loopback only, stopping by itself.
 * A real PostgreSQL in a temp folder (Unix socket only), `plandesk hub` as its own process on 127.0.0.1
 * (migrated at start), accounts made with `plandesk hub user add`.
 *
 * Setup (not timed): the 41 signing keys trusted on the hub (`plandesk hub key trust`: the city's, each district's for
 * its district); a generated plan of 40 districts × 1,000 tasks (tasks name districts round-robin) in a
 * city file; its whole-plan 报送包 (the core's export) pushed by a city officer, so the hub holds the plan;
 * 40 district packages of 1,000 in-scope changes each (the progress of tasks the district is named on),
 * each signed by that district's own key (bench/hub-packages.ts says how they are made).
 * Timed: the 40 district accounts push at once while 100 reviewer sessions fetch the city roll-up
 * (GET /api/plans/:planId/rollup) in loops until the pushes end. Then: nothing lost (each package stored
 * once, applied once, one version each, every change visible in hub_rows), and the baseline in the same
 * run: the rows the hub wrote (the changed hub_rows rows) inserted by 40 raw `pg` clients at once into a
 * copy of the table, one transaction of 1,000 rows each; and the same 40 transactions one after another on one
 * connection (the hub applies one plan's pushes in its order of versions, so this is the floor of its wall time).
 * The readers honour Retry-After when the hub answers 503 hub.busy (its read queue full).
 *
 * Why a copy of tests/helpers/postgres.ts's start logic: the bench layer may import only pure and db
 * (tsconfig.bench.json, tests/layers.test.ts), not tests/ nor hub/; so the hub runs as the CLI runs it.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { keyFileText } from '../db/keys/key-file.ts';
import { userKey } from '../db/keys/signing.ts';
import { BIG_PLAN_ID } from './generate.ts';
import { makeHubPackages, type BenchPackage } from './hub-packages.ts';

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
    // a push waits its turn behind the other 39 (hub/packages/store.ts): only the 10-minute guard bounds it
    req.setTimeout(540_000, () => req.destroy(new Error(`no answer to ${method} ${pathname} in 540 s`)));
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

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? NaN;
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

interface Pusher {
  pkg: BenchPackage;
  session: { cookie: string; csrf: string };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function push(base: string, session: { cookie: string; csrf: string }, envelope: object, bytes: Buffer): Promise<Answer> {
  return request(base, 'POST', '/api/packages', {
    cookie: session.cookie,
    'x-csrf-token': session.csrf,
    'content-type': 'application/octet-stream',
    'x-plandesk-package': Buffer.from(JSON.stringify(envelope)).toString('base64url'),
    'x-content-sha256': sha256(bytes),
  }, bytes);
}

const districtEnvelope = (p: BenchPackage) => ({
  packageId: p.packageId, planId: BIG_PLAN_ID, sender: { role: 'district', name: `${p.district}规划员`, district: p.district }, recipient: { kind: 'city' }, seq: 1, full: false, base: null,
});

/** logs in a few at a time (each login is an scrypt on the hub), before the clock starts */
async function loginAll(base: string, names: string[], password: string): Promise<{ cookie: string; csrf: string }[]> {
  const out: { cookie: string; csrf: string }[] = [];
  for (let i = 0; i < names.length; i += 4) out.push(...(await Promise.all(names.slice(i, i + 4).map((n) => login(base, n, password)))));
  return out;
}

export async function benchHubLoad(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-hub-'));
  const stopAll: (() => void | Promise<void>)[] = [() => fs.rmSync(dir, { recursive: true, force: true })];
  // what the timed part has seen so far, printed when the guard stops a run that did not finish
  const progress = { phase: 'setup', t0: 0n, pushMs: [] as number[], readMs: [] as number[], refused: 0 };
  const deadline = setTimeout(() => {
    console.error(`hub-load: over its 10-minute limit in ${progress.phase}, stopping`);
    if (progress.t0) {
      const wall = ms(progress.t0);
      console.error(
        `  so far, in ${(wall / 1000).toFixed(0)} s of the timed part: ${progress.pushMs.length}/${DISTRICTS} pushes answered (${(progress.pushMs.length / (wall / 1000)).toFixed(3)}/s, ` +
          `${((progress.pushMs.length * CHANGES) / (wall / 1000)).toFixed(0)} changes/s), ${progress.readMs.length} roll-ups read (${(progress.readMs.length / (wall / 1000)).toFixed(1)}/s, p95 ${p95(progress.readMs).toFixed(0)} ms), ${progress.refused} answers not 200`,
      );
    }
    for (const s of stopAll.reverse()) {
      try {
        void s();
      } catch {
        /* stopping what is left */
      }
    }
    process.exit(1);
  }, DEADLINE_MS);
  try {
    const s0 = process.hrtime.bigint();
    const made = makeHubPackages(dir, { districts: DISTRICTS, changes: CHANGES });
    const madeMs = ms(s0);
    const pgs = startPostgres();
    stopAll.push(() => pgs.stop());
    const hub = await startHub(pgs.url);
    stopAll.push(() => {
      hub.child.kill('SIGTERM');
    });
    const password = 'bench password 2026';
    const pw = path.join(dir, 'pw.txt');
    fs.writeFileSync(pw, `${password}\n`);
    const adds = [
      ...made.districts.map((d, i) => ['--name', `d${i + 1}`, '--role', 'district', '--district', d.district]),
      ['--name', 'officer', '--role', 'officer', '--department', '市测试局1'],
      ['--name', 'reader', '--role', 'reviewer'],
    ];
    for (let i = 0; i < adds.length; i += 4) await Promise.all(adds.slice(i, i + 4).map((a) => cliRun(['hub', 'user', 'add', '--pg', pgs.url, ...a, '--password-file', pw])));
    // the hub applies a push only when its signing key is trusted for its sender: the city's key and each district's own (41 keys)
    const keyFile = (keyDir: string, holder: { name: string; department: string | null; district: string | null }) => {
      const f = path.join(keyDir, 'public.pdkey');
      fs.writeFileSync(f, keyFileText(userKey(keyDir), holder, new Date().toISOString()));
      return f;
    };
    const trusts = [
      ['--key', keyFile(made.city.keyDir, { name: '市里', department: '市测试局1', district: null }), '--city'],
      ...made.districts.map((d) => ['--key', keyFile(d.keyDir, { name: `${d.district}规划员`, department: null, district: d.district }), '--district', d.district]),
    ];
    for (let i = 0; i < trusts.length; i += 4) await Promise.all(trusts.slice(i, i + 4).map((a) => cliRun(['hub', 'key', 'trust', '--pg', pgs.url, ...a])));

    // the city's whole-plan package first: the hub then holds the plan and applies the districts' reports
    const [officer] = await loginAll(hub.url, ['officer'], password);
    const c0 = process.hrtime.bigint();
    const cityAnswer = await push(hub.url, officer!, { packageId: made.city.packageId, planId: BIG_PLAN_ID, sender: { role: 'city', name: '市里', district: null }, recipient: { kind: 'district', name: made.city.recipient }, seq: 1, full: true, base: null }, made.city.bytes);
    const cityMs = ms(c0);
    if (cityAnswer.status !== 200) throw new Error(`the city's whole-plan package was refused: ${cityAnswer.status} ${cityAnswer.body.toString('utf8').slice(0, 400)}`);

    const sessions = await loginAll(hub.url, made.districts.map((_, i) => `d${i + 1}`), password);
    const pushers: Pusher[] = made.districts.map((pkg, i) => ({ pkg, session: sessions[i]! }));
    const readers = await loginAll(hub.url, Array.from({ length: READERS }, () => 'reader'), password);
    const rollup = await request(hub.url, 'GET', `/api/plans/${BIG_PLAN_ID}/rollup`, { cookie: readers[0]!.cookie });
    if (rollup.status !== 200) throw new Error(`roll-up: ${rollup.status} ${rollup.body.toString('utf8').slice(0, 400)}`);
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    console.log(
      `\nhub-load: ${DISTRICTS} districts push a ${CHANGES.toLocaleString('en')}-change 报送包 each (${kb(made.districts[0]!.bytes.length)}, signed by the district's own key) at once while ${READERS} readers fetch the roll-up (${kb(rollup.body.length)});` +
        `\n  PostgreSQL on a Unix socket, hub on 127.0.0.1; setup: packages made in ${(madeMs / 1000).toFixed(1)} s (city file + whole-plan export ${(made.ms.city / 1000).toFixed(1)} s, 40 district packages ${(made.ms.districts / 1000).toFixed(1)} s), the city's whole-plan package (${kb(made.city.bytes.length)}, ${(DISTRICTS * CHANGES).toLocaleString('en')} tasks) pushed in ${(cityMs / 1000).toFixed(1)} s`,
    );

    // ---- timed: the pushes, with the readers ----
    const pushMs = progress.pushMs;
    const answers: { status: number; state: string | null; body: string }[] = [];
    let pushing = true;
    const readMs = progress.readMs;
    const readRefused: number[] = [];
    const t0 = process.hrtime.bigint();
    progress.t0 = t0;
    progress.phase = 'the timed pushes';
    const readLoops = readers.map(async (r) => {
      while (pushing) {
        const t = process.hrtime.bigint();
        const a = await request(hub.url, 'GET', `/api/plans/${BIG_PLAN_ID}/rollup`, { cookie: r.cookie });
        if (a.status === 200) readMs.push(ms(t));
        else {
          readRefused.push(a.status);
          progress.refused++;
          // a busy hub says when to ask again (503 with Retry-After: hub/server/http.ts); a reader waits that long
          const after = Number(a.headers['retry-after'] ?? 0);
          if (after > 0) await new Promise((r) => setTimeout(r, Math.min(after, 5) * 1000));
        }
      }
    });
    const unavailable: (typeof pushers)[number][] = [];
    await Promise.all(
      pushers.map(async (p) => {
        const t = process.hrtime.bigint();
        const a = await push(hub.url, p.session, districtEnvelope(p.pkg), p.pkg.bytes);
        pushMs.push(ms(t));
        const text = a.body.toString('utf8');
        let state: string | null = null;
        try {
          state = (JSON.parse(text) as { applied?: { state?: string } | null }).applied?.state ?? null;
        } catch {
          /* not JSON: reported below */
        }
        answers.push({ status: a.status, state, body: text.slice(0, 300) });
        if (a.status !== 200) progress.refused++;
        if (a.status === 503) unavailable.push(p);
      }),
    );
    const pushWall = ms(t0);
    pushing = false;
    progress.phase = 'the checks and the baseline';
    await Promise.all(readLoops);
    const readWall = ms(t0);
    // a push answered 503 (unavailable: nothing of it kept) waits in its desktop's outbox and goes with the next
    // sync: pushed again here, after the load, so "nothing lost" counts what a district's next sync would leave
    const retried: number[] = [];
    for (const p of unavailable) retried.push((await push(hub.url, p.session, districtEnvelope(p.pkg), p.pkg.bytes)).status);
    if (retried.length) console.log(`  pushed again after the load (the next sync): ${retried.map((x) => String(x)).join(', ')}`);

    // ---- nothing lost ----
    const client = new pg.Client({ connectionString: pgs.url });
    await client.connect();
    stopAll.push(() => client.end());
    const ids = made.districts.map((d) => d.packageId);
    const one = async (sql: string, values: unknown[]) => Number(Object.values((await client.query<Record<string, string>>(sql, values)).rows[0]!)[0]);
    const stored = await one('SELECT count(*) FROM packages WHERE package_id = ANY($1)', [ids]);
    const storedDistinct = await one('SELECT count(DISTINCT package_id) FROM packages WHERE package_id = ANY($1)', [ids]);
    const applied = await one("SELECT count(*) FROM hub_applied a JOIN packages p ON p.id = a.package_row WHERE p.package_id = ANY($1) AND a.state = 'applied' AND a.change_count = $2", [ids, CHANGES]);
    const versions = await one('SELECT count(*) FROM hub_versions WHERE plan_id = $1 AND package_id = ANY($2)', [BIG_PLAN_ID, ids]);
    const taskIds = made.districts.flatMap((d) => [...d.changed.keys()]);
    const values = made.districts.flatMap((d) => [...d.changed.values()]);
    const visible = await one(
      `SELECT count(*) FROM hub_rows h JOIN unnest($2::text[], $3::text[]) AS c(row_id, progress) ON c.row_id = h.row_id
        WHERE h.plan_id = $1 AND h.entity = 'task' AND h.to_version IS NULL AND h.data->>'progress' = c.progress`,
      [BIG_PLAN_ID, taskIds, values],
    );

    // ---- the baseline: the rows the hub wrote, by 40 raw pg clients at once, one transaction of 1,000 rows each ----
    await client.query('CREATE TABLE bench_rows (LIKE hub_rows INCLUDING ALL)');
    const written = (await client.query<{ entity: string; row_id: string; data: string; from_version: number }>(
      `SELECT entity, row_id, data::text AS data, from_version FROM hub_rows WHERE plan_id = $1 AND from_version IN (SELECT version FROM hub_versions WHERE plan_id = $1 AND package_id = ANY($2)) ORDER BY from_version`,
      [BIG_PLAN_ID, ids],
    )).rows;
    const batches = new Map<number, typeof written>();
    for (const r of written) batches.set(r.from_version, [...(batches.get(r.from_version) ?? []), r]);
    const pool = new pg.Pool({ connectionString: pgs.url, max: DISTRICTS });
    stopAll.push(() => pool.end());
    const warm = await Promise.all(Array.from({ length: DISTRICTS }, () => pool.connect()));
    for (const c of warm) c.release();
    const rawMs: number[] = [];
    const r0 = process.hrtime.bigint();
    await Promise.all(
      [...batches.values()].map(async (rows) => {
        const t = process.hrtime.bigint();
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          await c.query(
            `INSERT INTO bench_rows (plan_id, entity, row_id, data, from_version)
             SELECT $1, n.entity, n.row_id, n.data::jsonb, n.v FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS n(entity, row_id, data, v)`,
            [BIG_PLAN_ID, rows.map((r) => r.entity), rows.map((r) => r.row_id), rows.map((r) => r.data), rows.map((r) => r.from_version)],
          );
          await c.query('COMMIT');
        } finally {
          c.release();
        }
        rawMs.push(ms(t));
      }),
    );
    const rawWall = ms(r0);
    const rawStored = await one('SELECT count(*) FROM bench_rows', []);
    // and one after another on one connection: the hub applies the pushes of one plan in its order of versions
    await client.query('CREATE TABLE bench_rows_serial (LIKE hub_rows INCLUDING ALL)');
    const serialMs: number[] = [];
    const s0r = process.hrtime.bigint();
    for (const rows of batches.values()) {
      const t = process.hrtime.bigint();
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO bench_rows_serial (plan_id, entity, row_id, data, from_version)
         SELECT $1, n.entity, n.row_id, n.data::jsonb, n.v FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS n(entity, row_id, data, v)`,
        [BIG_PLAN_ID, rows.map((r) => r.entity), rows.map((r) => r.row_id), rows.map((r) => r.data), rows.map((r) => r.from_version)],
      );
      await client.query('COMMIT');
      serialMs.push(ms(t));
    }
    const serialWall = ms(s0r);

    // ---- the figures ----
    const ok = answers.filter((a) => a.status === 200).length;
    const line = (what: string, wall: number, n: number, changes: number, lat: number[]) =>
      console.log(`  ${what.padEnd(50)} ${(n / (wall / 1000)).toFixed(2).padStart(7)} packages/s ${(changes / (wall / 1000)).toFixed(0).padStart(8)} changes/s  p95 ${p95(lat).toFixed(0).padStart(6)} ms  (all in ${wall.toFixed(0)} ms)`);
    line(`hub: ${DISTRICTS} pushes while ${READERS} readers fetch`, pushWall, ok, ok * CHANGES, pushMs);
    line(`baseline: raw pg, the same ${rawStored.toLocaleString('en')} rows, ${batches.size} tx`, rawWall, batches.size, rawStored, rawMs);
    line(`baseline: raw pg, the same rows, ${batches.size} tx one after another`, serialWall, batches.size, rawStored, serialMs);
    console.log(`  ratio hub / raw: wall ${(pushWall / rawWall).toFixed(1)}×, p95 ${(p95(pushMs) / p95(rawMs)).toFixed(1)}×; hub / raw one after another: wall ${(pushWall / serialWall).toFixed(1)}×`);
    console.log(`  readers: ${readMs.length} roll-ups in ${readWall.toFixed(0)} ms = ${(readMs.length / (readWall / 1000)).toFixed(1)}/s, p95 ${p95(readMs).toFixed(0)} ms, refused ${readRefused.length}${readRefused.length ? ` (${[...new Set(readRefused)].join(', ')})` : ''}`);
    const count = (xs: string[]) => [...new Set(xs)].map((s) => `${s}×${xs.filter((x) => x === s).length}`).join(', ');
    console.log(`  push answers: ${count(answers.map((a) => `${a.status}/${a.state ?? '-'}`))}`);
    for (const a of answers.filter((x) => x.status !== 200).slice(0, 3)) console.log(`    refused: ${a.status} ${a.body}`);
    const lost = stored !== DISTRICTS || storedDistinct !== DISTRICTS || applied !== DISTRICTS || versions !== DISTRICTS || visible !== DISTRICTS * CHANGES || rawStored !== DISTRICTS * CHANGES;
    console.log(
      `  nothing lost: ${lost ? '✗' : '✓'} stored ${stored}/${DISTRICTS} (${storedDistinct} distinct), applied ${applied}/${DISTRICTS} with ${CHANGES} changes each, versions ${versions}/${DISTRICTS}, ` +
        `changes visible in hub_rows ${visible.toLocaleString('en')}/${(DISTRICTS * CHANGES).toLocaleString('en')}, rows written ${written.length.toLocaleString('en')}`,
    );
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
