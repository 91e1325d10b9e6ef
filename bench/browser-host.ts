/**
 * The browser benchmark's plumbing: the real web host (build/node/web.cjs, as `npm run web` runs it) on a
 * plan file, Debian's Chromium through playwright-core, and the CDP figures it reads (main-thread task
 * time from Performance.getMetrics). The bench layer may not import the tests (tsconfig.bench.json), so
 * what both need (spawnWebHost) lives here and tests/helpers/browser.ts imports it.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeIdentity } from '../db/identity/folder.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when a source is newer than its build, and the web host bundle when stale. */
export function ensureBuilt(): void {
  if (process.env.PLANDESK_BENCH_BUILD) return;
  const index = path.join(ROOT, 'build', 'renderer', 'index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'renderer', 'src')), newestMtime(path.join(ROOT, 'domain')), newestMtime(path.join(ROOT, 'contract')));
  if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < sources) execSync('npm run build:renderer', { cwd: ROOT, stdio: 'ignore' });
  execSync('node scripts/build-node.mjs --if-stale', { cwd: ROOT, stdio: 'ignore' });
}

// What to stop when the bench is interrupted (Ctrl+C, a timeout's SIGTERM): no host or Chromium left behind.
const cleanups = new Set<() => Promise<void>>();
let hooked = false;
function onInterrupt(cleanup: () => Promise<void>): () => void {
  if (!hooked) {
    hooked = true;
    for (const sig of ['SIGINT', 'SIGTERM'] as const)
      process.once(sig, () => {
        void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
      });
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export interface Host {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the real web host on `dbFile` and answers its address once it prints it. Its user data folder
 * (identity, saved token and port) is `.plandesk-home` beside the plan file, never the real one. The one
 * way a host process is started for Chromium: the bench's startHost and the tests' startWebHostProcess.
 */
export const hostHome = (dbFile: string): string => path.join(path.dirname(path.resolve(dbFile)), '.plandesk-home');

export async function spawnWebHost(dbFile: string, options: { env?: NodeJS.ProcessEnv; args?: string[]; timeoutMs?: number } = {}): Promise<{ url: string; child: ChildProcess }> {
  const home = hostHome(dbFile);
  // PLANDESK_BENCH_BUILD: another checkout's build folder (its parent holding package.json and node_modules), to compare builds in one run.
  const build = process.env.PLANDESK_BENCH_BUILD ?? path.join(ROOT, 'build');
  // PLANDESK_BENCH_HOST_NODE_ARGS: options for the host's Node (e.g. --trace-gc, which NODE_OPTIONS refuses)
  const nodeArgs = (process.env.PLANDESK_BENCH_HOST_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(build, 'node', 'web.cjs'), '--db', dbFile, ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PLANDESK_HOME: home, ...options.env },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), options.timeoutMs ?? 120_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    // PLANDESK_BENCH_HOST_LOG: everything the host prints, into that file (with PLANDESK_BENCH_HOST_NODE_ARGS=--trace-gc: its GC pauses)
    const log = process.env.PLANDESK_BENCH_HOST_LOG;
    if (log) {
      const out = fs.createWriteStream(log, { flags: 'a' });
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited (${code}):\n${output}`));
    });
  });
  return { url, child };
}

/**
 * The bench's host has an identity in its user data folder: without one the workbench asks who is editing
 * before the first edit (a dialog over the grid).
 */
export async function startHost(dbFile: string): Promise<Host> {
  const home = hostHome(dbFile);
  fs.mkdirSync(home, { recursive: true });
  writeIdentity(home, { name: '基准测试', department: '市发展改革委', departmentId: null, district: null, districtId: null, updatedAt: new Date().toISOString() });
  const { url, child } = await spawnWebHost(dbFile);
  const stop = async () => {
    forget();
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  const forget = onInterrupt(stop);
  return { url, child, stop };
}

export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  const forget = onInterrupt(() => browser.close());
  browser.once('disconnected', forget);
  return browser;
}

const tabs = new WeakMap<Page, string>();

/** The id the page's workbench names itself by to the host (its event stream's `tab`), once it has opened the stream. */
export function tabOf(page: Page): string | undefined {
  return tabs.get(page);
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('request', (r) => {
    const u = new URL(r.url());
    const tab = u.pathname.endsWith('/events') ? u.searchParams.get('tab') : null;
    if (tab) tabs.set(page, tab);
  });
  return page;
}

/** Main-thread task time as a share of wall time over `ms` (CDP Performance.getMetrics TaskDuration). */
export async function idleCpu(page: Page, ms: number): Promise<number> {
  return (await idleCpuWindows(page, ms, 1))[0]!;
}

/**
 * Main-thread task time per wall time in `count` consecutive windows of `ms` each (CDP Performance metrics).
 * Several windows, because V8 collects once on its own some 8 s after a page has gone quiet (its memory
 * reducer: ~100 ms on the 100k plan's 20 MB heap, a Chromium trace of the 区县目标 tab), which lands in one
 * 10 s window or another: the windows tell that one-off from a tab that keeps working.
 */
export async function idleCpuWindows(page: Page, ms: number, count: number): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // What earlier screens left for the garbage collector is collected first, so the figure is this page's own.
  await cdp.send('HeapProfiler.collectGarbage');
  await new Promise((r) => setTimeout(r, 500));
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
  const out: number[] = [];
  let t0 = performance.now();
  let a = await read();
  for (let i = 0; i < count; i++) {
    await new Promise((r) => setTimeout(r, ms));
    const b = await read();
    const t1 = performance.now();
    out.push((b - a) / ((t1 - t0) / 1000));
    a = b;
    t0 = t1;
  }
  await cdp.detach();
  return out;
}

/**
 * Calls an operation from inside the page with the page's token (as the renderer's HTTP transport does).
 * In-page code is passed as text: the bench layer compiles without the DOM's types.
 */
export async function pageCall(page: Page, name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  return (await page.evaluate(`(async () => {
    const token = sessionStorage.getItem('plandesk.token') ?? '';
    const r = await fetch('./api/${name}', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PlanDesk-Token': token }, body: ${JSON.stringify(JSON.stringify(input))} });
    return r.json();
  })()`)) as { ok: boolean; value?: unknown; error?: { message: string } };
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/**
 * Waits until the host answers promptly (five calls in a row under 20 ms): opening a big file starts a
 * backup of it, and figures taken meanwhile would measure the backup.
 */
export async function hostQuiet(page: Page, maxMs = 120_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const times = (await page.evaluate(`(async () => {
      const token = sessionStorage.getItem('plandesk.token') ?? '';
      const out = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await (await fetch('./api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PlanDesk-Token': token }, body: '{}' })).json();
        out.push(performance.now() - t0);
      }
      return out;
    })()`)) as number[];
    if (Math.max(...times) < 20) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Waits until the page has had no request in flight for `quietMs` (a tab done loading). */
export async function networkQuiet(page: Page, quietMs = 2000, maxMs = 60_000): Promise<void> {
  let inFlight = 0;
  let last = Date.now();
  const up = () => {
    inFlight++;
    last = Date.now();
  };
  const down = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = Date.now();
  };
  page.on('request', up);
  page.on('requestfinished', down);
  page.on('requestfailed', down);
  try {
    const until = Date.now() + maxMs;
    while (Date.now() < until && (inFlight > 0 || Date.now() - last < quietMs)) await new Promise((r) => setTimeout(r, 100));
  } finally {
    page.off('request', up);
    page.off('requestfinished', down);
    page.off('requestfailed', down);
  }
}
