/**
 * `plandesk hub` as a process on a real PostgreSQL: it answers 503 UNAVAILABLE (a Chinese message,
 * never a wrong answer such as "not logged in") while PostgreSQL is stopped, and answers again by
 * itself when it is back — after a planned restart and after a crash (SIGKILL of every PostgreSQL
 * process); it starts while PostgreSQL is still down and gets ready when it comes up; sessions live
 * in PostgreSQL, so they outlast a restart (and a SIGKILL) of the hub; with a certificate it speaks
 * HTTPS only and its cookie is Secure (a self-signed certificate made by openssl here).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubMigrations } from '../../hub/migrations/index.ts';
import { postgresBin, startPostgres } from '../helpers/postgres.ts';
import { call, cli, Client, setCookieOf, startHubProcess, until, type Answer, type HubProcess } from './helpers.ts';

const PASSWORD = 'hub process password';
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * pg_ctl on the test cluster; `restart` of a stopped server starts it with its last options
 * (postmaster.opts). Its log must go to a file (-l): a server that inherits pg_ctl's stdout would
 * keep spawnSync's pipe open for ever.
 */
function pgCtl(dir: string, ...args: string[]): void {
  const exe = path.join(postgresBin()!, 'pg_ctl');
  const argv = ['-D', path.join(dir, 'data'), '-w', '-t', '60', ...args];
  const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', exe, ...argv], { encoding: 'utf8' }) : spawnSync(exe, argv, { encoding: 'utf8' });
  // restart of a stopped server warns "PID file does not exist" and starts it: status 0
  if (r.status !== 0) throw new Error(`pg_ctl ${args.join(' ')}: ${r.stderr}`);
}

function expectUnavailable(a: Answer): void {
  expect(a.status).toBe(503);
  expect(a.body.error).toEqual({ code: 'UNAVAILABLE', message: '城市枢纽的数据库暂时无法连接，请稍后再试（已提交的数据不受影响）。', reason: 'hub.unavailable' });
}

