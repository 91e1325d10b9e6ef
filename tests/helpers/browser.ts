/**
 * Browser tests drive Debian's Chromium (playwright-core) against the real web host, started as
 * `npm run web` does (the bundle build/node/web.cjs, built once per run by tests/helpers/global-setup.ts)
 * on a fresh plan file in a temp folder.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnWebHost } from '../../bench/browser-host.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('tests/artifacts');

export interface WebSession {
  url: string;
  dbFile: string;
  dir: string;
  browser: Browser;
  page: Page;
  /** saves tests/artifacts/<name>.png */
  screenshot(name: string): Promise<string>;
  /** kills the web host (SIGKILL), the page left open on it: a host gone for good */
  killHost(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebHostProcess(dbFile: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  return spawnWebHost(dbFile, { env, args, timeoutMs: 30_000 });
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** A fresh plan file, the web host on it, and a Chromium page already open on the workbench. */
export async function openWorkbench(
  options: { dbFile?: string; viewport?: { width: number; height: number }; env?: NodeJS.ProcessEnv; askIdentity?: boolean } = {},
): Promise<WebSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-web-'));
  const dbFile = options.dbFile ?? path.join(dir, 'plans.plandesk');
  const { url, child } = await startWebHostProcess(dbFile, options.env);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  // The first-run identity dialog (renderer/src/features/identity) is answered "later" unless a test asks for it.
  if (!options.askIdentity) await context.addInitScript(() => localStorage.setItem('plandesk.identity.later', '1'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url,
    dbFile,
    dir,
    browser,
    page,
    async screenshot(name) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async killHost() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      await browser.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`page errors:\n${errors.join('\n')}`);
    },
  };
}

/** Calls an operation from inside the page, with the page's own token (as the renderer's HTTP transport does). */
export function pageCall(page: Page, name: string, input: unknown): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ([n, i]) => {
      const token = sessionStorage.getItem('plandesk.token') ?? '';
      const r = await fetch(`./api/${n}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PlanDesk-Token': token }, body: JSON.stringify(i) });
      return r.json();
    },
    [name, input] as const,
  );
}
