/**
 * The CLI runs as a bundle (the web host's own bundle test is tests/web/bundle.test.ts) (build/node/, built once per run by the globalSetup), with
 * no TypeScript compiled at run time; worker threads are bundled beside their host; a bundle older
 * than its sources is noticed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { startWorker, workerScript } from '../../db/workers.ts';
import { buildBundles } from '../../scripts/bundle.mjs';
import { isStale, MANIFEST } from '../../scripts/bundle-stale.mjs';
import { tempDir, tempFile } from '../helpers/store.ts';

describe('the bundled command line', () => {
  it('bin/plandesk.js runs build/node/cli.cjs, which needs no TypeScript loader, and prints what the CLI prints', async () => {
    const bin = fs.readFileSync('bin/plandesk.js', 'utf8');
    expect(bin).not.toMatch(/tsx/);
    expect(bin).toMatch(/build\/node\/cli\.cjs/);
    const bundle = fs.readFileSync('build/node/cli.cjs', 'utf8');
    expect(bundle).not.toMatch(/import\.meta|require\("tsx|from ['"]tsx/);
    const f = tempFile();
    expect(await main(['init', '--db', f], { out: () => {}, err: () => {} })).toBe(0);
    let inProcess = '';
    await main(['plans', '--db', f, '--json'], { out: (t) => (inProcess += t), err: () => {} });
    const r = spawnSync(process.execPath, ['bin/plandesk.js', 'plans', '--db', f, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/正在构建/); // the bundle was current: no rebuild
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(inProcess));
  });
});

describe('stale bundles', () => {
  it('a bundle is stale when missing, when a source is newer or gone, and current otherwise', () => {
    const root = tempDir();
    const out = path.join(root, 'build');
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export {}');
    expect(isStale(root, out, ['cli.cjs'])).toBe(true); // never built
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'cli.cjs'), '');
    const old = Date.now() - 60_000;
    fs.utimesSync(path.join(root, 'src', 'a.ts'), old / 1000, old / 1000);
    fs.writeFileSync(path.join(out, MANIFEST), JSON.stringify({ builtAt: Date.now() - 1000, inputs: ['src/a.ts'] }));
    expect(isStale(root, out, ['cli.cjs'])).toBe(false);
    expect(isStale(root, out, ['cli.cjs', 'web.cjs'])).toBe(true); // an output missing
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const x = 1;'); // saved after the build
    expect(isStale(root, out, ['cli.cjs'])).toBe(true);
    fs.utimesSync(path.join(root, 'src', 'a.ts'), old / 1000, old / 1000);
    fs.rmSync(path.join(root, 'src', 'a.ts'));
    expect(isStale(root, out, ['cli.cjs'])).toBe(true); // a source removed
  });
});

describe('worker threads', () => {
  const entry = new URL('../fixtures/workers/echo.worker.ts', import.meta.url);

  it('run from their TypeScript source under vitest/tsx', async () => {
    expect(workerScript(entry).kind).toBe('source');
    const w = startWorker(entry, { workerData: { a: '0.1', b: '0.2' } });
    const m = await new Promise<{ sum: string }>((resolve, reject) => w.once('message', resolve).once('error', reject));
    await w.terminate();
    expect(m.sum).toBe('0.3');
  });

  it('are bundled beside their host as workers/<name>.cjs and run from there', { timeout: 60_000 }, async () => {
    const outdir = path.resolve('build/test-bundles/workers');
    fs.rmSync(outdir, { recursive: true, force: true });
    await buildBundles({ outdir, hosts: { 'host.cjs': { entry: 'tests/fixtures/workers/host.ts' } }, workers: ['tests/fixtures/workers/echo.worker.ts'], logLevel: 'silent' });
    expect(fs.existsSync(path.join(outdir, 'workers', 'echo.worker.cjs'))).toBe(true);
    const r = spawnSync(process.execPath, [path.join(outdir, 'host.cjs')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'bundled', sum: '0.3' });
  });

  it('a worker left out of the build is refused with a message saying where to list it', { timeout: 60_000 }, async () => {
    const outdir = path.resolve('build/test-bundles/no-workers');
    fs.rmSync(outdir, { recursive: true, force: true });
    await buildBundles({ outdir, hosts: { 'host.cjs': { entry: 'tests/fixtures/workers/host.ts' } }, workers: [], logLevel: 'silent' });
    const r = spawnSync(process.execPath, [path.join(outdir, 'host.cjs')], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/echo\.worker is not in this build: list echo\.worker\.ts in workerEntries/);
  });
});
