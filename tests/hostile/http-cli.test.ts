/** The same corpus through the web host's HTTP API and the command line. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost, MAX_BODY_BYTES } from '../../web/server.ts';
import { openStore, type PlanStore } from '../../db/store.ts';
import { main } from '../../cli/main.ts';
import { dumpTables, tempDir, tempFile } from '../helpers/store.ts';
import { junkFiles, malformedValues, SQL_TEXT, unknownIds } from './corpus.ts';

function post(host: WebHost, name: string, body: string): Promise<{ status: number; json: { ok: boolean; error?: { code: string } } | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: 'POST', path: `/api/${encodeURIComponent(name)}`, headers: { 'Content-Type': 'application/json', 'X-PlanDesk-Token': host.token } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', (err) => (String(err).includes('EPIPE') || String(err).includes('ECONNRESET') ? resolve({ status: 413, json: null }) : reject(err)));
    req.end(body);
  });
}

describe('the HTTP entry point', () => {
  let host: WebHost;
  let store: PlanStore;
  beforeAll(async () => {
    store = openStore(tempFile(), { create: 'seed' });
    host = await startWebHost({ call: (n, i) => store.call(n, i), rendererDir: path.resolve('build/renderer') });
  });
  afterAll(async () => {
    await host.close();
    store.close();
  });

  it('refuses every malformed value, oversized and deeply nested bodies, and junk, writing nothing', async () => {
    const before = dumpTables(store);
    for (const m of malformedValues) {
      const body = JSON.stringify({ taskId: 'x', patch: { title: m.value } });
      if (body === undefined) continue;
      const r = await post(host, 'tasks.update', body);
      expect([200, 400, 413]).toContain(r.status);
      if (r.status === 200) expect(r.json?.error?.code).toMatch(/INVALID_INPUT|NOT_FOUND/);
    }
    expect((await post(host, 'tasks.update', `{"taskId":"${'x'.repeat(MAX_BODY_BYTES + 10)}"}`)).status).toBe(413);
    expect((await post(host, 'plans.list', '{'.repeat(5000))).status).toBe(400);
    expect((await post(host, 'plans.list', '\u0000\u0001garbage')).status).toBe(400);
    for (const id of unknownIds) {
      const r = await post(host, 'plans.update', JSON.stringify({ planId: id, patch: { title: SQL_TEXT } }));
      expect(r.json?.error?.code).toBe('NOT_FOUND');
    }
    for (const name of ['../plans.list', 'plans.list/../x', '%00', '__proto__']) {
      const r = await post(host, name, '{}');
      expect(r.json?.ok ?? false).toBe(false);
    }
    expect(dumpTables(store)).toEqual(before);
  });
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('the CLI entry point', () => {
  it('refuses junk and foreign files as plan files, leaving them untouched', async () => {
    const dir = tempDir();
    for (const f of junkFiles()) {
      const file = path.join(dir, f.name);
      fs.writeFileSync(file, f.bytes);
      const r = await cli('plans', '--db', file);
      expect(r.code, f.name).toBe(1);
      expect(r.err).toMatch(/错误：/);
      expect(fs.readFileSync(file).equals(f.bytes)).toBe(true);
      expect((await cli('init', '--db', file)).code).toBe(1);
      expect(fs.readFileSync(file).equals(f.bytes)).toBe(true);
    }
  });

  it('the bundled command line (bin/plandesk.js, as users run it) refuses them too, exiting 1 and writing nothing', () => {
    const dir = tempDir();
    for (const f of junkFiles()) {
      const file = path.join(dir, f.name);
      fs.writeFileSync(file, f.bytes);
      const r = spawnSync(process.execPath, ['bin/plandesk.js', 'plans', '--db', file], { encoding: 'utf8' });
      expect(r.status, f.name).toBe(1);
      expect(r.stderr).toMatch(/错误：/);
      expect(fs.readFileSync(file).equals(f.bytes)).toBe(true);
    }
  });

  it('treats SQL-looking and unknown plan references as not found', async () => {
    const file = tempFile();
    await cli('init', '--db', file);
    for (const id of [...unknownIds, SQL_TEXT]) {
      const r = await cli('show', '--db', file, '--plan', id);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/找不到规划/);
    }
    expect((await cli('check', '--db', file, '--json')).code).toBe(0);
  });
});
