/**
 * Authoring plans in the workbench (issue 14 §1): 新建规划 blank and as a copy of 13号 for a new period,
 * the header form in 概览, districts added by group and removed with a confirmation, archive, delete +
 * undo; an empty plan file's list. Screenshots in Chinese and English: tests/artifacts/authoring-*.png.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbenchSession } from './workbench-helpers.ts';
import { openWorkbench, pageCall } from '../helpers/browser.ts';
import { openStore } from '../../db/store.ts';
import { SEEDED_PLANS, tempDir } from '../helpers/store.ts';

const P13 = 'p-yufu-2023-13';

describe('authoring plans in the browser', () => {
  const s = workbenchSession();

  it('creates a blank plan, refusing a bad period by its field, then edits its header', { timeout: 120_000 }, async () => {
    const { page } = s.w;
    await page.getByTestId('new-plan').click();
    const dialog = page.getByTestId('new-plan-dialog');
    await dialog.waitFor();
    await page.getByTestId('new-plan-title').fill('重庆市测试产业规划（2028—2032年）');
    await page.getByTestId('new-plan-issuer').fill('重庆市人民政府');
    await page.getByTestId('new-plan-docNumber').fill('渝府〔2028〕1号');
    await page.getByTestId('new-plan-periodStart').fill('2028');
    await page.getByTestId('new-plan-periodEnd').fill('2026');
    await page.getByTestId('new-plan-create').click();
    await expect.poll(() => page.getByTestId('new-plan-periodEnd-problem').textContent()).toBe('规划截止年份 2026 早于起始年份 2028');
    await s.w.screenshot('authoring-new-plan-problem');
    await page.getByTestId('new-plan-periodEnd').fill('2032');
    // a 文号 another plan has (typed with other brackets): refused beside the field, nothing created
    await page.getByTestId('new-plan-docNumber').fill('渝府[2023]13号');
    await page.getByTestId('new-plan-create').click();
    await expect.poll(() => page.getByTestId('new-plan-docNumber-problem').textContent()).toMatch(/^文号：已是规划“重庆市先进制造业发展“渝西跨越计划”/);
    await s.w.screenshot('authoring-new-plan-doc-number-taken');
    await page.getByTestId('new-plan-docNumber').fill('渝府〔2028〕1号');
    await page.getByTestId('new-plan-create').click();
    await page.getByTestId('plan-header').waitFor();
    await expect.poll(() => page.getByTestId('plan-header').locator('h1').textContent()).toBe('重庆市测试产业规划（2028—2032年）');
    expect(await page.getByTestId('no-districts').textContent()).toBe('本规划未分解到区县。');

    await page.getByTestId('header-edit').click();
    await page.getByTestId('header-issueDate').fill('2028-02-30');
    await page.getByTestId('header-source').fill('测试来源');
    await page.getByTestId('header-save').click();
    await expect.poll(() => page.getByTestId('header-issueDate-problem').textContent()).toContain('发布日期“2028-02-30”格式不对');
    await s.w.screenshot('authoring-header-form');
    await page.getByTestId('header-issueDate').fill('2028-02-28');
    await page.getByTestId('header-title').fill('重庆市测试产业规划（修订）');
    await page.getByTestId('header-save').click();
    await expect.poll(() => page.getByTestId('plan-header').locator('h1').textContent()).toBe('重庆市测试产业规划（修订）');
    expect(await page.getByTestId('plan-header').textContent()).toContain('2028-02-28');

    // 区县: all of 渝西 by group, one more by name, that one removed at once (it holds nothing), then undone
    await page.getByTestId('district-add-group-渝西').click();
    await expect.poll(() => page.getByTestId('district-table').locator('tbody tr').count()).toBe(8);
    await page.getByTestId('district-pick').selectOption('d-500101');
    await page.getByTestId('district-add-one').click();
    await expect.poll(() => page.getByTestId('district-table').locator('tbody tr').count()).toBe(9);
    expect(await page.locator('[data-district="d-500116"]').textContent()).toContain('主城新区 / 渝西');
    await s.w.screenshot('authoring-districts');
    await page.getByTestId('district-remove-d-500101').click();
    await expect.poll(() => page.getByTestId('district-table').locator('tbody tr').count()).toBe(8);
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('district-table').locator('tbody tr').count()).toBe(9);
  });

  it('copies 13号 to a new period; removing a district with values asks first', { timeout: 120_000 }, async () => {
    const { page } = s.w;
    await page.goto(`${s.w.url.split('#')[0]}#/`);
    await page.getByTestId('new-plan').click();
    await page.getByTestId('new-plan-copy').check();
    await page.getByTestId('new-plan-from').selectOption(P13);
    expect(await page.getByTestId('new-plan-periodStart').inputValue()).toBe('2028');
    expect(await page.getByTestId('new-plan-periodEnd').inputValue()).toBe('2032');
    expect(await page.getByTestId('new-plan-issuer').inputValue()).toBe('重庆市人民政府');
    await page.getByTestId('new-plan-title').fill('重庆市先进制造业发展“渝西跨越计划”（2028—2032年）');
    await s.w.screenshot('authoring-copy-dialog');
    await page.getByTestId('new-plan-create').click();
    await expect.poll(() => page.getByTestId('plan-header').locator('h1').textContent()).toBe('重庆市先进制造业发展“渝西跨越计划”（2028—2032年）');
    await expect.poll(() => page.getByTestId('plan-origin').textContent()).toBe('重庆市先进制造业发展“渝西跨越计划”（2023—2027年）');
    expect(await page.getByTestId('district-table').locator('tbody tr').count()).toBe(8);
    expect(await page.getByTestId('task-count').textContent()).toBe('21');

    await page.getByTestId('district-remove-d-500116').click();
    const confirm = page.getByTestId('district-remove-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('江津区在本规划中有 1 个目标值、14 项任务');
    await s.w.screenshot('authoring-remove-district-confirm');
    await page.getByTestId('district-remove-confirm').click();
    await expect.poll(() => page.getByTestId('district-table').locator('tbody tr').count()).toBe(7);
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('district-table').locator('tbody tr').count()).toBe(8);
  });

  it('archives a plan behind the toggle, deletes 13号 with a confirmation and undoes the delete', { timeout: 120_000 }, async () => {
    const { page } = s.w;
    await page.goto(`${s.w.url.split('#')[0]}#/`);
    const rows = page.getByTestId('plan-list').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(SEEDED_PLANS + 2);
    const copyId = (await pageCall(page, 'plans.list', {})).value.find((p: { originPlanId: string | null }) => p.originPlanId === P13).id as string;
    await page.getByTestId(`archive-${copyId}`).click();
    await expect.poll(() => rows.count()).toBe(SEEDED_PLANS + 1);
    await page.getByTestId('show-archived').check();
    await expect.poll(() => rows.count()).toBe(SEEDED_PLANS + 2);
    expect(await page.locator(`[data-plan="${copyId}"]`).textContent()).toContain('已归档');
    await s.w.screenshot('authoring-archived');
    await page.getByTestId('show-archived').uncheck();

    await page.getByTestId(`delete-${P13}`).click();
    const dialog = page.getByTestId('delete-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('8 个区县、9 个产业集群、9 项指标、21 项任务');
    await s.w.screenshot('authoring-delete-confirm');
    await page.getByTestId('delete-confirm').click();
    await expect.poll(() => rows.count()).toBe(SEEDED_PLANS);
    expect(await page.locator(`[data-plan="${P13}"]`).count()).toBe(0);
    await page.getByTestId('deleted-bar').waitFor();
    await s.w.screenshot('authoring-deleted');
    await page.getByTestId('undo-delete').click();
    await expect.poll(() => rows.count()).toBe(SEEDED_PLANS + 1);
    expect((await pageCall(page, 'plans.get', { planId: P13 })).value.taskCount).toBe(21);
  });

  it('says it all in English too', { timeout: 120_000 }, async () => {
    const { page } = s.w;
    await page.evaluate(() => localStorage.setItem('plandesk.language', 'en'));
    await page.goto(`${s.w.url.split('#')[0]}#/`);
    await page.getByTestId('plan-list').waitFor();
    expect(await page.getByTestId('new-plan').textContent()).toBe('New plan');
    await page.getByTestId('new-plan').click();
    await page.getByTestId('new-plan-copy').check();
    await page.getByTestId('new-plan-from').selectOption(P13);
    await s.w.screenshot('authoring-en-copy-dialog');
    await page.getByTestId('new-plan-cancel').click();
    await page.getByTestId(`delete-${P13}`).click();
    expect(await page.getByTestId('delete-dialog').textContent()).toContain('8 districts, 9 clusters, 9 indicators, 21 tasks');
    await s.w.screenshot('authoring-en-delete-confirm');
    await page.getByTestId('delete-cancel').click();
    await page.goto(`${s.w.url.split('#')[0]}#/plan/${P13}/overview`);
    await page.getByTestId('header-edit').click();
    await s.w.screenshot('authoring-en-header-form');
    await page.getByTestId('header-cancel').click();
    await page.getByTestId('district-remove-d-500116').click();
    expect(await page.getByTestId('district-remove-dialog').textContent()).toContain('has 1 target value and 14 tasks in this plan');
    await s.w.screenshot('authoring-en-remove-district');
    await page.getByTestId('district-remove-cancel').click();
    await page.evaluate(() => localStorage.setItem('plandesk.language', 'zh-CN'));
  });
});

describe('an empty plan file', () => {
  it('shows a clear empty state with 新建规划', { timeout: 120_000 }, async () => {
    const file = path.join(tempDir(), 'empty.plandesk');
    openStore(file, { create: 'reference' }).close();
    const w = await openWorkbench({ dbFile: file });
    try {
      await w.page.getByTestId('plans-empty').waitFor({ timeout: 60_000 });
      expect(await w.page.getByTestId('plans-empty').textContent()).toContain('这个规划文件里还没有规划');
      // 新建规划 appears once the host has said the file is writable (app.info), which may answer after the list.
      await w.page.getByTestId('new-plan').waitFor({ state: 'visible', timeout: 30_000 });
      await w.screenshot('authoring-empty-file');
    } finally {
      await w.close();
    }
  });
});
