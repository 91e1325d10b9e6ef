/**
 * What the browser tests of 同步 share (tests/browser/sync*.test.ts): two desktops — two web hosts on two
 * plan files, each with its own PLANDESK_HOME, the city's seeded and 江津区's empty, trusting each other's
 * keys — and the city hub (`plandesk hub` as a process) on a real PostgreSQL, with the city's and 江津区's
 * keys trusted on it; and 同步 from the header as a planner does it.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';
import { waitForApp } from './workbench-helpers.ts';
import { openStore } from '../../db/store.ts';
import { tempDir } from '../helpers/store.ts';
import { trustForTests } from '../../db/exchange/signing.ts';
import type { Db } from '../../hub/pg.ts';
import { openHub, type HubProcess, type OpenedHub } from '../hub/helpers.ts';
import { trustSidesOnHub } from '../hub/push.ts';

export const REVENUE = 'p-yufu-2023-13/i/revenue';
export const JIANGJIN = 'd-500116';

export interface DesktopSide {
  home: string;
  file: string;
}

/**
 * The two desktops' files (also of tests/browser/packages.test.ts): the city's plan file seeded, 江津区's with the
 * reference data only (no plan yet), each with its identity and trusting the other's key (the key files exchanged and
 * confirmed by code is tested in tests/keys; here they are trusted directly).
 */
export function prepare(prefix = 'plandesk-sync-browser-'): { city: DesktopSide; district: DesktopSide } {
  const dir = tempDir(prefix);
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

export interface SyncWorld {
  db: Db;
  hub: HubProcess;
  city: WebSession;
  district: WebSession;
  close(): Promise<void>;
}

/** a fresh PostgreSQL, the hub on it (accounts of every role + jiangjin), and the two desktops open */
export async function openSyncWorld(): Promise<SyncWorld> {
  let world: OpenedHub | undefined;
  let city: WebSession | undefined;
  let district: WebSession | undefined;
  const close = async () => {
    await city?.close();
    await district?.close();
    await world?.close();
  };
  try {
    world = await openHub({ districts: { jiangjin: '江津区' } });
    const { db } = world;
    const hub = world.process!;
    const sides = prepare();
    await trustSidesOnHub(db, sides.city.home, sides.district.home, '江津区');
    city = await openWorkbench({ dbFile: sides.city.file, env: { PLANDESK_HOME: sides.city.home } });
    district = await openWorkbench({ dbFile: sides.district.file, env: { PLANDESK_HOME: sides.district.home } });
    await waitForApp(city.page);
    await district.page.getByTestId('pkg-import-file').waitFor({ state: 'attached', timeout: 60_000 });
    return { db, hub, city, district, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** 同步 from the header: fill in what is asked, start, wait for the result (or the refusal) */
export async function syncFrom(page: Page, o: { hub?: string; user?: string; password: string; sendWhole?: boolean }): Promise<void> {
  if ((await page.getByTestId('sync-dialog').count()) === 0) await page.getByTestId('sync-button').click();
  await page.getByTestId('sync-dialog').waitFor();
  if (o.hub !== undefined) await page.getByTestId('sync-hub').fill(o.hub);
  if (o.user !== undefined) await page.getByTestId('sync-user').fill(o.user);
  await page.getByTestId('sync-password').fill(o.password);
  if (o.sendWhole) await page.getByTestId('sync-send-whole').check();
  await page.getByTestId('sync-start').click();
  await page.locator('[data-testid="sync-done"], [data-testid="sync-error"]').first().waitFor({ timeout: 60_000 });
}
