/**
 * What the web host keeps between runs (web/session.ts) and what it answers a stale token: the API says
 * what to do in Chinese (code FORBIDDEN, status 401); a page load gets a readable page, never JSON; a
 * port taken since the last run falls back to a free one.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_SESSION_FILE, newToken, readHostSession, writeHostSession } from '../../web/session.ts';
import { STALE_TOKEN_MESSAGE, startWebHost } from '../../web/server.ts';
import { tempDir } from '../helpers/store.ts';

function get(port: number, p: string, headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method: headers['Content-Type'] ? 'POST' : 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    if (headers['Content-Type']) req.write('{}');
    req.end();
  });
}

describe('the web host between runs', () => {
  it('keeps token and port in the user folder (0600); anything else there is ignored', () => {
    const dir = tempDir();
    expect(readHostSession(dir)).toBeNull();
    const token = newToken();
    expect(writeHostSession(dir, { token, port: 4321 })).toBeNull();
    expect(readHostSession(dir)).toEqual({ token, port: 4321 });
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, HOST_SESSION_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([HOST_SESSION_FILE]);
    for (const junk of ['', '{', '[]', '{"token":"short","port":1}', `{"token":"${token}","port":70000}`, `{"token":"${token}<script>","port":1}`]) {
      fs.writeFileSync(path.join(dir, HOST_SESSION_FILE), junk);
      expect(readHostSession(dir)).toBeNull();
    }
    // a folder that cannot be written only costs the reuse, with a message
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    expect(writeHostSession(file, { token, port: 1 })).toMatch(/无法/);
  });

  it('answers a stale token in Chinese: the API as a refusal, a page load as a page; a taken port falls back', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as net.AddressInfo).port;
    const token = newToken();
    const host = await startWebHost({ call: () => ({ ok: true, value: [] }), rendererDir: path.resolve('build/renderer'), port: taken, portFallback: true, token });
    try {
      expect(host.port).not.toBe(taken);
      expect(host.token).toBe(token);
      const Host = `127.0.0.1:${host.port}`;
      const api = await get(host.port, '/api/plans.list', { Host, 'Content-Type': 'application/json', 'X-PlanDesk-Token': 'old-token-of-the-last-run-xxxx' });
      expect(api.status).toBe(401);
      expect(JSON.parse(api.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: STALE_TOKEN_MESSAGE, issues: [] } });
      const page = await get(host.port, '/', { Host, Accept: 'text/html,application/xhtml+xml', Cookie: 'pd_token=old' });
      expect(page.status).toBe(401);
      expect(page.type).toMatch(/text\/html/);
      expect(page.body).toContain('访问令牌已失效');
      expect(page.body).not.toContain(token);
      expect(page.body).not.toMatch(/<script/);
      // not a browser page load: still the plain refusal
      expect((await get(host.port, '/assets/x.js', { Host })).type).toMatch(/json/);
    } finally {
      await host.close();
      blocker.close();
    }
    // without portFallback (an explicit --port) a taken port is an error, not a silent other address
    const blocker2 = net.createServer();
    await new Promise<void>((r) => blocker2.listen(0, '127.0.0.1', () => r()));
    const busy = (blocker2.address() as net.AddressInfo).port;
    await expect(startWebHost({ call: () => ({ ok: true, value: [] }), rendererDir: 'build/renderer', port: busy })).rejects.toThrow(/EADDRINUSE/);
    blocker2.close();
  });

  it('stops even while a tab holds a connection open (a request still sending, an event stream): a restart never hangs', async () => {
    const token = newToken();
    const host = await startWebHost({ call: () => ({ ok: true, value: [] }), rendererDir: path.resolve('build/renderer'), token });
    const Host = `127.0.0.1:${host.port}`;
    // a call whose body never finishes, and the event stream
    const stuck = http.request({ host: '127.0.0.1', port: host.port, path: '/api/plans.list', method: 'POST', headers: { Host, 'Content-Type': 'application/json', 'X-PlanDesk-Token': token, 'Content-Length': '100' } });
    stuck.on('error', () => {});
    stuck.write('{');
    const events = http.get({ host: '127.0.0.1', port: host.port, path: '/events', headers: { Host, Cookie: `pd_token=${token}` } });
    events.on('error', () => {});
    await new Promise<void>((r) => events.once('response', () => r()));
    await new Promise((r) => setTimeout(r, 50));
    const closed = await Promise.race([host.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 5000))]);
    expect(closed).toBe('closed');
  });
});
