/**
 * The city hub's web pages (issue 16) in Debian's Chromium against a real hub on a real PostgreSQL:
 * the page and its Content-Security-Policy served by the hub itself, logging in (a wrong password told
 * in Chinese and in English), 账户管理 for an administrator (a refusal naming the field, marked beside
 * it; an account added, disabled, enabled), a reviewer who sees the pages but cannot administer (no menu
 * entry, the page refused by the hub, a forged POST refused), 退出; and the data pages — plans, 报送情况,
 * 汇总, 版本对比, 审计查询 — on real packages pushed through `plandesk sync`. One hub, one PostgreSQL, few
 * logins (scrypt is slow). Screenshots in tests/artifacts/hub-*.png.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/store.ts';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { startHub, type RunningHub } from '../../hub/hub.ts';
import { routes } from '../../hub/server/routes.ts';
import { PLAN, REVENUE } from '../exchange/helpers.ts';
import { ARTIFACTS, launchChromium } from '../helpers/browser.ts';
import { ROOT } from '../helpers/layers.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { ok } from '../helpers/store.ts';
import { PASSWORDS, seedAccounts } from '../hub/accounts.ts';

const CHINESE = /[\u4e00-\u9fff]/;
/** the data routes (s7-hubdata) are on this hub: the data pages' tests run */
const DATA_ROUTES = ['/api/plans', '/api/audit'].every((p) => routes.some((r) => r.path === p));

