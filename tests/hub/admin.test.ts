/**
 * The admin page's account calls (issue 16: "an admin page for the same" as `plandesk hub user …`):
 * POST /api/accounts (create) and POST /api/accounts/enable beside list and disable, on a real
 * PostgreSQL and the hub's real HTTP server. Only an administrator may; bad input gets a Chinese
 * message naming the field (and params.field, the form's field); each write is audited with its
 * administrator. Also the pages themselves (hub/server/static.ts): only the page and its assets, no
 * way out of the folder. Few logins (scrypt is slow): one session per role for the whole file.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubAccount } from '../../contract/hub.ts';
import { pageFile, servePage } from '../../hub/server/static.ts';
import { call, Client, openHub, type OpenedHub } from './helpers.ts';

const CHINESE = /[\u4e00-\u9fff]/;

describe('hub admin calls', () => {
  let hub: OpenedHub;
  let a: Client;
  let reviewer: Client;
  let officer: Client;
  beforeAll(async () => {
    hub = await openHub({ inProcess: true, logins: ['admin', 'reviewer', 'officer'] });
    [a, reviewer, officer] = [hub.as.admin!, hub.as.reviewer!, hub.as.officer!];
  });
  afterAll(async () => {
    await hub?.close();
  });

  const count = async () => Number((await hub.db.query<{ n: string }>('SELECT count(*) AS n FROM accounts')).rows[0]!.n);
  const good = { name: '江津区规划员', role: 'district', district: '江津区', department: null, password: 'jiangjin password 1' };

  it('a reviewer or an officer is refused every account call, and nothing is written', async () => {
    const before = await count();
    for (const c of [reviewer, officer]) {
      for (const [at, body] of [['/api/accounts', good], ['/api/accounts/enable', { name: 'admin' }], ['/api/accounts/disable', { name: 'admin' }]] as const) {
        const r = await c.post(at, body);
        expect([r.status, r.body.error?.reason, at]).toEqual([403, 'hub.roleForbidden', at]);
        expect(r.body.error!.message).toMatch(CHINESE);
      }
      expect((await c.get('/api/accounts')).status).toBe(403);
    }
    expect(await count()).toBe(before);
    // no session at all: told to log in
    expect((await call(hub.url, '/api/accounts', { body: good, headers: { origin: new URL(hub.url).origin } })).body.error?.reason).toBe('hub.notLoggedIn');
  });

  it('bad input gets a Chinese message that names the field, and params.field for the form', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...good, name: undefined }, 'name', /“账号名”/],
      [{ ...good, name: ' 江津 ' }, 'name', /账号名不能为空/],
      [{ ...good, role: 'boss' }, 'role', /“角色”/],
      [{ ...good, district: null }, 'district', /区县账号必须填写“所属区县”/],
      [{ ...good, role: 'reviewer' }, 'district', /审阅人不能填写“所属区县”/],
      [{ ...good, password: 'short' }, 'password', /密码太短：至少 12 个字符/],
      [{ ...good, password: undefined }, 'password', /“初始密码”/],
      [{ ...good, department: ' 市发改委' }, 'department', /部门不能为空/],
      [{ ...good, name: 'admin' }, 'name', /账号“admin”已存在/],
    ];
    for (const [body, field, message] of cases) {
      const r = await a.post('/api/accounts', body);
      expect([r.status === 400 || r.status === 409, r.body.error?.params?.field, JSON.stringify(body)]).toEqual([true, field, JSON.stringify(body)]);
      expect(r.body.error!.message).toMatch(message);
      expect(r.body.error!.message).not.toMatch(/--/); // the CLI's flags are not the form's words
    }
    expect(await count()).toBe(before);
  });

  it('an administrator creates an account (the contract’s shape), audited with the administrator’s id; it can log in', async () => {
    const r = await a.post('/api/accounts', good);
    expect(r.status).toBe(200);
    const created = hubAccount.parse(r.body.account);
    expect(created).toMatchObject({ name: '江津区规划员', role: 'district', roleName: '区县规划人员', district: '江津区', department: null, disabledAt: null });
    const row = (await hub.db.query<{ account_name: string; account_id: string; details: Record<string, unknown> }>("SELECT account_name, account_id::text, details FROM audit_log WHERE action = 'account.add' AND details->>'name' = '江津区规划员'")).rows;
    const adminId = (await hub.db.query<{ id: string }>("SELECT id::text FROM accounts WHERE name = 'admin'")).rows[0]!.id;
    expect(row).toEqual([{ account_name: 'admin', account_id: adminId, details: { name: '江津区规划员', role: 'district', district: '江津区', department: null } }]);
    expect(JSON.stringify(row)).not.toContain(good.password);
    const listed = (await a.get('/api/accounts')).body.accounts as unknown[];
    expect(listed.map((x) => hubAccount.parse(x).name)).toContain('江津区规划员');
  });

  it('disable, then enable: refused at login while disabled, logs in again once enabled; both audited', async () => {
    const off = await a.post('/api/accounts/disable', { name: '江津区规划员' });
    expect(hubAccount.parse(off.body.account).disabledAt).toBeTruthy();
    expect((await new Client(hub.url).login('江津区规划员', good.password)).body.error?.reason).toBe('hub.accountDisabled');
    const on = await a.post('/api/accounts/enable', { name: '江津区规划员' });
    expect(on.status).toBe(200);
    expect(hubAccount.parse(on.body.account).disabledAt).toBeNull();
    expect((await new Client(hub.url).login('江津区规划员', good.password)).status).toBe(200);
    const actions = (await hub.db.query<{ action: string; account_name: string }>("SELECT action, account_name FROM audit_log WHERE details->>'name' = '江津区规划员' AND action LIKE 'account.%' ORDER BY id")).rows;
    expect(actions).toEqual([
      { action: 'account.add', account_name: 'admin' },
      { action: 'account.disable', account_name: 'admin' },
      { action: 'account.enable', account_name: 'admin' },
    ]);
    const missing = await a.post('/api/accounts/enable', { name: '没有这个人' });
    expect([missing.status, missing.body.error?.reason, missing.body.error?.message]).toEqual([404, 'hub.accountNotFound', '没有名为“没有这个人”的账号。']);
    const empty = await a.post('/api/accounts/enable', {});
    expect([empty.status, empty.body.error?.params?.field]).toEqual([400, 'name']);
    expect(empty.body.error?.message).toMatch(/“账号名”/);
  });

  it('creating needs the session’s CSRF token', async () => {
    const r = await call(hub.url, '/api/accounts', { body: { ...good, name: 'x-csrf' }, headers: { origin: new URL(hub.url).origin, cookie: `plandesk_hub_session=${a.cookie}` } });
    expect(r.body.error?.reason).toBe('hub.csrf');
    expect((await hub.db.query("SELECT 1 FROM accounts WHERE name = 'x-csrf'")).rowCount).toBe(0);
  });
});

describe('hub pages (hub/server/static.ts): the page and its assets only, nothing outside the folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-pages-'));
  const secret = path.join(os.tmpdir(), `plandesk-secret-${process.pid}.txt`);
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'hub.html'), '<!doctype html><title>hub</title>');
    fs.writeFileSync(path.join(root, 'index.html'), 'the workbench page');
    fs.writeFileSync(path.join(root, 'assets', 'hub-abc123.js'), 'console.log(1)');
    fs.writeFileSync(secret, 'secret');
    fs.symlinkSync(secret, path.join(root, 'assets', 'link.js'));
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      void servePage(req, res, url, { address: '127.0.0.1', origin: 'http://x', secure: false }, root).then((done) => {
        if (!done) res.writeHead(404).end('not a page');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(secret, { force: true });
  });

  const raw = (p: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      // a raw request line: fetch and URL would normalise the path before it is sent
      const req = http.request(`${base}/`, { path: p }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end();
    });

  it('GET / is hub.html with the Content-Security-Policy, not cached; an asset is served with its type', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>hub</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    const js = await raw('/assets/hub-abc123.js');
    expect([js.status, js.headers['content-type'], js.text]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
  });

  it('no escape: dot segments, encoded slashes, a symlink out of the folder, other files of the folder', async () => {
    for (const p of ['/assets/../index.html', '/assets/%2e%2e/index.html', '/assets/..%2findex.html', '/assets/..%5c..%5csecret', '/index.html', '/assets/', '/assets/link.js', '/assets/.hidden', `/assets/${'a'.repeat(300)}.js`, '/../../etc/passwd', '//etc/passwd']) {
      const r = await raw(p);
      expect([p, r.status]).toEqual([p, 404]);
      expect(r.text).not.toMatch(/secret|the workbench page|root:/);
    }
    expect(pageFile(root, '/assets/a/b.js')).toBeNull();
    expect(pageFile(root, '/assets/..')).toBeNull();
  });
});
