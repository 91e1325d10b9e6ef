/**
 * Who is editing, in Chromium against the web host: on first start a dialog asks for the identity
 * (skippable: then the header keeps a hint and changes are signed 未署名); set from the header, it
 * names the next edit in the cell history and the saved version. Screenshots in Chinese and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';
import { openTab, text, waitForApp } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };
const GRID = 'tasks-grid';
const T = (n: string) => `p-yufu-2023-13/t/${n}`;

describe('identity (browser)', { timeout: 180_000 }, () => {
  let w: WebSession;
  const cell = (id: string, col: string) => w.page.locator(`[data-testid="${GRID}"] .ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`).first();

  beforeAll(async () => {
    w = await openWorkbench({ askIdentity: true });
  }, 200_000);
  afterAll(async () => {
    await w.close();
  });

  it('asks on first start; "later" leaves 未署名 and a hint, and does not ask again', async () => {
    const p = w.page;
    const dialog = p.getByTestId('identity-dialog');
    await dialog.waitFor();
    expect(await text(p, dialog)).toContain('请先填写您的身份');
    await w.screenshot('identity-first-run-zh');
    await p.getByTestId('identity-later').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await text(p, p.getByTestId('identity-button'))).toBe('未署名 · 设置身份');
    await p.reload();
    await waitForApp(p);
    await p.getByTestId('identity-button').waitFor();
    expect(await p.getByTestId('identity-dialog').count()).toBe(0);
  });

  it('set from the header, the identity names the next edit (cell history) and the saved version', async () => {
    const p = w.page;
    await p.getByTestId('identity-button').click();
    await p.getByTestId('identity-name').fill('王五');
    await p.getByTestId('identity-department').fill('市人社局');
    await p.getByTestId('identity-district').selectOption('江津区');
    await w.screenshot('identity-settings-zh');
    await p.getByTestId('identity-save').click();
    await p.getByTestId('identity-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => text(p, p.getByTestId('identity-button')), POLL).toBe('身份：王五（市人力社保局 · 江津区）');
    // kept in the user data folder of the host (tests/helpers/browser.ts: beside the plan file)
    const saved = JSON.parse(fs.readFileSync(path.join(w.dir, '.plandesk-home', 'identity.json'), 'utf8'));
    expect(saved).toMatchObject({ name: '王五', department: '市人力社保局', district: '江津区' });

    await openTab(p, 'tasks');
    await cell(T('4-3'), 'progress').click();
    await p.keyboard.press('F2');
    await p.keyboard.press('ControlOrMeta+A');
    await p.keyboard.insertText('已开工');
    await p.keyboard.press('Enter');
    await expect.poll(() => text(p, cell(T('4-3'), 'progress')), POLL).toBe('已开工');
    await cell(T('4-3'), 'progress').click();
    await p.getByTestId('task-cell-history').click();
    const history = p.getByTestId('cell-history');
    await expect.poll(() => text(p, history), POLL).toContain('王五');
    expect(await text(p, history.getByTestId('cell-history-user').last())).toBe('王五市人力社保局 · 江津区');
    await w.screenshot('identity-cell-history-zh');
    await p.getByTestId('cell-history-close').click();

    await openTab(p, 'versions');
    await p.getByTestId('ver-name').fill('王五的版本');
    await p.getByTestId('ver-save').click();
    await expect.poll(() => text(p, p.getByTestId('ver-list')), POLL).toContain('王五');

    // the printable report names who made it
    await openTab(p, 'transfer', 'view=report');
    await p.locator('[data-report-ready="1"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => text(p, p.getByTestId('report-author')), POLL).toBe('编制人：王五（市人力社保局 · 江津区）');
    await openTab(p, 'overview');
  });

  it('speaks English', async () => {
    const p = w.page;
    await p.locator('header select').selectOption('en');
    await expect.poll(() => text(p, p.getByTestId('identity-button')), POLL).toBe('User: 王五（市人力社保局 · 江津区）');
    await p.getByTestId('identity-button').click();
    const dialog = p.getByTestId('identity-dialog');
    await dialog.waitFor();
    expect(await text(p, dialog)).toContain('Your identity');
    expect(await text(p, dialog)).toContain('(city user, no district)');
    await w.screenshot('identity-settings-en');
    await p.getByTestId('identity-later').click();
    await p.locator('header select').selectOption('zh-CN');
  });
});