describe('the city hub’s web pages', () => {
  const pg = startPostgres();
  let hub: RunningHub;
  let browser: Browser;
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let reviewer: Page;

  async function newPage(lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN' });
    contexts.push(context);
    if (lang === 'en') await context.addInitScript(() => localStorage.setItem('plandesk.language', 'en'));
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  async function login(page: Page, name: string, password: string): Promise<void> {
    await page.getByTestId('hub-login-name').fill(name);
    await page.getByTestId('hub-login-password').fill(password);
    await page.getByTestId('hub-login-submit').click();
    await page.getByTestId('hub-logout').waitFor();
  }
  const setLanguage = (page: Page, lang: 'zh-CN' | 'en') => page.getByTestId('hub-language').first().selectOption(lang);

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    if (!fs.existsSync(path.join(ROOT, 'build/renderer/hub.html'))) throw new Error('build/renderer/hub.html is missing: run npm run build:renderer first');
    hub = await startHub({ pgUrl: pg.url, port: 0, log: (l) => errors.push(`hub: ${l}`) });
    await hub.ready;
    await seedAccounts(hub.db);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await hub?.close();
    pg.stop();
  });

  it('the hub serves its page with the Content-Security-Policy; a wrong password is told in Chinese, then in English', async () => {
    admin = await newPage();
    const res = await admin.goto(hub.url);
    expect(res?.status()).toBe(200);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
    expect(headers['x-frame-options']).toBe('DENY');
    await admin.getByTestId('hub-login').waitFor();
    expect(await admin.title()).toBe('城市枢纽 · PlanDesk');
    // unknown names answer exactly like a wrong password, and throttle no account this file logs in with
    await admin.getByTestId('hub-login-name').fill('nobody-1');
    await admin.getByTestId('hub-login-password').fill('not the password');
    await admin.getByTestId('hub-login-submit').click();
    await expect.poll(() => admin.getByTestId('hub-login-error').textContent()).toBe('账号或密码不对。');
    await shot(admin, 'hub-login-zh');
    await setLanguage(admin, 'en');
    await expect.poll(() => admin.getByTestId('hub-login-submit').textContent()).toBe('Log in');
    expect(await admin.getByTestId('hub-login-error').textContent()).toBe('Wrong account name or password.');
    await admin.getByTestId('hub-login-name').fill('nobody-2');
    await admin.getByTestId('hub-login-password').fill('not the password either');
    await admin.getByTestId('hub-login-submit').click();
    await expect.poll(() => admin.getByTestId('hub-login-error').textContent()).toBe('Wrong account name or password.');
    await shot(admin, 'hub-login-en');
    await setLanguage(admin, 'zh-CN');
  });

  it('an administrator: 账户管理 lists the accounts; a refusal names the field and marks it; an account is added, disabled and enabled', { timeout: 60_000 }, async () => {
    await login(admin, 'admin', PASSWORDS.admin);
    await admin.getByTestId('hub-accounts').getByTestId('hub-account-row').first().waitFor();
    expect(await admin.getByTestId('hub-account').textContent()).toBe('admin · 系统管理员');
    expect(await admin.locator('.hub-nav a').allTextContents()).toEqual(['审计查询', '账户管理']);
    expect(await admin.getByTestId('hub-account-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')))).toEqual(['admin', 'officer', 'reviewer', 'rongchang']);
    // a district account without its district: the hub's Chinese message, the field marked
    await admin.getByTestId('hub-acc-name').fill('永川区规划员');
    await admin.getByTestId('hub-acc-role').selectOption('district');
    await admin.getByTestId('hub-acc-password').fill('yongchuan password 1');
    await admin.getByTestId('hub-acc-create').click();
    const notice = admin.getByTestId('hub-accounts-notice');
    await expect.poll(() => notice.textContent()).toContain('区县账号必须填写“所属区县”。');
    expect(await notice.getAttribute('data-field')).toBe('district');
    expect(await admin.getByTestId('hub-acc-district').getAttribute('aria-invalid')).toBe('true');
    await shot(admin, 'hub-accounts-refused-zh');
    // in English: the same refusal's reason in English
    await setLanguage(admin, 'en');
    await admin.getByTestId('hub-acc-password').fill('short');
    await admin.getByTestId('hub-acc-district').fill('永川区');
    await admin.getByTestId('hub-acc-create').click();
    await expect.poll(() => notice.textContent()).toContain('The password is too short');
    expect(await notice.getAttribute('data-field')).toBe('password');
    expect(await admin.getByTestId('hub-acc-password').getAttribute('aria-invalid')).toBe('true');
    expect(await admin.locator('.hub-nav a').allTextContents()).toEqual(['Audit search', 'Accounts']);
    await shot(admin, 'hub-accounts-refused-en');
    await setLanguage(admin, 'zh-CN');
    await admin.getByTestId('hub-acc-password').fill('yongchuan password 1');
    await admin.getByTestId('hub-acc-create').click();
    await expect.poll(() => notice.textContent()).toContain('已添加账号“永川区规划员”（区县规划人员）。');
    const row = admin.locator('[data-testid="hub-account-row"][data-name="永川区规划员"]');
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('永川区');
    const stored = (await hub.db.query<{ role: string; district: string }>("SELECT role, district FROM accounts WHERE name = '永川区规划员'")).rows;
    expect(stored).toEqual([{ role: 'district', district: '永川区' }]);
    // disable (confirmed), then enable again
    admin.once('dialog', (d) => void d.accept());
    await row.getByTestId('hub-account-toggle').click();
    await expect.poll(() => row.getByTestId('hub-account-state').textContent()).toBe('已停用');
    expect((await hub.db.query("SELECT 1 FROM accounts WHERE name = '永川区规划员' AND disabled_at IS NOT NULL")).rowCount).toBe(1);
    await shot(admin, 'hub-accounts-zh');
    await row.getByTestId('hub-account-toggle').click();
    await expect.poll(() => row.getByTestId('hub-account-state').textContent()).toBe('正常');
    const actions = (await hub.db.query<{ action: string }>("SELECT action FROM audit_log WHERE account_name = 'admin' AND action LIKE 'account.%' ORDER BY id")).rows.map((r) => r.action);
    expect(actions).toEqual(['account.add', 'account.disable', 'account.enable']);
    await setLanguage(admin, 'en');
    await expect.poll(() => row.getByTestId('hub-account-state').textContent()).toBe('Active');
    expect(await notice.textContent()).toContain('Account “永川区规划员” enabled.');
    await shot(admin, 'hub-accounts-en');
    await setLanguage(admin, 'zh-CN');
  });

  it('a reviewer sees the pages but cannot administer: no 账户管理 in the menu, the page refused by the hub, a forged POST refused', async () => {
    reviewer = await newPage();
    await reviewer.goto(hub.url);
    await reviewer.getByTestId('hub-login').waitFor();
    await login(reviewer, 'reviewer', PASSWORDS.reviewer);
    expect(await reviewer.locator('.hub-nav a').allTextContents()).toEqual(['规划', '审计查询']);
    expect(await reviewer.getByTestId('hub-account').textContent()).toBe('reviewer · 审阅人');
    await reviewer.goto(`${hub.url}/#/accounts`);
    const refused = reviewer.getByTestId('hub-accounts').getByTestId('hub-error');
    await expect.poll(() => refused.textContent()).toBe('您的角色（reviewer）不能进行这项操作。');
    await setLanguage(reviewer, 'en');
    await expect.poll(() => refused.textContent()).toBe('Your role (Reviewer) may not do this.');
    await shot(reviewer, 'hub-reviewer-refused-en');
    await setLanguage(reviewer, 'zh-CN');
    // the page's own session (cookie + CSRF token from whoami) still may not create an account
    const forged = await reviewer.evaluate(async () => {
      const who = (await (await fetch('api/session/whoami')).json()) as { csrfToken: string };
      const r = await fetch('api/accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrfToken },
        body: JSON.stringify({ name: 'sneaky', role: 'admin', district: null, department: null, password: 'sneaky password 1' }),
      });
      return { status: r.status, body: (await r.json()) as { error: { reason: string } } };
    });
    expect([forged.status, forged.body.error.reason]).toEqual([403, 'hub.roleForbidden']);
    expect((await hub.db.query("SELECT 1 FROM accounts WHERE name = 'sneaky'")).rowCount).toBe(0);
    await reviewer.goto(`${hub.url}/#/plans`);
  });

  describe.skipIf(!DATA_ROUTES)('the data pages on real packages (they need the hub’s data routes, s7-hubdata)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-hub-pages-'));
    const [cityHome, jjHome] = [path.join(dir, 'city-home'), path.join(dir, 'jj-home')];
    const [cityDb, jjDb] = [path.join(dir, 'city.plandesk'), path.join(dir, 'jj.plandesk')];
    const CLI = path.join(ROOT, 'bin', 'plandesk.js');
    const plandesk = (home: string, ...args: string[]) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, PLANDESK_HOME: home } });
        let out = '';
        child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
        child.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`plandesk ${args.join(' ')}: exit ${code}\n${out}`))));
      });
    const setActual = (file: string, home: string, year: number, value: string) => {
      const s = openStore(file, { userDir: home });
      try {
        ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: 'd-500116', year, kind: 'actual', value });
      } finally {
        s.close();
      }
    };
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    beforeAll(async () => {
      await addAccount(hub.db, { name: 'jiangjin', role: 'district', district: '江津区', password: PASSWORDS.district });
      const pw = (name: string, text: string) => {
        const f = path.join(dir, `${name}.pw`);
        fs.writeFileSync(f, `${text}\n`);
        return f;
      };
      await Promise.all([plandesk(cityHome, 'init', '--db', cityDb), plandesk(jjHome, 'init', '--db', jjDb, '--empty')]);
      await plandesk(cityHome, 'identity', 'set', '--db', cityDb, '--name', '王经信', '--department', '市经济信息委');
      await plandesk(jjHome, 'identity', 'set', '--db', jjDb, '--name', '李江津', '--department', '市经济信息委', '--district', '江津区');
      const [cityKey, jjKey] = [path.join(dir, 'city.pdkey'), path.join(dir, 'jj.pdkey')];
      await Promise.all([plandesk(cityHome, 'keys', 'export', '--db', cityDb, '--out', cityKey), plandesk(jjHome, 'keys', 'export', '--db', jjDb, '--out', jjKey)]);
      await Promise.all([plandesk(cityHome, 'keys', 'trust', '--db', cityDb, jjKey, '--district', '江津区'), plandesk(jjHome, 'keys', 'trust', '--db', jjDb, cityKey, '--city')]);
      const full = path.join(dir, 'to-jj.pdpkg');
      await plandesk(cityHome, 'package', 'export', '--db', cityDb, '--plan', PLAN, '--to', '江津区', '--out', full);
      await plandesk(jjHome, 'package', 'import', '--db', jjDb, full, '--apply');
      const jjSync = ['sync', '--db', jjDb, '--hub', hub.url, '--user', 'jiangjin', '--password-file', pw('jj', PASSWORDS.district)];
      const citySync = ['sync', '--db', cityDb, '--hub', hub.url, '--user', 'officer', '--password-file', pw('officer', PASSWORDS.officer)];
      // 江津区 reports twice (two versions on the hub), the city merges both
      setActual(jjDb, jjHome, 2025, '612.5');
      await plandesk(jjHome, ...jjSync);
      await plandesk(cityHome, ...citySync);
      setActual(jjDb, jjHome, 2025, '640');
      await plandesk(jjHome, ...jjSync);
      await plandesk(cityHome, ...citySync);
    }, 240_000);

    it('plans → 报送情况 → 汇总 (differences marked, the chart) → 版本对比, Chinese and English', { timeout: 60_000 }, async () => {
      await reviewer.getByTestId('hub-plan-row').first().waitFor();
      await shot(reviewer, 'hub-plans-zh');
      await reviewer.getByTestId('hub-plan-row').first().locator('a').first().click();
      await reviewer.getByTestId('hub-status-row').first().waitFor();
      const jj = reviewer.locator('[data-testid="hub-status-row"]', { hasText: '江津区' });
      expect(await jj.count()).toBe(1);
      expect(await jj.getAttribute('data-state')).not.toBe('none');
      await shot(reviewer, 'hub-status-zh');
      await reviewer.getByTestId('hub-tab-rollup').click();
      await reviewer.getByTestId('hub-rollup-row').first().waitFor();
      await reviewer.getByTestId('hub-rollup-chart').waitFor();
      expect(await reviewer.getByTestId('hub-rollup-table').textContent()).toMatch(CHINESE);
      await shot(reviewer, 'hub-rollup-zh');
      await setLanguage(reviewer, 'en');
      await expect.poll(() => reviewer.getByTestId('hub-tab-rollup').textContent()).toBe('Roll-up');
      await shot(reviewer, 'hub-rollup-en');
      await reviewer.getByTestId('hub-tab-compare').click();
      await reviewer.getByTestId('hub-compare-count').waitFor();
      await expect.poll(() => reviewer.getByTestId('hub-compare-table').textContent()).toMatch(/640/);
      await shot(reviewer, 'hub-compare-en');
      await setLanguage(reviewer, 'zh-CN');
      await shot(reviewer, 'hub-compare-zh');
    });

    it('审计查询: the pushes and the administrator’s account changes, searched by account', async () => {
      await reviewer.getByTestId('hub-nav-audit').click();
      await reviewer.getByTestId('hub-audit-row').first().waitFor();
      await reviewer.getByTestId('hub-audit-account').fill('admin');
      await reviewer.getByTestId('hub-audit-search').click();
      await expect.poll(async () => (await reviewer.getByTestId('hub-audit-row').allTextContents()).every((t) => t.includes('admin'))).toBe(true);
      expect(await reviewer.getByTestId('hub-audit-table').textContent()).toContain('account.add');
      await shot(reviewer, 'hub-audit-zh');
    });
  });

  it('退出 ends the session: the login again, and the hub refuses the old cookie', async () => {
    await admin.getByTestId('hub-logout').click();
    await admin.getByTestId('hub-login').waitFor();
    const who = await admin.evaluate(async () => (await fetch('api/session/whoami')).status);
    expect(who).toBe(401);
    expect(errors.filter((e) => !/401|403|Failed to load resource/.test(e))).toEqual([]);
  });
});
