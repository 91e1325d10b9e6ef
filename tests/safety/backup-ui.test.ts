/** Backups from the workbench: back up now, edit, restore the backup, see the old value (web host + Chromium). */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDir } from '../../db/backups/backups.ts';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';

describe('备份与恢复 in the workbench', () => {
  let w: WebSession;
  beforeAll(async () => {
    w = await openWorkbench();
  });
  afterAll(async () => {
    await w.close();
  });

  it('restores a backup made before an edit', async () => {
    const api = (name: string, input: unknown) => pageCall(w.page, name, input);
    await w.page.getByTestId('plan-list').waitFor();
    await w.page.getByTestId('backups-button').click();
    await w.page.getByRole('button', { name: '立即备份' }).click();
    await w.page.getByTestId('backups-dialog').locator('tbody tr').first().waitFor();
    await w.screenshot('backups-dialog');
    await w.page.getByTestId('backups-dialog').getByRole('button', { name: '关闭', exact: true }).click();

    // An edit made after the backup (through the same contract the grids use).
    const edited = await api('plans.update', { planId: 'p-yufu-2023-13', patch: { title: '备份后改过的标题' } });
    expect(edited.ok).toBe(true);
    await w.page.reload();
    await expect(w.page.getByTestId('plan-list').textContent()).resolves.toContain('备份后改过的标题');

    w.page.once('dialog', (d) => void d.accept());
    await w.page.getByTestId('backups-button').click();
    const manual = w.page.getByTestId('backups-dialog').locator('tr', { hasText: '手动' }).first();
    // The page reloads itself 1.5 s after the restore: wait for that load, not for a fixed time (a loaded CI
    // machine took longer than 1.8 s and the test read the list from before the reload).
    const reloaded = w.page.waitForEvent('load', { timeout: 20_000 });
    await manual.getByRole('button', { name: '恢复此备份' }).click();
    await w.page.getByText(/已从 .* 的备份恢复/).waitFor();
    await reloaded;
    await w.page.getByTestId('plan-list').getByText('渝西跨越计划').first().waitFor();
    const text = await w.page.getByTestId('plan-list').textContent();
    expect(text).not.toContain('备份后改过的标题');
    expect(text).toContain('渝西跨越计划');
    await w.screenshot('backups-restored');
  });

  it('shows what a crashed backup left as 不完整, without a restore button', async () => {
    const dir = backupDir(w.dbFile);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'plans-20200101-000000-manual.plandesk'), Buffer.alloc(3000, 7));
    await w.page.reload();
    await w.page.getByTestId('backups-button').click();
    const row = w.page.getByTestId('backups-dialog').locator('tr', { hasText: '2020-01-01 00:00:00' });
    await row.getByTestId('backup-incomplete').waitFor();
    await expect(row.getByRole('button', { name: '恢复此备份' }).count()).resolves.toBe(0);
    await w.screenshot('backups-incomplete');
  });

  it('closes on Esc and when the user navigates elsewhere', async () => {
    await w.page.reload();
    await w.page.getByTestId('plan-list').waitFor();
    await w.page.getByTestId('backups-button').click();
    await w.page.getByTestId('backups-dialog').waitFor();
    await w.page.keyboard.press('Escape');
    await w.page.getByTestId('backups-dialog').waitFor({ state: 'detached', timeout: 5000 });

    await w.page.getByTestId('backups-button').click();
    await w.page.getByTestId('backups-dialog').waitFor();
    await w.page.evaluate(() => {
      window.location.hash = '#/plan/p-yufu-2023-13/overview';
    });
    await w.page.getByTestId('backups-dialog').waitFor({ state: 'detached', timeout: 5000 });
    await w.screenshot('backups-closed-on-navigation');

    // The same dialog in English, while a backup runs in the background.
    await w.page.locator('header select').selectOption('en');
    await w.page.getByTestId('backups-button').click();
    await w.page.getByRole('button', { name: 'Back up now' }).click();
    await w.page.getByTestId('backups-dialog').getByText('Backed up:', { exact: false }).or(w.page.getByText(/^Backed up:/)).first().waitFor();
    await w.screenshot('backups-dialog-en');
    await w.page.keyboard.press('Escape');
    await w.page.locator('header select').selectOption('zh-CN');
  });
});
