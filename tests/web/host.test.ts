/** The web host refuses every request that lacks the token, names another host, or comes from another origin. */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../web/server.ts';
import { openStore, type PlanStore } from '../../db/store.ts';
import { judgeRequest, parseCookies } from '../../web/guard.ts';
import { tempFile } from '../helpers/store.ts';

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('web host', () => {
  let host: WebHost;
  let store: PlanStore;
  let file: string;
  beforeAll(async () => {
    file = tempFile();
    store = openStore(file, { create: 'seed' });
    host = await startWebHost({ call: (n, i) => store.call(n, i), rendererDir: path.resolve('build/renderer') });
  });
  afterAll(async () => {
    await host.close();
    store.close();
  });

  const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    request(host.port, {
      method: 'POST',
      path: `/api/${name}`,
      headers: { 'Content-Type': 'application/json', Host: `127.0.0.1:${host.port}`, 'X-PlanDesk-Token': host.token, ...headers },
      body: JSON.stringify(body),
    });

  it('listens on 127.0.0.1 and prints an address that carries the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=${host.token}$`));
    expect(host.token.length).toBeGreaterThanOrEqual(24);
  });

  it('answers a call that carries the token', async () => {
    const r = await api('plans.list', {});
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.value.length).toBeGreaterThan(3);
  });

  it('refuses a call without the token or with a wrong one', async () => {
    expect((await api('plans.list', {}, { 'X-PlanDesk-Token': '' })).status).toBe(401);
    expect((await api('plans.list', {}, { 'X-PlanDesk-Token': `${host.token}x` })).status).toBe(401);
  });

  it('refuses another Host (DNS rebinding) and another Origin (other web pages)', async () => {
    expect((await api('plans.list', {}, { Host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await api('plans.list', {}, { Host: `127.0.0.1:${host.port + 1}` })).status).toBe(421);
    expect((await api('plans.list', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('plans.list', {}, { Origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses GET on the API, non-JSON bodies, malformed and deeply nested JSON', async () => {
    const base = { Host: `127.0.0.1:${host.port}`, 'X-PlanDesk-Token': host.token };
    expect((await request(host.port, { path: '/api/plans.list', headers: base })).status).toBe(405);
    expect((await request(host.port, { method: 'POST', path: '/api/plans.list', headers: { ...base, 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await request(host.port, { method: 'POST', path: '/api/plans.list', headers: { ...base, 'Content-Type': 'application/json' }, body: '{"a":' })).status).toBe(400);
    const deep = '['.repeat(200) + ']'.repeat(200);
    expect((await request(host.port, { method: 'POST', path: '/api/plans.list', headers: { ...base, 'Content-Type': 'application/json' }, body: deep })).status).toBe(400);
  });

  it('refuses unknown operations and invalid input as results, writing nothing', async () => {
    const unknown = JSON.parse((await api('plans.drop', {})).body);
    expect(unknown.error.code).toBe('UNKNOWN_OPERATION');
    const bad = JSON.parse((await api('tasks.update', { taskId: 'x', patch: { title: 5 } })).body);
    expect(bad.error.code).toBe('INVALID_INPUT');
  });

  it('serves the page only with the token, then sets an HttpOnly SameSite cookie for its assets', async () => {
    const Host = `127.0.0.1:${host.port}`;
    expect((await request(host.port, { path: '/', headers: { Host } })).status).toBe(401);
    const page = await request(host.port, { path: `/?token=${host.token}`, headers: { Host } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(String(page.headers['set-cookie'])).toMatch(/pd_token=.*HttpOnly.*SameSite=Strict/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const cookie = `pd_token=${host.token}`;
    expect((await request(host.port, { path: '/index.html', headers: { Host, Cookie: cookie } })).status).toBe(200);
    // The cookie alone never opens the API (no cross-site request can add the header).
    expect((await request(host.port, { method: 'POST', path: '/api/plans.list', headers: { Host, Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await request(host.port, { path: `/../../package.json?token=${host.token}`, headers: { Host: `127.0.0.1:${host.port}` } });
    expect(r.body).not.toContain('"name": "plandesk"');
  });
});

describe('request guard (pure)', () => {
  const cfg = { port: 5000, token: 'secret-token-1234567890' };
  const base = { method: 'POST', host: '127.0.0.1:5000', origin: undefined, headerToken: cfg.token, queryToken: null, cookieToken: undefined, isApi: true };
  it('accepts only the exact token on loopback names', () => {
    expect(judgeRequest(cfg, base)).toEqual({ allow: true });
    expect(judgeRequest(cfg, { ...base, host: 'LOCALHOST:5000' })).toEqual({ allow: true });
    expect(judgeRequest(cfg, { ...base, host: undefined }).allow).toBe(false);
    expect(judgeRequest(cfg, { ...base, host: '0.0.0.0:5000' }).allow).toBe(false);
    expect(judgeRequest(cfg, { ...base, origin: 'null' }).allow).toBe(false);
    expect(judgeRequest(cfg, { ...base, headerToken: undefined, cookieToken: cfg.token }).allow).toBe(false);
  });
  it('parses cookies', () => {
    expect(parseCookies('a=1; pd_token=x%3Dy')).toEqual({ a: '1', pd_token: 'x=y' });
  });
});
