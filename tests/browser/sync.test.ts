/**
 * 同步 in Chromium (renderer/src/features/sync): two desktops — two web hosts on two plan files, each with its
 * own PLANDESK_HOME — and the city hub (`plandesk hub` as a process) on a real PostgreSQL. The city sends
 * 江津区 the whole plan through the hub (江津区's file has no plan yet: its sync creates it); edits on both
 * sides merge; the same cell edited on both sides is a conflict the dialog links to the 报送包 tab, where it
 * is resolved and applied; a wrong password is named beside its field, in Chinese and in English.
 * Screenshots in tests/artifacts/sync-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageCall, type WebSession } from '../helpers/browser.ts';
import { text } from './workbench-helpers.ts';
import { PASSWORDS } from '../hub/accounts.ts';
import type { HubProcess } from '../hub/helpers.ts';
import { JIANGJIN, openSyncWorld, REVENUE, syncFrom, type SyncWorld } from './sync-helpers.ts';

const POLL = { timeout: 60_000, interval: 100 };

const setValue = (page: Page, year: number, kind: 'target' | 'actual', value: string) =>
  pageCall(page, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year, kind, value });

async function valueOf(page: Page, year: number, kind: 'target' | 'actual'): Promise<string | null> {
  const m = (await pageCall(page, 'targets.matrix', { indicatorId: REVENUE, scope: 'district', kind })).value as { years: number[]; rows: { scopeId: string; actual?: (string | null)[]; target?: (string | null)[] }[] } | undefined;
  const row = m?.rows.find((r) => r.scopeId === JIANGJIN);
  return (kind === 'actual' ? row?.actual : row?.target)?.[m!.years.indexOf(year)] ?? null;
}

const closeDialog = (page: Page) => page.getByTestId('sync-close').click();

describe('同步 (browser, a real hub on PostgreSQL)', { timeout: 400_000 }, () => {
  let world: SyncWorld;
  let hub: HubProcess;
  let city: WebSession;
  let district: WebSession;
  beforeAll(async () => {
    world = await openSyncWorld();
    ({ hub, city, district } = world);
  }, 300_000);
  afterAll(async () => {
    await world?.close();
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
