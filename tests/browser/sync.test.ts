/**
 * 同步 in Chromium (renderer/src/features/sync): two desktops — two web hosts on two plan files, each with its
 * own PLANDESK_HOME — and the city hub (`plandesk hub` as a process) on a real PostgreSQL. The city sends
 * 江津区 the whole plan through the hub (江津区's file has no plan yet: its sync creates it); edits on both
 * sides merge; the same cell edited on both sides is a conflict the dialog links to the 报送包 tab, where it
 * is resolved and applied; a wrong password is named beside its field, in Chinese and in English.
 * Screenshots in tests/artifacts/sync-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';
import { text, waitForApp } from './workbench-helpers.ts';
import { openStore } from '../../db/store.ts';
import { tempDir } from '../helpers/store.ts';
import { trustForTests } from '../../db/exchange/signing.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { migrate } from '../../hub/migrate.ts';
import { openPool, type Db } from '../../hub/pg.ts';
import { PASSWORDS, seedAccounts } from '../hub/accounts.ts';
import { call, startHubProcess, until, type HubProcess } from '../hub/helpers.ts';
import { trustSidesOnHub } from '../hub/push.ts';

const POLL = { timeout: 60_000, interval: 100 };
const REVENUE = 'p-yufu-2023-13/i/revenue';
const JIANGJIN = 'd-500116';

function prepare(): { city: { home: string; file: string }; district: { home: string; file: string } } {
  const dir = tempDir('plandesk-sync-browser-');
  const city = { home: path.join(dir, 'city-home'), file: path.join(dir, 'city.plandesk') };
  const district = { home: path.join(dir, 'district-home'), file: path.join(dir, 'district.plandesk') };
  const c = openStore(city.file, { create: 'seed', userDir: city.home });
  const d = openStore(district.file, { create: 'reference', userDir: district.home });
  try {
    const ok = (r: { ok: boolean; error?: { message: string } }) => {
      if (!r.ok) throw new Error(r.error?.message);
    };
    ok(c.call('identity.set', { name: '王经信', department: '市经济信息委' }));
    ok(d.call('identity.set', { name: '李江津', department: '市经济信息委', district: '江津区' }));
    trustForTests(c.ctx, district.home, { role: 'district', districtId: JIANGJIN, name: '李江津', department: '市经济信息委', district: '江津区' });
    trustForTests(d.ctx, city.home, { role: 'city', districtId: null, name: '王经信', department: '市经济信息委', district: null });
  } finally {
    c.close();
    d.close();
  }
  return { city, district };
}

const setValue = (page: Page, year: number, kind: 'target' | 'actual', value: string) =>
  pageCall(page, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year, kind, value });

async function valueOf(page: Page, year: number, kind: 'target' | 'actual'): Promise<string | null> {
  const m = (await pageCall(page, 'targets.matrix', { indicatorId: REVENUE, scope: 'district', kind })).value as { years: number[]; rows: { scopeId: string; actual?: (string | null)[]; target?: (string | null)[] }[] } | undefined;
  const row = m?.rows.find((r) => r.scopeId === JIANGJIN);
  return (kind === 'actual' ? row?.actual : row?.target)?.[m!.years.indexOf(year)] ?? null;
}

/** 同步 from the header: fill in what is asked, start, wait for the result (or the refusal) */
async function syncFrom(page: Page, o: { hub?: string; user?: string; password: string; sendWhole?: boolean }): Promise<void> {
  if ((await page.getByTestId('sync-dialog').count()) === 0) await page.getByTestId('sync-button').click();
  await page.getByTestId('sync-dialog').waitFor();
  if (o.hub !== undefined) await page.getByTestId('sync-hub').fill(o.hub);
  if (o.user !== undefined) await page.getByTestId('sync-user').fill(o.user);
  await page.getByTestId('sync-password').fill(o.password);
  if (o.sendWhole) await page.getByTestId('sync-send-whole').check();
  await page.getByTestId('sync-start').click();
  await page.locator('[data-testid="sync-done"], [data-testid="sync-error"]').first().waitFor({ timeout: 60_000 });
}

