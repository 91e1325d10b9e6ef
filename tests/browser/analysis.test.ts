/** The analysis tabs in a real browser: checks panel, actuals → ranking, breakdown preview → apply → undo. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';

describe('analysis tabs (web host + Chromium)', () => {
  let w: WebSession;
  beforeAll(async () => {
    w = await openWorkbench();
    await w.page.getByTestId('plan-list').waitFor();
  });
  afterAll(async () => {
    await w.close();
  });

  const open = async (tab: string) => {
    await w.page.evaluate((t) => {
      window.location.hash = `#/plan/p-yufu-2023-13/${t}`;
    }, tab);
  };

  it('the checks panel lists the cluster-sum finding with its numbers, linking to the cells', async () => {
    await open('checks');
    const finding = w.page.locator('[data-testid="finding"][data-kind="sum"]');
    await finding.waitFor();
    const text = await finding.textContent();
    expect(text).toContain('产业集群合计');
    expect(text).toMatch(/14,100\s*亿元/);
    expect(text).toMatch(/14,000\s*亿元/);
    await expect(finding.getByTestId('finding-difference').textContent()).resolves.toMatch(/\+100\s*亿元/);
    expect(await finding.getByTestId('finding-cell').count()).toBe(10);
    await expect(w.page.getByTestId('checks-summary').textContent()).resolves.toContain('共 1 处');
    await w.screenshot('analysis-checks');
    // A cell link opens the cell's tab with the focus.
    await finding.getByTestId('finding-cell').nth(2).click();
    await w.page.waitForFunction(() => window.location.hash.includes('/clusters/'));
    const focus = decodeURIComponent((await w.page.evaluate(() => window.location.hash)).split('/clusters/')[1] ?? '');
    expect(new URLSearchParams(focus).get('cluster')).toBe('p-yufu-2023-13/c/2');
    expect(new URLSearchParams(focus).get('indicator')).toBe('p-yufu-2023-13/i/revenue');
  });

  it('entering actuals updates the completion table and the ranking', async () => {
    await open('completion');
    await w.page.getByTestId('cp-table').waitFor();
    await w.page.getByTestId('ranking-empty').waitFor();
    const input = (name: string) => w.page.locator(`[data-testid="cp-row"][data-name="${name}"] [data-testid="cp-actual"]`);
    await input('江津区').fill('2800');
    await input('江津区').press('Enter');
    const first = w.page.getByTestId('ranking-row').first();
    await expect.poll(() => first.textContent()).toContain('93.33%');
    expect(await first.textContent()).toContain('江津区');
    await expect(w.page.locator('[data-testid="cp-row"][data-name="江津区"] [data-testid="cp-status"]').textContent()).resolves.toContain('预警');

    await input('永川区').fill('3,300');
    await input('永川区').press('Enter');
    await expect.poll(() => first.textContent()).toContain('永川区');
    expect(await first.textContent()).toContain('100%');
    expect(await w.page.getByTestId('ranking-row').nth(1).textContent()).toContain('江津区');
    await w.page.getByTestId('ranking-chart').waitFor();
    const bars = await w.page.getByTestId('ranking-chart').getAttribute('data-bars');
    expect(JSON.parse(bars ?? '[]').map((b: { name: string }) => b.name)).toEqual(['永川区', '江津区']);
    await w.screenshot('analysis-completion');
  });

  it('breakdown: preview, apply, then undo', async () => {
    await open('breakdown');
    await w.page.getByTestId('breakdown-panel').waitFor();
    await w.page.getByTestId('bd-method-spread').click();
    await w.page.getByTestId('bd-total').fill('14700');
    await w.page.getByTestId('bd-preview').click();
    const table = w.page.getByTestId('bd-preview-table');
    await table.waitFor();
    const row = (name: string) => table.locator('[data-testid="bd-row"]', { hasText: name });
    await expect(row('永川区').textContent()).resolves.toContain('3,465');
    // Hold 江津区: the rest share 11700 in proportion, 永川 3300 → 3510.
    await row('江津区').getByTestId('bd-held').check();
    await expect.poll(() => row('永川区').textContent()).toContain('3,510');
    await expect(w.page.getByTestId('bd-apply').textContent()).resolves.toContain('8');
    await w.screenshot('analysis-breakdown-preview');

    await w.page.getByTestId('bd-apply').click();
    await w.page.getByTestId('bd-undo').waitFor();
    await expect.poll(() => w.page.getByTestId('bd-apply').isDisabled()).toBe(true);
    await expect(w.page.getByTestId('notice').last().textContent()).resolves.toContain('已应用');
    await w.screenshot('analysis-breakdown-applied');
    // Previewing again shows the written values as current: nothing left to change.
    await w.page.getByTestId('bd-preview').click();
    await expect.poll(() => row('永川区').textContent()).toMatch(/3,510.*3,510/);
    expect(await w.page.getByTestId('bd-apply').isDisabled()).toBe(true);

    await w.page.getByTestId('bd-undo').click();
    await expect.poll(() => w.page.getByTestId('bd-apply').isDisabled()).toBe(false);
    await expect(row('永川区').textContent()).resolves.toMatch(/3,300.*3,510/);
    await expect(w.page.getByTestId('notice').last().textContent()).resolves.toContain('已撤销');
  });

  it('annual breakdown of 18号 软件业务收入 by constant growth shows 20.11% a year', async () => {
    await w.page.evaluate(() => {
      window.location.hash = '#/plan/p-yufufa-2021-18/breakdown';
    });
    await w.page.getByTestId('bd-indicator').selectOption('p-yufufa-2021-18/i/software-revenue');
    await expect.poll(() => w.page.getByTestId('bd-base-value').inputValue()).toBe('2000');
    await w.page.getByTestId('bd-preview').click();
    await expect.poll(() => w.page.getByTestId('bd-cagr').textContent()).toContain('20.11%');
    const rows = w.page.getByTestId('bd-preview-table').locator('[data-testid="bd-row"]');
    expect(await rows.count()).toBe(6);
    await expect(rows.nth(1).textContent()).resolves.toMatch(/2021.*2,402.*20\.1%/); // rounded to whole 亿元: 2402 / 2000
    await w.screenshot('analysis-breakdown-fill');
  });

  it('breakdown fields follow the chosen row and year; a blank district stays blank in a spread (issue 13)', async () => {
    const p = w.page;
    await open('breakdown');
    await p.getByTestId('breakdown-panel').waitFor();
    await p.getByTestId('bd-indicator').selectOption('p-yufu-2023-13/i/revenue');
    await p.getByTestId('bd-method-fill').click();
    await expect.poll(() => p.getByTestId('bd-target-value').inputValue()).toBe('14000');
    // 荣昌区 chosen: its own 2027 target (1,000), not the plan's 14000.
    await p.getByTestId('bd-row').selectOption('district:d-500153');
    await expect.poll(() => p.getByTestId('bd-target-value').inputValue()).toBe('1000');
    await p.getByTestId('bd-target-year').selectOption('2026');
    await expect.poll(() => p.getByTestId('bd-target-value').inputValue()).toBe('');
    await p.getByTestId('bd-target-year').selectOption('2027');
    await expect.poll(() => p.getByTestId('bd-target-value').inputValue()).toBe('1000');
    await p.getByTestId('bd-target-value').fill('0.12万');
    await expect.poll(() => p.getByTestId('bd-target-preview').textContent()).toBe('= 1,200 亿元');
    await w.screenshot('analysis-breakdown-row-follows');

    // 新的总量 follows the year: 14000 in 2027, blank in 2026 (no total there).
    await p.getByTestId('bd-method-spread').click();
    await expect.poll(() => p.getByTestId('bd-total').inputValue()).toBe('14000');
    await p.getByTestId('bd-year').selectOption('2026');
    await expect.poll(() => p.getByTestId('bd-total').inputValue()).toBe('');
    await p.getByTestId('bd-year').selectOption('2027');
    await expect.poll(() => p.getByTestId('bd-total').inputValue()).toBe('14000');

    // 璧山/铜梁/潼南 blank: the preview leaves them blank (—), never 0.
    const cleared = await pageCall(p, 'targets.setMany', {
      planId: 'p-yufu-2023-13',
      cells: ['d-500120', 'd-500151', 'd-500152'].map((scopeId) => ({ indicatorId: 'p-yufu-2023-13/i/revenue', scope: 'district', scopeId, year: 2027, kind: 'target', value: '' })),
    });
    expect(cleared.ok).toBe(true);
    await p.getByTestId('bd-total').fill('14700');
    await p.getByTestId('bd-preview').click();
    const table = p.getByTestId('bd-preview-table');
    const row = (name: string) => table.locator('[data-testid="bd-row"]', { hasText: name });
    await expect.poll(() => row('璧山区').getAttribute('data-changed')).toBe('false');
    expect(await row('璧山区').textContent()).not.toMatch(/\b0\b/);
    await expect.poll(() => table.textContent()).toContain('璧山区、铜梁区、潼南区没有现值，保持空白');
    await w.screenshot('analysis-breakdown-blank-kept');
    await p.getByTestId('bd-share-blanks').check();
    await p.getByTestId('bd-preview').click();
    await expect.poll(() => row('璧山区').getAttribute('data-changed')).toBe('true');
    await p.locator('header select').selectOption('en');
    await p.getByTestId('breakdown-panel').waitFor();
    await w.screenshot('analysis-breakdown-en');
    await p.locator('header select').selectOption('zh-CN');
    await pageCall(p, 'history.undo', { planId: 'p-yufu-2023-13' });
  });
});
