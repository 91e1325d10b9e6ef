/**
 * The city leaders' 分工 where planners look (issue 14 §3, 渝府办发〔2023〕27号): 部门视图 shows each department's
 * 分管市领导 (the list, the heading, and a column of 管理部门), and 市领导分工 lists every leader's 负责 / 分管 /
 * 联系 as written. Screenshots in Chinese and English (tests/artifacts/leaders-*.png).
 */
import { describe, expect, it } from 'vitest';
import { PLAN, openTab, text, workbenchSession } from './workbench-helpers.ts';

describe('分管市领导 and 市领导分工 (browser)', { timeout: 180_000 }, () => {
  const s = workbenchSession();

  it('the department view names the leader who 分管 the department', async () => {
    const p = s.w.page;
    await openTab(p, 'departments', '', PLAN);
    await p.getByTestId('dept-市发展改革委').click();
    await expect.poll(() => text(p, p.getByTestId('dept-heading-leader'))).toBe('分管市领导：陈鸣波（常务副市长）');
    await expect.poll(() => text(p, p.getByTestId('dept-市经济信息委').getByTestId('fenguan-leader'))).toBe('江敦涛（副市长）');
    // a generic body no leader 分管 has no line in the list, and “—” in the heading
    await p.getByTestId('dept-市级有关部门').click();
    await expect.poll(() => text(p, p.getByTestId('dept-heading-leader'))).toBe('分管市领导：—');
    await p.getByTestId('dept-市发展改革委').click();
    await s.w.screenshot('leaders-departments-zh');

    await p.getByTestId('dept-manage').click();
    const dlg = p.getByTestId('dept-catalog');
    await dlg.getByTestId('dept-catalog-table').waitFor();
    expect(await text(p, dlg.locator('thead th').nth(2))).toBe('分管市领导');
    // 市金融监管局（市金融工作局） in the document → the department 市金融监管局; the 市长's 主管 said as such
    await expect.poll(() => text(p, dlg.getByTestId('dept-row-市金融监管局').getByTestId('fenguan-leader'))).toBe('商奎（副市长）');
    expect(await text(p, dlg.getByTestId('dept-row-市政府办公厅').getByTestId('fenguan-leader'))).toBe('胡衡华（市长，主管）');
    expect(await text(p, dlg.getByTestId('dept-row-市级有关部门').getByTestId('fenguan-leader'))).toBe('—');
    await s.w.screenshot('leaders-catalog-zh');
    await dlg.getByTestId('dept-catalog-close').click();
  });

  it('市领导分工 lists every leader with 负责 / 分管 / 联系 as written', async () => {
    const p = s.w.page;
    await p.getByTestId('leaders-open').click();
    const panel = p.getByTestId('leaders-panel');
    await panel.getByTestId('leader-罗清泉').waitFor();
    expect(await panel.locator('.leader-card').count()).toBe(10);
    const shangkui = await text(p, panel.getByTestId('leader-商奎-分管'));
    expect(shangkui).toContain('市金融监管局（市金融工作局）');
    expect(await panel.getByTestId('leader-张国智-分管').locator('.duty').count()).toBe(13);
    // the 市长's 主管 and the 秘书长's 协助市长联系 keep the document's words
    expect(await text(p, panel.getByTestId('leader-胡衡华-分管'))).toContain('主管 市审计局');
    expect(await text(p, panel.getByTestId('leader-罗清泉-联系'))).toContain('协助市长联系 人大、政协、民主党派和工商联工作');
    // unknown to the department list: shown as written, not marked
    expect(await panel.getByTestId('leader-胡衡华-分管').locator('.duty.known').count()).toBe(1);
    await s.w.screenshot('leaders-panel-zh');
    await p.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('in English', async () => {
    const p = s.w.page;
    await p.evaluate(() => localStorage.setItem('plandesk.language', 'en'));
    await p.reload();
    await openTab(p, 'departments', '', PLAN);
    await p.getByTestId('dept-市发展改革委').click();
    await expect.poll(() => text(p, p.getByTestId('dept-heading-leader'))).toBe('Supervising city leader: 陈鸣波 (常务副市长)');
    await s.w.screenshot('leaders-departments-en');
    await p.getByTestId('leaders-open').click();
    await p.getByTestId('leader-罗清泉').waitFor();
    expect(await text(p, p.getByTestId('leaders-panel').locator('h2'))).toBe('City leaders’ division of work');
    await s.w.screenshot('leaders-panel-en');
    await p.keyboard.press('Escape');
    await p.evaluate(() => localStorage.setItem('plandesk.language', 'zh-CN'));
  });
});