const closeDialog = (page: Page) => page.getByTestId('sync-close').click();

describe('同步 (browser, a real hub on PostgreSQL)', { timeout: 400_000 }, () => {
  const pg = startPostgres();
  let db: Db;
  let hub: HubProcess;
  let city: WebSession;
  let district: WebSession;
  beforeAll(async () => {
    db = openPool(pg.url, { max: 2 });
    await migrate(db);
    await seedAccounts(db);
    await addAccount(db, { name: 'jiangjin', role: 'district', district: '江津区', password: PASSWORDS.district });
    hub = await startHubProcess(['--pg', pg.url, '--port', '0']);
    await until('the hub is ready', () => call(hub.url, '/api/health'), (a) => a.status === 200);
    const sides = prepare();
    await trustSidesOnHub(db, sides.city.home, sides.district.home, '江津区');
    city = await openWorkbench({ dbFile: sides.city.file, env: { PLANDESK_HOME: sides.city.home } });
    district = await openWorkbench({ dbFile: sides.district.file, env: { PLANDESK_HOME: sides.district.home } });
    await waitForApp(city.page);
    await district.page.getByTestId('pkg-import-file').waitFor({ state: 'attached', timeout: 60_000 });
  }, 300_000);
  afterAll(async () => {
    await city?.close();
    await district?.close();
    await hub?.stop();
    await db?.end();
    pg.stop();
  });

  it('the whole plan through the hub, edits on both sides merge, a conflict resolved on the 报送包 tab; a wrong password named', async () => {
    const cp = city.page;
    const dp = district.page;

    // a wrong password: said beside the password field, the file unchanged
    await syncFrom(dp, { hub: hub.url, user: 'jiangjin', password: 'not the password at all' });
    expect(await text(dp, dp.getByTestId('sync-error'))).toContain('账号或密码不对');
    expect(await text(dp, dp.getByTestId('sync-field-error'))).toBe('请检查“密码”');
    expect(await dp.getByTestId('sync-password').getAttribute('aria-invalid')).toBe('true');
    await district.screenshot('sync-wrong-password-zh');
    await dp.locator('header select').selectOption('en');
    await dp.getByTestId('sync-button').click();
    await syncFrom(dp, { hub: hub.url, user: 'nobody', password: 'not the password at all' });
    expect(await text(dp, dp.getByTestId('sync-error'))).toBe('Wrong account name or password');
    expect(await text(dp, dp.getByTestId('sync-field-error'))).toBe('Check “Password”');
    await district.screenshot('sync-wrong-password-en');
    await closeDialog(dp);
    await dp.locator('header select').selectOption('zh-CN');

    // the city sends 江津区 the whole plan through the hub (both seeded plans have 江津区)
    await syncFrom(cp, { hub: hub.url, user: 'officer', password: PASSWORDS.officer, sendWhole: true });
    expect(await text(cp, cp.getByTestId('sync-done'))).toBe('同步完成：推送 2 个，合并 0 个，已合并过 0 个，待解决冲突 0 个。');
    await city.screenshot('sync-city-sent-zh');
    await closeDialog(cp);
    // 江津区's sync creates the plan; the hub and account are kept, the password is typed again
    await dp.getByTestId('sync-button').click();
    // (sync.status answered: the last sync shown) a failed login kept no hub address
    await dp.getByTestId('sync-last').waitFor();
    expect(await dp.getByTestId('sync-hub').inputValue()).toBe('');
    await syncFrom(dp, { hub: hub.url, user: 'jiangjin', password: PASSWORDS.district });
    expect(await text(dp, dp.getByTestId('sync-done'))).toContain('合并 2 个');
    expect(await dp.getByTestId('sync-new-plan').count()).toBe(2);
    await district.screenshot('sync-district-got-plan-zh');
    await dp.getByTestId('sync-new-plan').filter({ hasText: '渝西跨越计划' }).click();
    await dp.getByTestId('tab-packages').waitFor({ timeout: 60_000 });

    // edits on both sides: 江津区's actual, the city's target for 江津区; each side's sync merges the other's
    expect((await setValue(dp, 2025, 'actual', '612.5')).ok).toBe(true);
    expect((await setValue(cp, 2026, 'target', '700')).ok).toBe(true);
    await syncFrom(dp, { password: PASSWORDS.district });
    expect(await text(dp, dp.getByTestId('sync-done'))).toContain('推送 1 个');
    await closeDialog(dp);
    await cp.getByTestId('sync-button').click();
    await expect.poll(() => cp.getByTestId('sync-hub').inputValue(), POLL).toBe(new URL(hub.url).href);
    expect(await cp.getByTestId('sync-user').inputValue()).toBe('officer');
    await syncFrom(cp, { password: PASSWORDS.officer });
    expect(await text(cp, cp.getByTestId('sync-done'))).toBe('同步完成：推送 1 个，合并 1 个，已合并过 0 个，待解决冲突 0 个。');
    await closeDialog(cp);
    await syncFrom(dp, { password: PASSWORDS.district });
    expect(await text(dp, dp.getByTestId('sync-done'))).toContain('合并 1 个');
    await closeDialog(dp);
    await expect.poll(() => valueOf(cp, 2025, 'actual'), POLL).toBe('612.5');
    await expect.poll(() => valueOf(dp, 2026, 'target'), POLL).toBe('700');

    // the same cell on both sides: the city's sync leaves it pending and links it to the 报送包 tab
    expect((await setValue(dp, 2025, 'actual', '620')).ok).toBe(true);
    expect((await setValue(cp, 2025, 'actual', '615')).ok).toBe(true);
    await syncFrom(dp, { password: PASSWORDS.district });
    await closeDialog(dp);
    await syncFrom(cp, { password: PASSWORDS.officer });
    expect(await text(cp, cp.getByTestId('sync-done'))).toContain('待解决冲突 1 个');
    expect(await text(cp, cp.getByTestId('sync-conflicts'))).toContain('江津区的第 2 号报送包，1 处冲突');
    await city.screenshot('sync-conflict-zh');
    await cp.locator('header select').selectOption('en');
    await cp.getByTestId('sync-button').click();
    await cp.getByTestId('sync-conflicts').waitFor();
    expect(await text(cp, cp.getByTestId('sync-conflicts'))).toContain('package #2 from 江津区, 1 conflict');
    await city.screenshot('sync-conflict-en');
    await cp.locator('header select').selectOption('zh-CN');
    await cp.getByTestId('sync-button').click();
    await cp.getByTestId('sync-resolve').click();
    await cp.getByTestId('packages-tab').waitFor({ timeout: 60_000 });
    await cp.getByTestId('pkg-reopen').click();
    const conflict = cp.getByTestId('pkg-conflict');
    await expect.poll(() => conflict.count(), POLL).toBe(1);
    await conflict.getByTestId('pkg-take-theirs').click();
    await expect.poll(() => text(cp, conflict.getByTestId('pkg-resolution')), POLL).toBe('已选：对方');
    await cp.getByTestId('pkg-apply').click();
    await expect.poll(() => text(cp, cp.getByTestId('pkg-applied')), POLL).toContain('合并 江津区 报送 #2');
    expect(await valueOf(cp, 2025, 'actual')).toBe('620');
    await city.screenshot('sync-resolved-zh');
    // nothing left: the dialog shows no conflict, the last sync's figures
    await cp.getByTestId('sync-button').click();
    await expect.poll(() => text(cp, cp.getByTestId('sync-last')), POLL).toContain('上次同步');
    expect(await cp.getByTestId('sync-conflicts').count()).toBe(0);
  });
});
