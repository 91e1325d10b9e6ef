import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';

describe('the workbench in a browser (web host + Chromium)', () => {
  let w: WebSession;
  beforeAll(async () => {
    w = await openWorkbench();
  });
  afterAll(async () => {
    await w.close();
  });

  it('lists the seeded plans', async () => {
    const list = w.page.getByTestId('plan-list');
    await list.waitFor();
    await expect(list.textContent()).resolves.toContain('渝府〔2023〕13号');
    await expect(list.textContent()).resolves.toContain('渝府发〔2021〕18号');
    // The token left the address bar once read.
    expect(w.page.url()).not.toContain('token=');
    await w.screenshot('foundation-plan-list');
  });

  it('opens a plan overview showing 江津区 with 3,000 亿元', async () => {
    await w.page.getByRole('link', { name: /渝西跨越计划/ }).click();
    const districts = w.page.getByTestId('district-table');
    await districts.waitFor();
    const row = districts.locator('tr', { hasText: '江津区' });
    await expect(row.textContent()).resolves.toMatch(/3,000\s*亿元/);
    await expect(w.page.getByTestId('plan-header').textContent()).resolves.toContain('渝府〔2023〕13号');
    await expect(w.page.getByTestId('task-count').textContent()).resolves.toMatch(/^\d+$/);
    await w.screenshot('foundation-plan-overview');
  });

  it('keeps the screen after a reload (token kept for the session)', async () => {
    await w.page.reload();
    await w.page.getByTestId('district-table').waitFor();
    await expect(w.page.getByTestId('district-table').textContent()).resolves.toContain('江津区');
  });

  it('switches to English', async () => {
    await w.page.locator('header select').selectOption('en');
    await expect(w.page.getByText('Districts and targets')).toBeTruthy();
    await w.page.getByText('Districts and targets').waitFor();
    await w.screenshot('foundation-overview-en');
    await w.page.locator('header select').selectOption('zh-CN');
  });
});
