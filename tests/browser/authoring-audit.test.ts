/**
 * Session-8 audit of issue 14 §1 in the browser: the plan list says what a plan holds by kind (26号,
 * split by 片区, is not “0 个区县”), a copy shows the plan it was made from, an area chosen for a plan is
 * marked 片区; a rename onto an existing cluster name is refused with the core's message. zh + en
 * screenshots: tests/artifacts/authoring-audit-*.png.
 */
import { describe, expect, it } from 'vitest';
import { cell, openTab, pinnedCell, workbenchSession } from './workbench-helpers.ts';
import { pageCall } from '../helpers/browser.ts';

const P13 = 'p-yufu-2023-13';
const P26 = 'p-yufubanfa-2023-26';

describe('authoring, as audited in session 8', () => {
  const s = workbenchSession();

  it('the list counts 片区 as their own kind and links a copy to its origin, in Chinese and English', { timeout: 120_000 }, async () => {
    const { page } = s.w;
    const copy = await pageCall(page, 'plans.create', {
      header: { title: '渝西跨越计划（2028—2032年）', issuer: '重庆市人民政府', periodStart: 2028, periodEnd: 2032 },
      districtIds: ['a-liangjiang-xinqu'],
      copyFrom: { planId: P13, targets: 'clear', tasks: false },
    });
    expect(copy.ok).toBe(true);
    const copyId = copy.value.id as string;
    await page.goto(`${s.w.url.split('#')[0]}#/`);
    await page.getByTestId('plan-list').waitFor();
    await expect.poll(() => page.getByTestId(`contents-${P26}`).textContent()).toBe('3 个片区 · 6 项指标 · 21 项任务');
    expect(await page.getByTestId(`contents-${copyId}`).textContent()).toBe('8 个区县 · 1 个片区 · 9 个产业集群 · 9 项指标');
    const origin = page.locator(`[data-plan="${copyId}"]`).getByTestId(`origin-${P13}`);
    expect(await origin.textContent()).toBe('复制自 渝府〔2023〕13号 重庆市先进制造业发展“渝西跨越计划”（2023—2027年）');
    await s.w.screenshot('authoring-audit-list');
    await origin.locator('a').click();
    await expect.poll(() => page.getByTestId('plan-header').locator('h1').textContent()).toBe('重庆市先进制造业发展“渝西跨越计划”（2023—2027年）');

    await page.goto(`${s.w.url.split('#')[0]}#/plan/${copyId}/overview`);
    await page.getByTestId('area-badge-a-liangjiang-xinqu').waitFor();
    expect(await page.locator('[data-district="a-liangjiang-xinqu"]').textContent()).toContain('两江新区 片区');

    await page.evaluate(() => localStorage.setItem('plandesk.language', 'en'));
    await page.goto(`${s.w.url.split('#')[0]}#/`);
    await expect.poll(() => page.getByTestId(`contents-${P26}`).textContent()).toBe('3 areas · 6 indicators · 21 tasks');
    expect(await page.getByTestId(`contents-${copyId}`).textContent()).toBe('8 districts · 1 area · 9 clusters · 9 indicators');
    expect(await page.getByTestId(`contents-p-yufubanfa-2023-37`).textContent()).toBe('1 district · 14 tasks');
    expect(await page.getByTestId(`origin-${P13}`).textContent()).toMatch(/^Copied from 渝府〔2023〕13号/);
    await s.w.screenshot('authoring-audit-list-en');
    await page.evaluate(() => localStorage.setItem('plandesk.language', 'zh-CN'));
  });

  it('a cluster renamed in its grid onto another cluster’s name is refused with the core’s message', { timeout: 120_000 }, async () => {
    const { page } = s.w;
    const clusters = (await pageCall(page, 'plans.get', { planId: P13 })).value.clusters as { id: string; name: string }[];
    const [a, b] = clusters;
    if (!a || !b) throw new Error('13号 has clusters');
    await page.goto(`${s.w.url.split('#')[0]}#/`);
    await openTab(page, 'clusters', '', P13);
    const name = cell(page, 'clusters-grid', a.id, 'name');
    await name.waitFor();
    await name.dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(b.name);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cell-error').textContent()).toBe(`产业集群名称“${b.name}”已存在，请换一个名称`);
    await s.w.screenshot('authoring-audit-cluster-rename-refused');
    expect((await pageCall(page, 'plans.get', { planId: P13 })).value.clusters[0].name).toBe(a.name);
  });

  it('26号’s targets grid, all 片区, says 片区 and 片区合计 (zh and en)', { timeout: 120_000 }, async () => {
    const { page } = s.w;
    await page.goto(`${s.w.url.split('#')[0]}#/`);
    await openTab(page, 'targets', '', P26);
    const header = page.locator('[data-testid="targets-grid"] .ag-header-cell[col-id="name"]');
    await expect.poll(() => header.textContent()).toContain('片区');
    await expect.poll(() => pinnedCell(page, 'targets-grid', 0, 'name').textContent()).toBe('片区合计');
    await page.getByText('2027年各片区高新技术企业数量', { exact: true }).waitFor();
    await s.w.screenshot('authoring-audit-areas-grid');
    await page.evaluate(() => localStorage.setItem('plandesk.language', 'en'));
    await page.reload();
    await expect.poll(() => pinnedCell(page, 'targets-grid', 0, 'name').textContent()).toBe('Sum of areas');
    expect(await header.textContent()).toContain('Area');
    await s.w.screenshot('authoring-audit-areas-grid-en');
    await page.evaluate(() => localStorage.setItem('plandesk.language', 'zh-CN'));
    // 13号's districts still say 区县
    await page.reload();
    await openTab(page, 'targets', '', P13);
    await expect.poll(() => pinnedCell(page, 'targets-grid', 0, 'name').textContent()).toBe('区县合计');
  });

  it('a moved indicator shows in the versions comparison as its 位置, in Chinese and English', { timeout: 120_000 }, async () => {
    const { page } = s.w;
    const P24 = 'p-yufubanfa-2023-24';
    const inds = (await pageCall(page, 'plans.get', { planId: P24 })).value.indicators as { id: string; name: string }[];
    const v1 = await pageCall(page, 'versions.create', { planId: P24, name: '调整前' });
    expect(v1.ok).toBe(true);
    expect((await pageCall(page, 'indicators.move', { planId: P24, indicatorId: inds[0]!.id, position: 3 })).ok).toBe(true);
    expect((await pageCall(page, 'versions.create', { planId: P24, name: '调整后' })).ok).toBe(true);
    await page.goto(`${s.w.url.split('#')[0]}#/`);
    await openTab(page, 'versions', '', P24);
    const from = await page.getByTestId('ver-from').locator('option', { hasText: '调整前' }).getAttribute('value');
    const to = await page.getByTestId('ver-to').locator('option', { hasText: '调整后' }).getAttribute('value');
    await page.getByTestId('ver-from').selectOption(from!);
    await page.getByTestId('ver-to').selectOption(to!);
    await page.getByTestId('ver-compare').click();
    await page.getByTestId('ver-comparison').waitFor();
    const change = page.getByTestId('ver-change').filter({ hasText: inds[0]!.name });
    await expect.poll(() => change.textContent()).toContain('位置');
    expect(await change.textContent()).toContain("位置1 → 4");
    await s.w.screenshot('authoring-audit-compare-position');
    await page.evaluate(() => localStorage.setItem('plandesk.language', 'en'));
    await page.reload();
    await page.getByTestId('ver-from').selectOption(from!);
    await page.getByTestId('ver-to').selectOption(to!);
    await page.getByTestId('ver-compare').click();
    await expect.poll(() => page.getByTestId('ver-change').filter({ hasText: inds[0]!.name }).textContent()).toContain('Position');
    await s.w.screenshot('authoring-audit-compare-position-en');
    await page.evaluate(() => localStorage.setItem('plandesk.language', 'zh-CN'));
  });
});
