/**
 * 同步 given a hub address with a user name and password in it (https://user:pass@host) — typed, or pasted from a
 * link (session 8, hostile inputs): the dialog shows the refusal beside the hub field, in Chinese and in English,
 * without the password; nothing is sent and nothing is kept (the user data folder, sync.status). No hub is needed.
 * Screenshots in tests/artifacts/sync-address-{zh,en}.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';
import { syncFrom } from './sync-helpers.ts';

const SECRET = 'pa55-in-the-url';

describe('同步 with credentials in the hub address (browser)', { timeout: 200_000 }, () => {
  let w: WebSession;
  let home: string;
  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-sync-address-'));
    w = await openWorkbench({ env: { PLANDESK_HOME: home } });
    await w.page.getByTestId('sync-button').waitFor({ timeout: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('is refused beside the hub field, without the password, in both languages; nothing kept', async () => {
    const { page } = w;
    await syncFrom(page, { hub: `https://officer:${SECRET}@127.0.0.1:9`, user: 'officer', password: 'the real password 1' });
    const error = page.getByTestId('sync-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('里带有账号或密码');
    expect(await page.getByTestId('sync-field-error').count()).toBe(1);
    expect(await page.getByTestId('sync-hub').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('sync-dialog').innerText()).not.toContain(SECRET);
    await w.screenshot('sync-address-zh');

    await page.getByTestId('sync-close').click();
    await page.locator('header select').selectOption('en');
    await syncFrom(page, { hub: `https://officer:${SECRET}@127.0.0.1:9`, user: 'officer', password: 'the real password 1' });
    await expect.poll(() => error.innerText()).toContain('contains a user name or password');
    expect(await page.getByTestId('sync-dialog').innerText()).not.toContain(SECRET);
    await w.screenshot('sync-address-en');

    const st = (await pageCall(page, 'sync.status', {})).value as { hub: string | null; last: unknown };
    expect(st.hub).toBeNull();
    expect(JSON.stringify(st)).not.toContain(SECRET);
    const kept = fs
      .readdirSync(home, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'latin1'))
      .join('\n');
    expect(kept).not.toContain(SECRET);
  });
});
