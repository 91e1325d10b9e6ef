/**
 * 同步's log lines in Chromium (s7-sync2): each line of db/sync/run.ts carries a code and params beside its
 * Chinese text, and the dialog says it from the catalogue (renderer/src/i18n/messages/sync.ts) — in English
 * English words, in Chinese exactly the core's (the CLI's) lines. Two web hosts, the hub as a process on a
 * real PostgreSQL. Screenshots in tests/artifacts/sync-log-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';
import { waitForApp } from './workbench-helpers.ts';
import { openStore } from '../../db/store.ts';
import { tempDir } from '../helpers/store.ts';
import { trustForTests } from '../../db/exchange/signing.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { addAccount } from '../../hub/accounts/accounts.ts';
import { migrate } from '../../hub/migrate.ts';
import { openPool, type Db } from '../../hub/pg.ts';
import { trustSidesOnHub } from '../hub/push.ts';
import { PASSWORDS, seedAccounts } from '../hub/accounts.ts';
import { call, startHubProcess, until, type HubProcess } from '../hub/helpers.ts';

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


describe('同步 in English: the log lines said from the catalogue (browser, a real hub on PostgreSQL)', { timeout: 400_000 }, () => {
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