describe('plandesk hub (the process)', () => {
  const pg = startPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-hub-srv-'));
  const hubs: HubProcess[] = [];
  const start = async (...extra: string[]) => {
    const h = await startHubProcess(['--pg', pg.url, '--port', '0', ...extra]);
    hubs.push(h);
    return h;
  };
  beforeAll(() => {
    fs.writeFileSync(path.join(dir, 'pw'), `${PASSWORD}\n`);
    const r = cli(['hub', 'user', 'add', '--pg', pg.url, '--name', '审阅人', '--role', 'reviewer', '--password-file', path.join(dir, 'pw')]);
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(async () => {
    for (const h of hubs) await h.stop('SIGKILL');
    pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 by default and stops cleanly on SIGTERM', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await until('ready', () => call(h.url, '/api/health'), (a) => a.status === 200);
    expect(await h.stop()).toBe(0);
    expect(h.output()).toContain('城市枢纽已停止');
  });

  it('PostgreSQL stopped: 503 unavailable meanwhile, then answers again by itself; also after a crash', async () => {
    const h = await start();
    const c = new Client(h.url);
    await until('ready', () => call(h.url, '/api/health'), (a) => a.status === 200);
    expect((await c.login('审阅人', PASSWORD)).status).toBe(200);
    pgCtl(pg.dir, '-m', 'fast', 'stop');
    try {
      expectUnavailable(await call(h.url, '/api/health'));
      expectUnavailable(await c.get('/api/session/whoami')); // not 401: the session is not known to be gone
      expectUnavailable(await new Client(h.url).login('审阅人', PASSWORD));
      expectUnavailable(await c.post('/api/session/logout', {}));
    } finally {
      pgCtl(pg.dir, '-l', path.join(pg.dir, 'server.log'), 'restart');
    }
    const back = await until('answers again', () => c.get('/api/session/whoami'), (a) => a.status !== 503);
    expect(back.status).toBe(200);
    expect(back.body.account).toMatchObject({ name: '审阅人' });
    pg.crashAndRecover();
    const answers: number[] = [];
    const again = await until('answers after the crash', async () => {
      const a = await c.get('/api/session/whoami');
      answers.push(a.status);
      return a;
    }, (a) => a.status === 200);
    expect(again.body.account).toMatchObject({ name: '审阅人' });
    expect(answers.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(h.child.exitCode).toBeNull();
  });

  it('started while PostgreSQL is down: 503 until it comes up, then migrated and ready', async () => {
    pgCtl(pg.dir, '-m', 'fast', 'stop');
    let h: HubProcess;
    try {
      h = await start();
      expectUnavailable(await call(h.url, '/api/health'));
    } finally {
      pgCtl(pg.dir, '-l', path.join(pg.dir, 'server.log'), 'restart');
    }
    const ok = await until('ready', () => call(h.url, '/api/health'), (a) => a.status === 200);
    expect(ok.body).toEqual({ ok: true, database: 'up', schemaVersion: hubMigrations.at(-1)!.version });
  });

  it('sessions outlast a restart of the hub, and a SIGKILL of it', async () => {
    const first = await start();
    const c = new Client(first.url);
    await until('ready', () => call(first.url, '/api/health'), (a) => a.status === 200);
    expect((await c.login('审阅人', PASSWORD)).status).toBe(200);
    await first.stop();
    const second = await start();
    await until('ready', () => call(second.url, '/api/health'), (a) => a.status === 200);
    const moved = new Client(second.url);
    moved.cookie = c.cookie;
    moved.csrf = c.csrf;
    expect((await moved.get('/api/session/whoami')).body.account).toMatchObject({ name: '审阅人' });
    await second.stop('SIGKILL');
    const third = await start();
    await until('ready', () => call(third.url, '/api/health'), (a) => a.status === 200);
    const again = new Client(third.url);
    again.cookie = c.cookie;
    again.csrf = c.csrf;
    expect((await again.get('/api/session/whoami')).status).toBe(200);
    expect((await again.post('/api/session/logout', {})).status).toBe(200);
    expect((await again.get('/api/session/whoami')).status).toBe(401);
  });

  it('with --tls-cert/--tls-key: HTTPS only, Secure cookie, HSTS', async () => {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const h = await start('--tls-cert', cert, '--tls-key', key);
    expect(h.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = fs.readFileSync(cert);
    await until('ready', () => call(h.url, '/api/health', { ca }), (a) => a.status === 200);
    const c = new Client(h.url, { ca });
    const a = await c.login('审阅人', PASSWORD);
    expect(a.status).toBe(200);
    expect(setCookieOf(a)).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    expect(a.headers['strict-transport-security']).toBe('max-age=31536000');
    expect((await c.get('/api/session/whoami')).status).toBe(200);
    // the certificate is checked (no CA given: refused), and plain HTTP gets no answer from the hub
    await expect(call(h.url, '/api/health')).rejects.toThrow(/self-signed|self signed/);
    const plain = await call(h.url.replace('https:', 'http:'), '/api/health').catch((e: Error) => e);
    expect(plain instanceof Error || plain.status !== 200).toBe(true);
  });

  it('a port already taken, an unreadable certificate: a message and exit code 1, no stack trace', async () => {
    const h = await start();
    const port = new URL(h.url).port;
    const taken = cli(['hub', '--pg', pg.url, '--port', port]);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain(`端口 ${port} 已被占用`);
    const noCert = cli(['hub', '--pg', pg.url, '--port', '0', '--tls-cert', path.join(dir, 'none.pem'), '--tls-key', path.join(dir, 'none.pem')]);
    expect(noCert.status).toBe(1);
    expect(noCert.stderr).toContain('读不了证书文件');
    expect(noCert.stderr + taken.stderr).not.toMatch(/at .*\.(js|cjs|ts):\d+/);
  });

  it('refuses wrong arguments with the usage', () => {
    const r = cli(['hub', '--pg', pg.url, '--tls-cert', 'x.pem']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--tls-cert 和 --tls-key 要一起给出');
    expect(cli(['hub', '--port', '1']).stderr).toContain('缺少参数 --pg');
  });
});
