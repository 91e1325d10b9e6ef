/**
 * Issue 13, the views that show numbers, in Chromium (Chinese and English screenshots): 概览 labels
 * each actual by what it covers and names 26号's 片区; 产业集群 says which base each share uses; the
 * version chart counts one edit of an 8-district task once, not in every district.
 */
import { describe, expect, it } from 'vitest';
import { pageCall } from '../helpers/browser.ts';
import { cell, openTab, text, workbenchSession } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };
const PLAN = 'p-yufu-2023-13';
const REV = `${PLAN}/i/revenue`;

describe('numbers in the views (browser)', { timeout: 180_000 }, () => {
  const session = workbenchSession();
  const lang = async (l: 'en' | 'zh-CN') => session.w.page.locator('header select').selectOption(l);

  it('概览: each 2023 actual says 年度 or which quarters; 26号 names its 3 片区 instead of "未分解到区县"', async () => {
    const p = session.w.page;
    const cells = ['', 'Q1', 'Q2', 'Q3'].map((period, i) => ({ indicatorId: REV, scope: 'district', scopeId: 'd-500116', year: 2023, period, kind: 'actual', value: String(2400 + i * 100 - (period === '' ? 0 : 2000)) }));
    expect((await pageCall(p, 'targets.setMany', { planId: PLAN, cells })).ok).toBe(true);
    await openTab(p, 'overview');
    const row = p.getByTestId('district-table').locator('tr', { hasText: '江津区' });
    await row.waitFor();
    const rowText = await text(p, row);
    for (const label of ['实际（年度）', '实际（一季度累计）', '实际（上半年累计）', '实际（前三季度累计）']) expect(rowText).toContain(label);
    await session.w.screenshot('numbers-overview-actuals');

    await openTab(p, 'overview', '', 'p-yufubanfa-2023-26');
    await p.getByTestId('area-table').waitFor();
    expect(await text(p, p.getByTestId('no-districts'))).toContain('3 个片区');
    expect(await text(p, p.getByTestId('areas-title'))).toContain('3 个片区');
    const areaText = await text(p, p.getByTestId('area-table'));
    for (const name of ['中心城区', '主城新区', '“两群”地区']) expect(areaText).toContain(name);
    expect(areaText).toContain('7,110');
    await session.w.screenshot('numbers-overview-areas-zh');
    await lang('en');
    await expect.poll(() => text(p, p.getByTestId('areas-title')), POLL).toContain('3 areas');
    await session.w.screenshot('numbers-overview-areas-en');
    await lang('zh-CN');
    await p.evaluate(() => {
      window.location.hash = '#/';
    });
    await expect.poll(() => text(p, p.getByTestId('plan-list')), POLL).toContain('3 个片区');
  });

  it('产业集群: the share of the plan total (28.57%) and of the clusters’ sum (28.37%, the donut’s base) are both labelled', async () => {
    const p = session.w.page;
    await openTab(p, 'clusters');
    const c1 = `${PLAN}/c/1`;
    await cell(p, 'clusters-grid', c1, 'share').waitFor();
    await expect.poll(() => text(p, cell(p, 'clusters-grid', c1, 'share')), POLL).toBe('28.57%');
    expect(await text(p, cell(p, 'clusters-grid', c1, 'sumShare'))).toBe('28.37%');
    const headers = await text(p, p.getByTestId('clusters-grid').locator('.ag-header'));
    expect(headers).toContain('占规划总量');
    expect(headers).toContain('占集群合计');
    expect(await text(p, p.getByTestId('chart-cluster-share').locator('xpath=..'))).toContain('占集群合计 14,100 亿元');
    await session.w.screenshot('numbers-clusters-shares-zh');
    await lang('en');
    await expect.poll(() => text(p, p.getByTestId('clusters-grid').locator('.ag-header')), POLL).toContain('Share of clusters’ sum');
    await session.w.screenshot('numbers-clusters-shares-en');
    await lang('zh-CN');
  });

  it('版本: one edit of an 8-district task is one shared change, not a change in each district', async () => {
    const p = session.w.page;
    const v = await pageCall(p, 'versions.create', { planId: PLAN, name: '比较前' });
    expect(v.ok).toBe(true);
    const tasks = (await pageCall(p, 'tasks.list', { planId: PLAN, limit: 500 })).value.rows as { id: string; districts: unknown[] }[];
    const wide = tasks.find((x) => x.districts.length === 8)!;
    expect((await pageCall(p, 'tasks.update', { taskId: wide.id, patch: { progress: '已开工建设' } })).ok).toBe(true);
    expect((await pageCall(p, 'targets.set', { indicatorId: REV, scope: 'district', scopeId: 'd-500118', year: 2027, kind: 'target', value: '3400' })).ok).toBe(true);
    await openTab(p, 'versions');
    await p.getByTestId('ver-from').waitFor();
    await p.getByTestId('ver-from').selectOption(String(v.value.id));
    await p.getByTestId('ver-to').selectOption('current');
    await p.getByTestId('ver-compare').click();
    await p.getByTestId('ver-chart').waitFor();
    const series = JSON.parse((await p.getByTestId('ver-chart').getAttribute('data-option')) ?? '[]') as { data: number[] }[];
    // Only 永川区 (its target) is a district change (one bar: 0 added, 0 removed, 1 changed); the task edit is counted once, beneath the chart.
    expect(series.map((x) => x.data)).toEqual([[0], [0], [1]]);
    const cmp = await pageCall(p, 'versions.compare', { planId: PLAN, from: v.value.id, to: 'current' });
    expect(cmp.value.byDistrict.map((d: { name: string }) => d.name)).toEqual(['永川区']);
    expect(await text(p, p.getByTestId('ver-chart-shared'))).toContain('另有 1 处');
    expect(await text(p, p.getByTestId('ver-chart').locator('xpath=..'))).toContain('每处变化只计入它实际涉及的区县');
    await session.w.screenshot('numbers-versions-chart-zh');
    await lang('en');
    // The tab is drawn again in English: compare again.
    await p.getByTestId('ver-from').selectOption(String(v.value.id));
    await p.getByTestId('ver-to').selectOption('current');
    await p.getByTestId('ver-compare').click();
    await expect.poll(() => text(p, p.getByTestId('ver-chart-shared')), POLL).toContain('1 more edits');
    await session.w.screenshot('numbers-versions-chart-en');
    await lang('zh-CN');
  });
});
