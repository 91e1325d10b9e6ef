/**
 * Issue 14 in Chromium against the web host: (1) the ledger and the task detail panel show a task's
 * department by its own name with the document's wording beside it (19号 #19: 市金融监管局（原文：市金融工作局）);
 * (2) undoing the creation of the plan on screen goes back to the plan list with a notice saying so,
 * and its redo brings the plan back (instead of the plan screen's 找不到规划). Screenshots in Chinese
 * and English: tests/artifacts/as-written-*.png, plan-gone-*.png.
 */
import { describe, expect, it } from 'vitest';
import { cell, openTab, text, workbenchSession } from './workbench-helpers.ts';
import { pageCall } from '../helpers/browser.ts';

const POLL = { timeout: 20_000, interval: 100 };
const P19 = 'p-yufufa-2021-19';
const T19 = `${P19}/t/19`;

describe('as-written names and a plan whose creation is undone (browser)', { timeout: 180_000 }, () => {
  const s = workbenchSession();

  it('the ledger and the detail panel show 市金融监管局 with 原文：市金融工作局', async () => {
    const p = s.w.page;
    await openTab(p, 'tasks', `task=${encodeURIComponent(T19)}`, P19);
    const c = cell(p, 'tasks-grid', T19, 'participatingDepartments');
    await c.waitFor(POLL);
    await expect.poll(() => text(p, c), POLL).toBe('市金融监管局（原文：市金融工作局）');
    await s.w.screenshot('as-written-ledger-zh');
    await cell(p, 'tasks-grid', T19, 'detail').locator('button').click();
    await p.getByTestId('task-detail').waitFor();
    expect(await text(p, p.getByTestId('detail-participatingDepartments').locator('.chips'))).toContain('市金融监管局');
    expect(await text(p, p.getByTestId('detail-asWritten-participatingDepartments'))).toBe('原文：市金融工作局');
    await s.w.screenshot('as-written-detail-zh');
    await p.keyboard.press('Escape');
    await p.getByTestId('task-detail').waitFor({ state: 'detached' });
    // English: the words around the data are English
    await p.selectOption('header.topbar select', 'en');
    await openTab(p, 'tasks', `task=${encodeURIComponent(T19)}`, P19);
    await expect.poll(() => text(p, cell(p, 'tasks-grid', T19, 'participatingDepartments')), POLL).toBe('市金融监管局 (as written: 市金融工作局)');
    await s.w.screenshot('as-written-ledger-en');
    await p.selectOption('header.topbar select', 'zh-CN');
  });

  it('undoing the creation of the plan on screen goes back to the list with a notice; redo brings it back', async () => {
    const p = s.w.page;
    const made = await pageCall(p, 'plans.create', { header: { title: '撤销测试规划（2028—2030年）', issuer: '重庆市人民政府', periodStart: 2028, periodEnd: 2030 } });
    expect(made.ok).toBe(true);
    const planId = String(made.value.id);
    await openTab(p, 'overview', '', planId);
    await expect.poll(() => p.getByTestId('plan-header').locator('h1').textContent(), POLL).toBe('撤销测试规划（2028—2030年）');
    await p.getByTestId('undo').click();
    await p.getByTestId('plan-gone-bar').waitFor(POLL);
    expect(await p.evaluate(() => window.location.hash)).toBe('#/');
    expect(await text(p, p.getByTestId('plan-gone-bar'))).toContain('已撤销：新建规划“撤销测试规划（2028—2030年）”。该规划已不在文件中，重做可恢复。');
    expect(await p.getByText('找不到').count()).toBe(0);
    expect(await p.locator(`[data-plan="${planId}"]`).count()).toBe(0);
    await s.w.screenshot('plan-gone-zh');
    await p.getByTestId('redo-creation').click();
    await expect.poll(() => p.evaluate(() => window.location.hash), POLL).toBe(`#/plan/${encodeURIComponent(planId)}/overview`);
    await expect.poll(() => p.getByTestId('plan-header').locator('h1').textContent(), POLL).toBe('撤销测试规划（2028—2030年）');
    // English, and from a copy (plans.create with copyFrom)
    await p.selectOption('header.topbar select', 'en');
    const copy = await pageCall(p, 'plans.create', { header: { title: '复制的规划（2028—2032年）', issuer: '重庆市人民政府', periodStart: 2028, periodEnd: 2032 }, copyFrom: { planId: 'p-yufu-2023-13', targets: 'clear', tasks: false } });
    expect(copy.ok).toBe(true);
    await openTab(p, 'overview', '', String(copy.value.id));
    await expect.poll(() => p.getByTestId('plan-header').locator('h1').textContent(), POLL).toBe('复制的规划（2028—2032年）');
    await p.getByTestId('undo').click();
    await p.getByTestId('plan-gone-bar').waitFor(POLL);
    expect(await text(p, p.getByTestId('plan-gone-bar'))).toMatch(/^Undone: 复制规划.*\. The plan is no longer in the file; redo brings it back\./);
    await s.w.screenshot('plan-gone-en');
    await p.selectOption('header.topbar select', 'zh-CN');
  });
});
