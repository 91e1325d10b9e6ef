/**
 * The hub's pages (hub/server/static.ts) against symlinks (session 8, hostile inputs): the pages folder itself a
 * symlink (a build moved elsewhere: its own files are served, nothing beside them), its assets folder a symlink out
 * of it, hub.html a symlink to a file outside, an asset linking to another file outside, a link to a folder, a
 * dangling link and a link loop. Nothing outside the (resolved) pages folder is ever answered; every refusal is the
 * plain 404, and the server answers on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePage } from '../../hub/server/static.ts';

const SECRET = 'the secret outside the pages';

describe('the hub pages and symlinks', () => {
  let base: string;
  let server: http.Server;
  const roots: Record<string, string> = {};
  beforeAll(async () => {
    const top = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'plandesk-static-links-'));
    const outside = path.join(top, 'outside');
    fs.mkdirSync(path.join(outside, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'secret.js'), SECRET);
    fs.writeFileSync(path.join(outside, 'hub.html'), SECRET);
    fs.writeFileSync(path.join(outside, 'assets', 'secret.js'), SECRET);
    // the real build, and "build" as a link to it
    const real = path.join(top, 'real-build', 'renderer');
    fs.mkdirSync(path.join(real, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(real, 'hub.html'), '<!doctype html><title>hub</title>');
    fs.writeFileSync(path.join(real, 'assets', 'hub-abc.js'), 'console.log(1)');
    fs.symlinkSync(path.join(outside, 'secret.js'), path.join(real, 'assets', 'out.js'));
    fs.symlinkSync(path.join(outside, 'assets'), path.join(real, 'assets', 'dir.js'));
    fs.symlinkSync(path.join(top, 'nothing-here.js'), path.join(real, 'assets', 'dangling.js'));
    fs.symlinkSync(path.join(real, 'assets', 'loop-b.js'), path.join(real, 'assets', 'loop-a.js'));
    fs.symlinkSync(path.join(real, 'assets', 'loop-a.js'), path.join(real, 'assets', 'loop-b.js'));
    // a named pipe: reading it would wait forever
    execFileSync('mkfifo', [path.join(real, 'assets', 'fifo.js')]);
    fs.symlinkSync(path.join(top, 'real-build'), path.join(top, 'build'));
    roots.linkedBuild = path.join(top, 'build', 'renderer');
    // a pages folder whose assets folder is a link out of it, and whose hub.html is a link to a file outside
    const leaky = path.join(top, 'leaky');
    fs.mkdirSync(leaky);
    fs.symlinkSync(path.join(outside, 'assets'), path.join(leaky, 'assets'));
    fs.symlinkSync(path.join(outside, 'hub.html'), path.join(leaky, 'hub.html'));
    roots.leaky = leaky;
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const root = roots[url.searchParams.get('root') ?? ''] ?? roots.linkedBuild!;
      void servePage(req, res, url, { address: '127.0.0.1', origin: 'http://x', secure: false }, root).then((done) => {
        if (!done) res.writeHead(404).end('not a page');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    roots.top = top;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(roots.top!, { recursive: true, force: true });
  });

  const get = (p: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      http
        .get(`${base}${p}`, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        })
        .on('error', reject);
    });

  it('a build folder that is a link: its own page and assets are served', async () => {
    expect(await get('/')).toEqual({ status: 200, text: '<!doctype html><title>hub</title>' });
    expect(await get('/assets/hub-abc.js')).toEqual({ status: 200, text: 'console.log(1)' });
  });

  it('links out of the pages folder are never followed: a file, a folder, a dangling link, a loop, a pipe, a linked assets folder, a linked hub.html', async () => {
    for (const p of ['/assets/out.js', '/assets/dir.js', '/assets/dangling.js', '/assets/loop-a.js', '/assets/fifo.js', '/assets/secret.js?root=leaky', '/?root=leaky', '/hub.html?root=leaky']) {
      const r = await get(p);
      expect([p, r.status]).toEqual([p, 404]);
      expect(r.text).not.toContain(SECRET);
    }
    // and the server answers on
    expect((await get('/')).status).toBe(200);
  });
});
