/**
 * Helpers of the hub's tests: HTTP calls with full control of the headers (Host, Origin, cookies;
 * node:http/https, not fetch, which sets Origin itself), the hub started as a real process
 * (`node bin/plandesk.js hub …`), openHub() — the setup the hub's and the sync's tests share — and the schema described from PostgreSQL's catalogues for the
 * committed snapshot.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from '../helpers/layers.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { startHub, type HubOptions, type RunningHub } from '../../hub/hub.ts';
import { migrate } from '../../hub/migrate.ts';
import { openPool, type Db } from '../../hub/pg.ts';
import { PASSWORDS, seedAccounts } from './accounts.ts';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { error?: { code: string; message: string; reason: string; params?: Record<string, unknown> } } & Record<string, unknown>;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** CA certificate (PEM) an https hub's certificate must chain to */
  ca?: string | Buffer;
}

export function call(base: string, pathname: string, o: CallOptions = {}): Promise<Answer> {
  const url = new URL(pathname, base);
  const body = o.body === undefined ? undefined : JSON.stringify(o.body);
  const headers: Record<string, string> = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers };
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, { method: o.method ?? (body !== undefined ? 'POST' : 'GET'), headers, ...(o.ca ? { ca: o.ca, servername: 'localhost' } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Answer['body'] = {};
        try {
          parsed = JSON.parse(text) as Answer['body'];
        } catch {
          parsed = { raw: text };
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    // a hub that does not answer fails the test instead of hanging it
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer from ${url.href} in 15 s`)));
    req.end(body);
  });
}

/** A browser-like client of one hub: its own origin on state-changing calls, the session cookie kept. */
export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(
    readonly base: string,
    readonly extra: CallOptions = {},
  ) {}
  get origin(): string {
    return new URL(this.base).origin;
  }
  async login(name: string, password: string): Promise<Answer> {
    const a = await this.post('/api/session/login', { name, password });
    if (a.status === 200) {
      this.cookie = sessionCookieOf(a);
      this.csrf = a.body.csrfToken as string;
    }
    return a;
  }
  get(pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
    return call(this.base, pathname, { ...this.extra, headers: { ...this.extra.headers, ...(this.cookie ? { cookie: `plandesk_hub_session=${this.cookie}` } : {}), ...headers } });
  }
  post(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return call(this.base, pathname, {
      ...this.extra,
      body,
      headers: {
        origin: this.origin,
        ...this.extra.headers,
        ...(this.cookie ? { cookie: `plandesk_hub_session=${this.cookie}` } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
    });
  }
}

export function setCookieOf(a: Answer): string {
  const c = a.headers['set-cookie'];
  return (Array.isArray(c) ? c[0] : c) ?? '';
}
export const sessionCookieOf = (a: Answer): string => /plandesk_hub_session=([^;]*)/.exec(setCookieOf(a))?.[1] ?? '';

const CLI = path.join(ROOT, 'bin', 'plandesk.js');

/** `plandesk …` run to its end. */
export function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface HubProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `plandesk hub …` as a process, once it has printed its address. */
export function startHubProcess(args: string[]): Promise<HubProcess> {
  const child = spawn(process.execPath, [CLI, 'hub', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      const m = /城市枢纽已启动：(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          child,
          output: () => out,
          async stop(signal = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code}):\n${out}`));
    });
  });
}

/** Polls until `check` holds (each try awaited), or fails with the last value seen. */
export async function until<T>(what: string, get: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await get();
      if (check(last)) return last;
    } catch (err) {
      last = err as T;
    }
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface OpenHubOptions {
  /** `startHub` in this process (its pool is `db`); by default `plandesk hub` as a process with a pool of its own for the test */
  inProcess?: boolean;
  /** in-process only: options of startHub besides the database and port (the log is dropped unless given) */
  hubOptions?: Omit<HubOptions, 'pgUrl' | 'port'>;
  /** district accounts besides seedAccounts' (account name → district), with PASSWORDS.district */
  districts?: Record<string, string>;
  /** accounts logged in once for the file, as browser-like clients in `as` */
  logins?: string[];
}

