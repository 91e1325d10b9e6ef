/**
 * 同步's log lines in Chromium (s7-sync2): each line of db/sync/run.ts carries a code and params beside its
 * Chinese text, and the dialog says it from the catalogue (renderer/src/i18n/messages/sync.ts) — in English
 * English words, in Chinese exactly the core's (the CLI's) lines. Two web hosts, the hub as a process on a
 * real PostgreSQL. Screenshots in tests/artifacts/sync-log-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageCall, type WebSession } from '../helpers/browser.ts';
import { PASSWORDS } from '../hub/accounts.ts';
import type { HubProcess } from '../hub/helpers.ts';
import { JIANGJIN, openSyncWorld, REVENUE, syncFrom, type SyncWorld } from './sync-helpers.ts';

describe('同步 in English: the log lines said from the catalogue (browser, a real hub on PostgreSQL)', { timeout: 400_000 }, () => {
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

  it('the pushed and merged packages are said in English, and in Chinese as the CLI says them', async () => {
    const cp = city.page;
    const dp = district.page;
    await cp.locator('header select').selectOption('en');
    await syncFrom(cp, { hub: hub.url, user: 'officer', password: PASSWORDS.officer, sendWhole: true });
    await cp.getByTestId('sync-log').locator('summary').click();
    const cityLines = await cp.getByTestId('sync-log').locator('li').allInnerTexts();
    expect(cityLines).toHaveLength(2);
    for (const l of cityLines) {
      expect(l).toMatch(/^Pushed a package: plan p-\S+ to 江津区, #1, the whole plan; version “.+” saved$/);
    }
    await city.screenshot('sync-log-city-en');

    await dp.locator('header select').selectOption('en');
    await syncFrom(dp, { hub: hub.url, user: 'jiangjin', password: PASSWORDS.district });
    await dp.getByTestId('sync-log').locator('summary').click();
    const lines = await dp.getByTestId('sync-log').locator('li').allInnerTexts();
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^Received package #1 from the city \(hub number \d+\): new plan “.+”, version “.+” saved$/);
    // only data (names, titles in quotes) stays Chinese
    for (const l of [...lines, ...cityLines]) expect(l.replace(/“.*”/g, "").replace("江津区", "")).not.toMatch(/\p{Script=Han}/u);
    await district.screenshot('sync-log-district-en');
    // in Chinese the same lines as the core wrote them (and the CLI prints them): the city sends a change
    await cp.getByTestId('sync-close').click();
    await cp.locator('header select').selectOption('zh-CN');
    expect((await pageCall(cp, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2026, kind: 'target', value: '701' })).ok).toBe(true);
    await syncFrom(cp, { password: PASSWORDS.officer });
    await cp.getByTestId('sync-log').locator('summary').click();
    const zh = await cp.getByTestId('sync-log').locator('li').allInnerTexts();
    const status = (await pageCall(cp, 'sync.status', {})).value as { log: { text: string }[] };
    expect(zh).toEqual(status.log.map((l) => l.text));
    expect(zh).toEqual([expect.stringMatching(/^已推送报送包：规划 p-\S+ 发往江津区，第 2 号，1 处修改；已保存版本“.+”$/)]);
    await city.screenshot('sync-log-city-zh');
  });
});
