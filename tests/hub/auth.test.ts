/**
 * Logging in to the hub and what a session may do, on a real PostgreSQL with the hub's real HTTP
 * server (in this process, so each test can give it its own throttling numbers): right and wrong
 * passwords, the exponential delay per account, the lockout, the delay per client address, a
 * disabled account, the cookie's flags, CSRF token and Origin checks, and the role of each call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubMigrations } from '../../hub/migrations/index.ts';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { hashSessionId } from '../../hub/accounts/sessions.ts';
import { startHub, type RunningHub } from '../../hub/hub.ts';
import { allows, PERMISSIONS, ROLES } from '../../hub/roles.ts';
import { routes } from '../../hub/server/routes.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { PASSWORDS, seedAccounts } from './accounts.ts';
import { call, Client, setCookieOf } from './helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CHINESE = /[\u4e00-\u9fff]/;

describe('hub accounts and sessions', () => {
  const pg = startPostgres();
  let hub: RunningHub;
  /** behind a (pretend) proxy: X-Forwarded-* trusted; no delay per account, lockout after 3 for 2.5 s */
  let proxied: RunningHub;
  beforeAll(async () => {
    hub = await startHub({ pgUrl: pg.url, port: 0, log: () => {}, loginPolicy: { accountBaseDelayMs: 1000, addressFreeFailures: 1000 } });
    await hub.ready;
    await seedAccounts(hub.db);
    proxied = await startHub({
      pgUrl: pg.url,
      port: 0,
      trustProxy: true,
      log: () => {},
      loginPolicy: { accountBaseDelayMs: 0, lockAfter: 3, lockMs: 2500, addressFreeFailures: 3, addressBaseDelayMs: 1500 },
    });
    await proxied.ready;
  });
  afterAll(async () => {
    await hub?.close();
    await proxied?.close();
    pg.stop();
  });

  it('the right password gives a session cookie: HttpOnly, SameSite=Strict, not Secure over plain HTTP; the table keeps only its hash', async () => {
    const c = new Client(hub.url);
    const a = await c.login('admin', PASSWORDS.admin);
    expect(a.status).toBe(200);
    expect(a.body.account).toMatchObject({ name: 'admin', role: 'admin', roleName: '系统管理员' });
    expect(JSON.stringify(a.body)).not.toMatch(/scrypt|password/i);
    const cookie = setCookieOf(a);
    expect(cookie).toMatch(/^plandesk_hub_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(cookie).not.toMatch(/Secure/);
    expect(a.headers['cache-control']).toBe('no-store');
    const who = await c.get('/api/session/whoami');
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ account: { name: 'admin' }, csrfToken: c.csrf });
    const stored = (await hub.db.query<{ id_hash: Buffer }>('SELECT id_hash FROM sessions')).rows.map((r) => r.id_hash.toString('hex'));
    expect(stored).toContain(hashSessionId(Buffer.from(c.cookie!, 'base64url')).toString('hex'));
    expect(stored.join()).not.toContain(Buffer.from(c.cookie!, 'base64url').toString('hex'));
  });

  it('a wrong password and an unknown name get the same refusal (code, Chinese message, reason)', async () => {
    const wrong = await new Client(hub.url).login('reviewer', 'not the password');
    const unknown = await new Client(hub.url).login('nobody', 'not the password');
    for (const a of [wrong, unknown]) {
      expect(a.status).toBe(401);
      expect(a.body.error).toEqual({ code: 'UNAUTHENTICATED', message: '账号或密码不对。', reason: 'hub.loginWrong' });
      expect(a.headers['set-cookie']).toBeUndefined();
    }
  });

  it('throttling per account: after k wrong passwords the next try waits 1 s × 2^(k−1), even with the right password', async () => {
    const c = new Client(hub.url);
    await sleep(1100); // the previous test's failure of `reviewer` is 1 s old now
    expect((await c.login('reviewer', PASSWORDS.reviewer)).status).toBe(200);
    expect((await c.login('reviewer', 'wrong 1')).status).toBe(401);
    const early = await c.login('reviewer', PASSWORDS.reviewer);
    expect(early.status).toBe(429);
    expect(early.body.error).toMatchObject({ code: 'THROTTLED', reason: 'hub.loginThrottled', params: { seconds: 1 } });
    expect(early.body.error!.message).toMatch(CHINESE);
    expect(early.headers['retry-after']).toBe('1');
    await sleep(1100);
    expect((await c.login('reviewer', 'wrong 2')).status).toBe(401);
    await sleep(1100); // 1 s is no longer enough after two failures: 2 s
    const second = await c.login('reviewer', PASSWORDS.reviewer);
    expect(second.status).toBe(429);
    await sleep(1000);
    const ok = await c.login('reviewer', PASSWORDS.reviewer);
    expect(ok.status).toBe(200);
    // and the count started again
    expect((await c.login('reviewer', 'wrong 3')).status).toBe(401);
    expect((await c.login('reviewer', PASSWORDS.reviewer)).body.error?.params).toEqual({ seconds: 1 });
  });

  it('lockout: the 3rd wrong password in a row locks the account (right password refused) until the lock ends', async () => {
    const c = new Client(proxied.url, { headers: { 'x-forwarded-for': '10.0.0.7' } });
    expect((await c.login('officer', 'wrong a')).status).toBe(401);
    expect((await c.login('officer', 'wrong b')).status).toBe(401);
    const third = await c.login('officer', 'wrong c');
    expect(third.status).toBe(423);
    expect(third.body.error).toMatchObject({ code: 'LOCKED', reason: 'hub.accountLocked', params: { failures: 3 } });
    expect(third.body.error!.message).toContain('连续 3 次密码错误，账号已锁定');
    const right = await c.login('officer', PASSWORDS.officer);
    expect(right.status).toBe(423);
    expect(Number(right.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const row = (await hub.db.query<{ locked: boolean }>("SELECT locked_until > now() AS locked FROM accounts WHERE name = 'officer'")).rows[0];
    expect(row?.locked).toBe(true);
    await sleep(2700);
    expect((await c.login('officer', PASSWORDS.officer)).status).toBe(200);
    const actions = (await hub.db.query<{ action: string }>("SELECT action FROM audit_log WHERE account_name = 'officer' AND action LIKE 'login%' ORDER BY id")).rows.map((r) => r.action);
    expect(actions).toEqual(['login.failed', 'login.failed', 'login.locked', 'login']);
  });

  it('parallel wrong passwords of one account are counted one after another (the row is locked): the 3rd locks it', async () => {
    await addAccount(hub.db, { name: 'parallel', role: 'reviewer', password: 'parallel password 1' });
    const tries = await Promise.all([1, 2, 3, 4, 5].map((i) => new Client(proxied.url, { headers: { 'x-forwarded-for': `10.3.0.${i}` } }).login('parallel', `wrong ${i}`)));
    const statuses = tries.map((a) => a.status).sort();
    expect(statuses).toEqual([401, 401, 423, 423, 423]);
    const row = (await hub.db.query<{ locked: boolean }>("SELECT locked_until > now() AS locked FROM accounts WHERE name = 'parallel'")).rows[0];
    expect(row?.locked).toBe(true);
  });

  it('throttling per client address, across accounts: after 3 free failures an address waits; another address does not', async () => {
    const x = { headers: { 'x-forwarded-for': '203.0.113.9, 10.1.1.1' } }; // the last hop is what our proxy saw
    const names = ['a1', 'a2', 'a3', 'a4'];
    for (const n of names) expect((await new Client(proxied.url, x).login(n, 'guess')).status).toBe(401);
    const next = await new Client(proxied.url, x).login('admin', PASSWORDS.admin);
    expect(next.status).toBe(429);
    expect(next.body.error?.reason).toBe('hub.loginThrottled');
    // the first (client-supplied) entry of X-Forwarded-For is not the address
    expect((await new Client(proxied.url, { headers: { 'x-forwarded-for': '10.1.1.1, 10.1.1.2' } }).login('admin', PASSWORDS.admin)).status).toBe(200);
    await sleep(1600);
    expect((await new Client(proxied.url, x).login('admin', PASSWORDS.admin)).status).toBe(200);
    const addresses = (await hub.db.query<{ address: string; failures: number }>('SELECT address, failures FROM login_addresses ORDER BY address')).rows;
    expect(addresses).toContainEqual({ address: '10.1.1.1', failures: 4 });
  });

  it('without --trust-proxy, X-Forwarded-For is ignored: the socket address is recorded', async () => {
    await new Client(hub.url, { headers: { 'x-forwarded-for': '198.51.100.1' } }).login('nobody-here', 'x');
    const r = (await hub.db.query<{ client_address: string }>("SELECT client_address FROM audit_log WHERE account_name = 'nobody-here'")).rows;
    expect(r.map((x) => x.client_address)).toEqual(['127.0.0.1']);
  });

  it('X-Forwarded-Proto https from a trusted proxy: the cookie is Secure and the origin is the proxy’s', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hub.cq.gov.cn', 'x-forwarded-for': '10.2.0.1' };
    const c = new Client(proxied.url, { headers });
    const cross = await c.post('/api/session/login', { name: 'admin', password: PASSWORDS.admin }); // Origin is http://127.0.0.1:port
    expect(cross.status).toBe(403);
    expect(cross.body.error?.reason).toBe('hub.crossOrigin');
    const a = await c.post('/api/session/login', { name: 'admin', password: PASSWORDS.admin }, { origin: 'https://hub.cq.gov.cn' });
    expect(a.status).toBe(200);
    expect(setCookieOf(a)).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    expect(a.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('CSRF: a state-changing call without the session’s token, with a wrong one, or from another origin is refused, whatever cookie it carries', async () => {
    const c = new Client(hub.url);
    expect((await c.login('admin', PASSWORDS.admin)).status).toBe(200);
    const noToken = await c.post('/api/session/logout', {}, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'hub.csrf' });
    expect(noToken.body.error!.message).toMatch(CHINESE);
    expect((await c.post('/api/session/logout', {}, { 'x-csrf-token': `${c.csrf!.slice(0, -1)}${c.csrf!.endsWith('A') ? 'B' : 'A'}` })).body.error?.reason).toBe('hub.csrf');
    // a page of another site holding the stolen cookie and even the token
    const evil = await c.post('/api/session/logout', {}, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'hub.crossOrigin' });
    const fetchSite = await call(hub.url, '/api/session/logout', { body: {}, headers: { cookie: `plandesk_hub_session=${c.cookie}`, 'x-csrf-token': c.csrf!, 'sec-fetch-site': 'cross-site' } });
    expect(fetchSite.body.error?.reason).toBe('hub.crossOrigin');
    // the session survived all of them; the right call ends it
    expect((await c.get('/api/session/whoami')).status).toBe(200);
    const out = await c.post('/api/session/logout', {});
    expect(out.status).toBe(200);
    expect(setCookieOf(out)).toMatch(/^plandesk_hub_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
    const after = await c.get('/api/session/whoami');
    expect(after.status).toBe(401);
    expect(after.body.error?.reason).toBe('hub.notLoggedIn');
  });

  it('every call is checked against the caller’s role: a district or reviewer account is refused the admin calls', async () => {
    const d = new Client(hub.url);
    expect((await d.login('rongchang', PASSWORDS.district)).status).toBe(200);
    expect((await d.get('/api/session/whoami')).body.account).toMatchObject({ role: 'district', district: '荣昌区' });
    const list = await d.get('/api/accounts');
    expect(list.status).toBe(403);
    expect(list.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'hub.roleForbidden', params: { role: 'district' } });
    expect((await d.post('/api/accounts/disable', { name: 'admin' })).body.error?.reason).toBe('hub.roleForbidden');
    expect((await hub.db.query("SELECT 1 FROM accounts WHERE name = 'admin' AND disabled_at IS NULL")).rowCount).toBe(1);
    expect((await call(hub.url, '/api/accounts')).status).toBe(401);
    const admin = new Client(hub.url);
    await admin.login('admin', PASSWORDS.admin);
    const all = await admin.get('/api/accounts');
    expect(all.status).toBe(200);
    expect((all.body.accounts as { name: string }[]).map((a) => a.name)).toEqual(expect.arrayContaining(['admin', 'officer', 'reviewer', 'rongchang']));
    expect(JSON.stringify(all.body)).not.toMatch(/scrypt/);
  });

  it('the permission table is what the server enforces: every route × every role', async () => {
    const logins: Record<(typeof ROLES)[number], [string, string]> = { admin: ['admin', PASSWORDS.admin], officer: ['officer', PASSWORDS.officer], reviewer: ['reviewer', PASSWORDS.reviewer], district: ['rongchang', PASSWORDS.district] };
    const checked: string[] = [];
    for (const role of ROLES) {
      const c = new Client(hub.url);
      expect((await c.login(logins[role][0], logins[role][1])).status, role).toBe(200);
      // logout last: it ends the session the others need
      const ordered = [...routes.filter((r) => r.permission !== 'session.logout'), ...routes.filter((r) => r.permission === 'session.logout')];
      for (const r of ordered) {
        if (PERMISSIONS[r.permission] === 'public') continue;
        // a route whose path is a pattern is called at its example path
        const at = typeof r.path === 'string' ? r.path : r.example!;
        const a = r.method === 'GET' ? await c.get(at) : await c.post(at, { name: 'no-such-account' });
        if (allows(r.permission, role)) expect([a.status, at, role]).not.toEqual([403, at, role]);
        else expect([a.status, a.body.error?.reason, at]).toEqual([403, 'hub.roleForbidden', at]);
        expect(a.status, `${role} ${at}`).not.toBe(401);
        checked.push(`${role} ${r.method} ${at}`);
      }
    }
    expect(checked.length).toBe(ROLES.length * routes.filter((r) => PERMISSIONS[r.permission] !== 'public').length);
  });

  it('a disabled account is refused at login and its open sessions end', async () => {
    const d = new Client(hub.url);
    expect((await d.login('rongchang', PASSWORDS.district)).status).toBe(200);
    const admin = new Client(hub.url);
    await admin.login('admin', PASSWORDS.admin);
    const off = await admin.post('/api/accounts/disable', { name: 'rongchang' });
    expect(off.status).toBe(200);
    expect((off.body.account as { disabledAt: string | null }).disabledAt).toBeTruthy();
    expect((await d.get('/api/session/whoami')).status).toBe(401);
    const again = await new Client(hub.url).login('rongchang', PASSWORDS.district);
    expect(again.status).toBe(403);
    expect(again.body.error).toEqual({ code: 'FORBIDDEN', message: '账号“rongchang”已停用，请联系管理员。', reason: 'hub.accountDisabled', params: { name: 'rongchang' } });
    // a wrong password does not say whether it exists or is disabled
    expect((await new Client(hub.url).login('rongchang', 'wrong')).body.error?.reason).toBe('hub.loginWrong');
  });

  it('a session ends at its absolute lifetime, and after its idle time', async () => {
    // 3 s lifetimes: each session is checked alive right after its own login (a scrypt login takes ~0.3 s, more
    // under load), then dead after the lifetime has passed for both
    const short = await startHub({ pgUrl: pg.url, port: 0, log: () => {}, sessionPolicy: { absoluteMs: 3000 } });
    const idle = await startHub({ pgUrl: pg.url, port: 0, log: () => {}, sessionPolicy: { idleMs: 3000 } });
    try {
      await Promise.all([short.ready, idle.ready]);
      expect(setCookieOf(await new Client(short.url).login('admin', PASSWORDS.admin))).toMatch(/; Max-Age=3(;|$)/);
      const a = new Client(short.url);
      const b = new Client(idle.url);
      expect((await a.login('admin', PASSWORDS.admin)).status).toBe(200);
      expect((await a.get('/api/session/whoami')).status).toBe(200);
      expect((await b.login('admin', PASSWORDS.admin)).status).toBe(200);
      expect((await b.get('/api/session/whoami')).status).toBe(200);
      await sleep(3300);
      expect((await a.get('/api/session/whoami')).status).toBe(401);
      expect((await b.get('/api/session/whoami')).status).toBe(401);
      // the same cookie on a hub with the default (longer) times: still alive there — it is the policy that ended it
      const same = new Client(hub.url);
      same.cookie = b.cookie;
      expect((await same.get('/api/session/whoami')).status).toBe(200);
    } finally {
      await short.close();
      await idle.close();
    }
  });

  it('refuses bad requests with JSON: no such call, not JSON, a body too large, a forged cookie', async () => {
    const c = new Client(hub.url);
    expect((await c.get('/api/nothing')).body.error).toMatchObject({ code: 'NOT_FOUND', reason: 'hub.noSuchCall' });
    const notJson = await call(hub.url, '/api/session/login', { method: 'POST', headers: { origin: c.origin, 'content-type': 'application/json' }, body: undefined });
    expect(notJson.status).toBe(400);
    const big = await c.post('/api/session/login', { name: 'x', password: 'y'.repeat(70_000) });
    expect(big.status).toBe(413);
    expect(big.body.error?.reason).toBe('hub.bodyTooLarge');
    expect((await call(hub.url, '/api/session/whoami', { headers: { cookie: 'plandesk_hub_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).status).toBe(401);
    expect((await call(hub.url, '/api/health')).body).toEqual({ ok: true, database: 'up', schemaVersion: hubMigrations.at(-1)!.version });
  });
});
