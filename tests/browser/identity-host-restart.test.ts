/**
 * Restarting the web host does not strand an open tab (issue 13): the host keeps its token and port in
 * the user data folder (web/session.ts), so after a real restart the open tab's next call works and a
 * reload just works. When the host is started with a new token, the old tab's next call shows a Chinese
 * bar with a reload button, and a reload shows a page that says what to do, never raw JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, startWebHostProcess } from '../helpers/browser.ts';
import { stopChild } from '../helpers/host.ts';
import { openTab, text, waitForApp } from './workbench-helpers.ts';


describe('a restart of the web host (browser)', { timeout: 180_000 }, () => {
  let dir: string;
  let dbFile: string;
  let child: ChildProcess | null = null;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-restart-'));
    dbFile = path.join(dir, 'plans.plandesk');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('plandesk.identity.later', '1'));
    page = await context.newPage();
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    if (child) await stopChild(child);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('after a restart the open tab keeps working and a reload opens the workbench', async () => {
    const first = await startWebHostProcess(dbFile);
    child = first.child;
    await page.goto(first.url);
    await waitForApp(page);
    await openTab(page, 'overview');
    await stopChild(child);
    const second = await startWebHostProcess(dbFile);
    child = second.child;
    // the same address and token as before the restart
    expect(second.url).toBe(first.url);
    const answer = await page.evaluate(async () => {
      const token = sessionStorage.getItem('plandesk.token') ?? '';
      const r = await fetch('./api/plans.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PlanDesk-Token': token }, body: '{}' });
      return r.status;
    });
    expect(answer).toBe(200);
    await page.reload();
    await page.getByTestId('plan-header').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('token-refused').count()).toBe(0);
    await shot('host-restart-reloaded-zh');
  });

  async function restartWithNewToken(): Promise<string> {
    await stopChild(child!);
    const next = await startWebHostProcess(dbFile, {}, ['--new-token']);
    child = next.child;
    return next.url;
  }

  it('with a new token: the open tab’s next call says so with a reload button; the reload shows a page that says what to do', async () => {
    const newUrl = await restartWithNewToken();
    expect(newUrl).not.toBe(page.url());
    await openTab(page, 'targets'); // the tab asks the host for the targets: refused
    const bar = page.getByTestId('token-refused');
    await bar.waitFor({ timeout: 30_000 });
    expect(await text(page, bar)).toContain('访问令牌已失效');
    await shot('host-restart-refused-zh');
    await page.getByTestId('token-refused-reload').click();
    await page.getByTestId('stale-token-page').waitFor({ timeout: 30_000 });
    const body = await page.locator('body').innerText();
    expect(body).toContain('这个页面的访问令牌已失效');
    expect(body).toContain('http://127.0.0.1:端口/?token=');
    expect(body).toContain('access token is no longer valid');
    expect(body).not.toMatch(/"ok"\s*:\s*false/);
    await shot('host-restart-stale-page');

    // the printed address opens it again; in English the bar speaks English
    await page.goto(newUrl);
    await waitForApp(page);
    await page.locator('header select').selectOption('en');
    await restartWithNewToken();
    await openTab(page, 'tasks');
    await bar.waitFor({ timeout: 30_000 });
    expect(await text(page, bar)).toContain('no longer valid');
    // every refused call of the tab, one notice
    await expect.poll(() => page.getByTestId('notice').count(), { timeout: 5000, interval: 100 }).toBe(1);
    await shot('host-restart-refused-en');
  });
});