export interface OpenedHub {
  pg: TestPostgres;
  db: Db;
  url: string;
  /** the clients of `logins`, by account name */
  as: Record<string, Client>;
  /** the hub process (null in-process) */
  process: HubProcess | null;
  /** starts the hub process again on the same database (after the test has stopped or killed it), on `port` if given */
  restart(port?: string): Promise<void>;
  close(): Promise<void>;
}

const passwordOf = (name: string): string => (name === 'admin' || name === 'officer' || name === 'reviewer' ? PASSWORDS[name] : PASSWORDS.district);

/**
 * What the hub's tests start with: a fresh PostgreSQL, the hub's schema, the seeded accounts
 * (tests/hub/accounts.ts) and any district accounts asked for, a hub on it — in-process or as
 * `plandesk hub` — answering /api/health, and the accounts asked for logged in. On a failure
 * part-way, what was started is stopped before the error is thrown.
 */
export async function openHub(o: OpenHubOptions = {}): Promise<OpenedHub> {
  const pgServer = startPostgres();
  let running: RunningHub | null = null;
  let proc: HubProcess | null = null;
  let ownPool: Db | null = null;
  const close = async () => {
    await proc?.stop();
    await running?.close();
    await ownPool?.end();
    pgServer.stop();
  };
  const startProcess = async (port = '0') => {
    proc = await startHubProcess(['--pg', pgServer.url, '--port', port]);
    const url = proc.url;
    await until('the hub is ready', () => call(url, '/api/health'), (a) => a.status === 200);
  };
  try {
    let db: Db;
    if (o.inProcess) {
      running = await startHub({ log: () => {}, ...o.hubOptions, pgUrl: pgServer.url, port: 0 });
      await running.ready;
      db = running.db;
    } else {
      ownPool = openPool(pgServer.url, { max: 2 });
      db = ownPool;
      await migrate(db);
    }
    await seedAccounts(db);
    for (const [name, district] of Object.entries(o.districts ?? {})) await addAccount(db, { name, role: 'district', district, password: PASSWORDS.district });
    if (!o.inProcess) await startProcess();
    const url = running?.url ?? proc!.url;
    const as: Record<string, Client> = {};
    for (const name of o.logins ?? []) {
      const c = new Client(url);
      const a = await c.login(name, passwordOf(name));
      if (a.status !== 200) throw new Error(`login of ${name}: ${a.status} ${JSON.stringify(a.body)}`);
      as[name] = c;
    }
    return {
      pg: pgServer,
      db,
      get url() {
        return running?.url ?? proc!.url;
      },
      as,
      get process() {
        return proc;
      },
      async restart(port?: string) {
        if (o.inProcess) throw new Error('restart() is for the hub process');
        await startProcess(port);
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The hub's schema as text, from PostgreSQL's catalogues (stable across server versions, unlike
 * pg_dump's preamble): tables with their columns, constraints, indexes, triggers and functions.
 */
export async function describeSchema(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const lines: string[] = [];
    const tables = (await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE \"C\"")).rows;
    for (const { t } of tables) {
      lines.push(`TABLE ${t}`);
      const cols = await c.query<{ name: string; type: string; notnull: boolean; def: string | null; identity: string }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
                pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity AS identity
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [t],
      );
      for (const col of cols.rows)
        lines.push(`  ${col.name} ${col.type}${col.notnull ? ' NOT NULL' : ''}${col.identity === 'a' ? ' GENERATED ALWAYS AS IDENTITY' : ''}${col.def ? ` DEFAULT ${col.def}` : ''}`);
      const cons = await c.query<{ name: string; def: string }>('SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY conname COLLATE "C"', [t]);
      for (const k of cons.rows) lines.push(`  CONSTRAINT ${k.name} ${k.def}`);
      const idx = await c.query<{ def: string }>("SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 ORDER BY indexname COLLATE \"C\"", [t]);
      for (const i of idx.rows) lines.push(`  ${i.def}`);
      const trg = await c.query<{ def: string }>('SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY tgname COLLATE "C"', [t]);
      for (const g of trg.rows) lines.push(`  ${g.def}`);
    }
    const fns = await c.query<{ def: string }>(
      "SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY p.proname COLLATE \"C\"",
    );
    for (const f of fns.rows) lines.push(f.def.trim());
    return `${lines.join('\n')}\n`;
  } finally {
    await c.end();
  }
}
