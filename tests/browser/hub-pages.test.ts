/**
 * The city hub's web pages (issue 16) in Debian's Chromium against a real hub on a real PostgreSQL:
 * the page and its Content-Security-Policy served by the hub itself, logging in (a wrong password told
 * in Chinese and in English), 账户管理 for an administrator (a refusal naming the field, marked beside
 * it; an account added, disabled, enabled), a reviewer who sees the pages but cannot administer (no menu
 * entry, the page refused by the hub, a forged POST refused), 退出; and the data pages — plans, 报送情况,
 * 汇总, 版本对比, 审计查询 — on real packages pushed through `plandesk sync`. One hub, one PostgreSQL, few
 * logins (scrypt is slow). Screenshots in tests/artifacts/hub-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { startHub, type RunningHub } from '../../hub/hub.ts';
import { routes } from '../../hub/server/routes.ts';
import { citySide, districtSide, exportTo, importInto, REVENUE, setActual, trustBoth } from '../exchange/helpers.ts';
import { ok } from '../helpers/store.ts';
import { ARTIFACTS, launchChromium } from '../helpers/browser.ts';
import { ROOT } from '../helpers/layers.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { PASSWORDS, seedAccounts } from '../hub/accounts.ts';
import { Client } from '../hub/helpers.ts';
import { pushFile, trustSidesOnHub } from '../hub/push.ts';
import { userKey } from '../../db/keys/user-key.ts';
import { readableFingerprint } from '../../domain/keys.ts';
import { keyFileText } from '../../package/key-file.ts';

const JJ = 'd-500116';

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
  /** the language chosen, and the page drawn in it (the next frame) before the test goes on */
  async function setLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
    await page.getByTestId('hub-language').first().selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  /** typed into a field, and React's state holding it (a controlled input) before the next click */
  async function type(page: Page, testId: string, text: string): Promise<void> {
    await page.getByTestId(testId).fill(text);
    await expect.poll(() => page.getByTestId(testId).inputValue()).toBe(text);
  }

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
    await type(admin, 'hub-acc-password', 'yongchuan password 1');
    await admin.getByTestId('hub-acc-create').click();
    const notice = admin.getByTestId('hub-accounts-notice');
    await expect.poll(() => notice.textContent()).toContain('区县账号必须填写“所属区县”。');
    expect(await notice.getAttribute('data-field')).toBe('district');
    expect(await admin.getByTestId('hub-acc-district').getAttribute('aria-invalid')).toBe('true');
    await shot(admin, 'hub-accounts-refused-zh');
    // in English: the same refusal's reason in English
    await setLanguage(admin, 'en');
    await type(admin, 'hub-acc-password', 'short');
    await type(admin, 'hub-acc-district', '永川区');
    await admin.getByTestId('hub-acc-create').click();
    await expect.poll(() => notice.textContent()).toContain('The password is too short');
    expect(await notice.getAttribute('data-field')).toBe('password');
    expect(await admin.getByTestId('hub-acc-password').getAttribute('aria-invalid')).toBe('true');
    expect(await admin.locator('.hub-nav a').allTextContents()).toEqual(['Audit search', 'Accounts']);
    await shot(admin, 'hub-accounts-refused-en');
    await setLanguage(admin, 'zh-CN');
    await type(admin, 'hub-acc-password', 'yongchuan password 1');
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

  it('an administrator: 密钥 — a key file uploaded and trusted for a district, a bad one refused, one revoked (s7-hubkeys)', { timeout: 60_000 }, async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-hubkey-'));
    const file = path.join(home, '江津区.pdkey');
    const key = userKey(home);
    fs.writeFileSync(file, keyFileText(key, { name: '李江津', department: '江津区发展改革委', district: '江津区' }, '2026-12-01T00:00:00.000Z'));
    const bad = path.join(home, 'bad.pdkey');
    fs.writeFileSync(bad, '{"format":"plandesk-public-key"}');
    const section = admin.getByTestId('hub-keys-section');
    await section.waitFor();
    expect(await section.getByTestId('hub-keys').textContent()).toContain('城市枢纽还没有信任任何密钥。');
    const notice = admin.getByTestId('hub-keys-notice');
    await admin.getByTestId('hub-key-file').setInputFiles(bad);
    await type(admin, 'hub-key-district', '江津区');
    await admin.getByTestId('hub-key-trust').click();
    await expect.poll(() => notice.textContent()).toContain('密钥文件不能使用');
    await admin.getByTestId('hub-key-file').setInputFiles(file);
    await admin.getByTestId('hub-key-trust').click();
    const readable = readableFingerprint(key.fingerprint);
    await expect.poll(() => notice.textContent()).toContain(`已信任密钥 ${readable}（李江津），用于江津区的报送包。`);
    const row = admin.locator(`[data-testid="hub-key-row"][data-fingerprint="${readable}"]`);
    await row.waitFor();
    expect(await row.getByTestId('hub-key-state').textContent()).toBe('受信');
    expect((await hub.db.query<{ district: string; added_by: string }>('SELECT district, added_by FROM hub_keys')).rows).toEqual([{ district: '江津区', added_by: 'admin' }]);
    await row.scrollIntoViewIfNeeded();
    await shot(admin, 'hub-keys-zh');
    admin.once('dialog', (d) => void d.accept());
    await row.getByTestId('hub-key-revoke').click();
    await expect.poll(() => row.getByTestId('hub-key-state').textContent()).toMatch(/^已撤销（.*admin）$/);
    await setLanguage(admin, 'en');
    await expect.poll(() => row.getByTestId('hub-key-state').textContent()).toMatch(/^Revoked \(.*admin\)$/);
    expect(await notice.textContent()).toContain(`Key ${readable} is revoked.`);
    expect(await section.locator('h1').textContent()).toBe('Keys');
    await shot(admin, 'hub-keys-en');
    await setLanguage(admin, 'zh-CN');
    fs.rmSync(home, { recursive: true, force: true });
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
    beforeAll(async () => {
      // real plan files and keys (tests/exchange/helpers.ts), their packages pushed as the desktop pushes them
      await addAccount(hub.db, { name: 'jiangjin', role: 'district', district: '江津区', password: PASSWORDS.district });
      const officer = new Client(hub.url);
      const jjClient = new Client(hub.url);
      const logins = await Promise.all([officer.login('officer', PASSWORDS.officer), jjClient.login('jiangjin', PASSWORDS.district)]);
      expect(logins.map((l) => l.status)).toEqual([200, 200]);
      const city = citySide();
      const jj = districtSide('江津区');
      trustBoth(city, jj, '江津区', JJ);
      await trustSidesOnHub(hub.db, city.home, jj.home, '江津区');
      const full = exportTo(city, '江津区', 'full');
      expect((await pushFile(hub.url, officer, full)).status).toBe(200);
      importInto(jj, full);
      setActual(jj, JJ, 2025, '612.5');
      const report = exportTo(jj, 'city', 'report');
      const pushed = await pushFile(hub.url, jjClient, report);
      expect([pushed.status, JSON.stringify(pushed.body)]).toEqual([200, expect.stringContaining('"applied"')]);
      // the city merges it, then raises the plan's own 2027 total above the districts' sum: the roll-up disagrees
      importInto(city, report);
      ok(city.store, 'targets.set', { indicatorId: REVENUE, scope: 'plan', scopeId: null, year: 2027, kind: 'target', value: '15000' });
      const down = await pushFile(hub.url, officer, exportTo(city, '江津区', 'down'));
      expect([down.status, JSON.stringify(down.body)]).toEqual([200, expect.stringContaining('"applied"')]);
    }, 120_000);

    it('plans → 报送情况 → 汇总 (differences marked, the chart) → 版本对比, Chinese and English', { timeout: 60_000 }, async () => {
      await reviewer.reload(); // the list was drawn before the packages came
      await reviewer.getByTestId('hub-plan-row').first().waitFor();
      await shot(reviewer, 'hub-plans-zh');
      await reviewer.getByTestId('hub-plan-row').first().locator('a').first().click();
      await reviewer.getByTestId('hub-status-row').first().waitFor();
      // s8-rounds16: the latest round first (the city's package #2, not answered yet), then round 1 picked
      const jj = reviewer.locator(`[data-testid="hub-status-row"][data-district="${JJ}"]`);
      expect(await jj.count()).toBe(1);
      expect(await jj.getAttribute('data-state')).toBe('sent');
      expect(await reviewer.getByTestId('hub-status-summary').textContent()).toBe('第 2 轮：0/8 个区县已报送');
      expect((await reviewer.getByTestId('hub-status-round').locator('option').allTextContents()).map((o) => o.replace(/ · .* · /, ' · '))).toEqual([
        '第 2 轮 · 0/1 个区县已报送（最新）',
        '第 1 轮 · 1/1 个区县已报送',
      ]);
      await reviewer.getByTestId('hub-status-round').selectOption('1');
      await expect.poll(() => reviewer.getByTestId('hub-status-summary').textContent()).toBe('第 1 轮：1/8 个区县已报送');
      expect(await jj.getAttribute('data-state')).toBe('applied');
      expect(await jj.locator('.hub-state').textContent()).toBe('已合并');
      expect((await jj.locator('td').allTextContents()).filter((_, i) => [0, 3, 5, 6, 7, 8, 9].includes(i))).toEqual(['江津区', '王经信', '江津区联络员', '1', '1', '0', '第 2 版']);
      // every district by its Chinese name, also those no package went to (the desktop sends district_name)
      const names = await reviewer.getByTestId('hub-status-row').evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
      expect(names).toEqual(['江津区', '合川区', '永川区', '大足区', '璧山区', '铜梁区', '潼南区', '荣昌区']);
      await shot(reviewer, 'hub-status-zh');
      await setLanguage(reviewer, 'en');
      await expect.poll(() => reviewer.getByTestId('hub-status-summary').textContent()).toBe('Round 1: 1/8 districts have reported');
      expect(await jj.locator('.hub-state').textContent()).toBe('Merged');
      expect(await jj.locator('td').nth(9).textContent()).toBe('version 2');
      await shot(reviewer, 'hub-status-en');
      await setLanguage(reviewer, 'zh-CN');
      await reviewer.getByTestId('hub-tab-rollup').click();
      await reviewer.getByTestId('hub-rollup-row').first().waitFor();
      await reviewer.getByTestId('hub-rollup-chart').waitFor();
      expect(await reviewer.getByTestId('hub-rollup-table').textContent()).toMatch(CHINESE);
      // a row is marked exactly when its difference (district sum − plan total) is there and not zero
      const marks = await reviewer.getByTestId('hub-rollup-row').evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-disagrees'), r.querySelector('.hub-difference')?.textContent ?? '', r.className]),
      );
      for (const [flag, diff, cls] of marks) {
        const differs = diff !== '' && !/^[+-]?0(\.0+)?$/.test(diff.replace(/,/g, ''));
        expect([flag, cls, diff]).toEqual([differs ? '1' : '0', differs ? 'hub-disagree' : '', diff]);
      }
      // 江津区's 612.5 is the 2025 actual sum; the 2027 target's districts' 14,000 is 1,000 under the plan's 15,000
      const revenue = reviewer.locator('[data-testid="hub-rollup-row"]', { hasText: '规模以上工业企业营业收入' });
      expect((await revenue.allTextContents()).slice(0, 2)).toEqual(['规模以上工业企业营业收入亿元2025实际612.51/8', '规模以上工业企业营业收入亿元2027目标14,0008/815,000-1,000']);
      expect(await revenue.nth(1).getAttribute('data-disagrees')).toBe('1');
      expect(await reviewer.getByTestId('hub-rollup-diff-count').textContent()).toBe('1 行不一致');
      await shot(reviewer, 'hub-rollup-zh');
      const disagreeing = marks.filter(([flag]) => flag === '1').length;
      await reviewer.getByTestId('hub-rollup-only-diff').check();
      await expect.poll(() => reviewer.getByTestId('hub-rollup-row').count()).toBe(disagreeing);
      await reviewer.getByTestId('hub-rollup-only-diff').uncheck();
      await setLanguage(reviewer, 'en');
      await expect.poll(() => reviewer.getByTestId('hub-tab-rollup').textContent()).toBe('Roll-up');
      // the chart redrawn in English: its legend's series names
      await expect.poll(() => reviewer.getByTestId('hub-rollup-chart').getAttribute('data-option')).toContain('"name":"District sum"');
      await shot(reviewer, 'hub-rollup-en');
      await reviewer.getByTestId('hub-tab-compare').click();
      await reviewer.getByTestId('hub-compare-count').waitFor();
      // versions 2 → 3: the city's new plan total
      await expect.poll(() => reviewer.getByTestId('hub-compare-table').textContent()).toMatch(/15000/);
      await reviewer.getByTestId('hub-compare-from').selectOption('1');
      await reviewer.getByTestId('hub-compare-to').selectOption('2');
      await reviewer.getByTestId('hub-compare-go').click();
      await expect.poll(() => reviewer.getByTestId('hub-compare-table').textContent()).toMatch(/612\.5/);
      // s7-hubkeys: the hub's labels in English (the plan's own names as written), in Chinese as the desktop writes them
      const versionTexts = () => reviewer.getByTestId('hub-compare-from').locator('option').allTextContents();
      expect((await versionTexts()).map((o) => o.split(' · ')[1])).toEqual(['Sent to 江津区 #1', 'Report from 江津区 #1', 'Sent to 江津区 #2']);
      const records = () => reviewer.getByTestId('hub-compare-row').locator('td:first-child').allTextContents();
      expect(await records()).toContain('江津区 规模以上工业企业营业收入 2025 actual');
      await shot(reviewer, 'hub-compare-en');
      await setLanguage(reviewer, 'zh-CN');
      await expect.poll(async () => (await versionTexts()).map((o) => o.split(' · ')[1])).toEqual(['下发 江津区 #1', '报送 江津区 #1', '下发 江津区 #2']);
      expect(await records()).toContain('江津区 规模以上工业企业营业收入 2025 实际值');
      await shot(reviewer, 'hub-compare-zh');
    });

    it('审计查询: the pushes and the administrator’s account changes, searched by account', async () => {
      await reviewer.getByTestId('hub-nav-audit').click();
      await reviewer.getByTestId('hub-audit-row').first().waitFor();
      await reviewer.getByTestId('hub-audit-account').fill('admin');
      await reviewer.getByTestId('hub-audit-search').click();
      await expect.poll(async () => (await reviewer.getByTestId('hub-audit-row').allTextContents()).every((t) => t.includes('admin'))).toBe(true);
      expect(await reviewer.getByTestId('hub-audit-table').textContent()).toContain('account.add');
      expect(await reviewer.getByTestId('hub-audit-table').textContent()).toContain('添加账号“永川区规划员”（区县规划人员）');
      await shot(reviewer, 'hub-audit-zh');
      // s7-hubkeys: the details worded in English from their params (names as written), not raw JSON
      await setLanguage(reviewer, 'en');
      await expect.poll(() => reviewer.getByTestId('hub-audit-table').textContent()).toContain('Account “永川区规划员” added (District planner)');
      expect(await reviewer.getByTestId('hub-audit-table').textContent()).not.toContain('{"');
      await shot(reviewer, 'hub-audit-en');
      await reviewer.getByTestId('hub-audit-account').fill('');
      await reviewer.getByTestId('hub-audit-search').click();
      await expect.poll(() => reviewer.getByTestId('hub-audit-table').textContent()).toContain('Package received: city → 江津区 #1');
      await setLanguage(reviewer, 'zh-CN');
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
