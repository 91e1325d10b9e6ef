/**
 * The web host gone for good while a tab is open (stopped, crashed, killed): an edit typed then is not
 * saved, and the planner is told so — in the notice, beside the cell, with what was typed — and the page
 * keeps working (no page error, other tabs say the same, nothing half-shown as saved). In Chinese and English.
 */
import { describe, expect, it } from 'vitest';
import { cell, openTab, text, typeInto, workbenchSession } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };
const GRID = 'targets-grid';

describe('an edit when the web host is gone for good (browser)', { timeout: 120_000 }, () => {
  const s = workbenchSession();

  it('says the edit was not saved, names the cell and what was typed, and keeps the old value', async () => {
    const p = s.w.page;
    await openTab(p, 'targets');
    const target = cell(p, GRID, 'd-500116', 'y2025');
    await target.waitFor();
    const before = await text(p, target);
    await s.w.killHost();

    await typeInto(p, target, '4567');
    await p.keyboard.press('Enter');
    const notice = p.getByTestId('notice').filter({ hasText: '无法连接规划工作台后台' });
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('这次修改没有保存');
    expect(await notice.textContent()).toMatch(/江津区 · 2025.*：未保存，输入的是“4567”/);
    // the cell shows what is stored (the old value), marked as not saved
    await expect.poll(() => text(p, target), POLL).toBe(before);
    await expect.poll(() => target.getAttribute('class'), POLL).toContain('cell-error');
    await s.w.screenshot('host-gone-edit-not-saved');

    // the page keeps working: another tab says the content did not load, instead of hanging or raw errors
    await openTab(p, 'tasks');
    await p.getByTestId('notice').filter({ hasText: '无法连接规划工作台后台，内容没有载入' }).first().waitFor({ timeout: 20_000 });
  });

  it('a screen that cannot load says so with a retry (never an empty plan list), in English too', async () => {
    const p = s.w.page;
    await p.evaluate(() => (window.location.hash = '#/'));
    const failed = p.getByTestId('load-failed');
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.textContent()).toContain('没有载入');
    // not the empty state of a file without plans
    expect(await p.getByTestId('plan-list').count()).toBe(0);
    await p.locator('header select').selectOption('en');
    await openTab(p, 'overview');
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.textContent()).toMatch(/^Not loaded \(the notice says why\)\. ?Retry$/);
    await p.getByTestId('load-retry').click();
    await p.getByTestId('notice').filter({ hasText: 'Cannot reach the PlanDesk host: nothing could be loaded' }).first().waitFor({ timeout: 20_000 });
    await failed.waitFor({ timeout: 20_000 });
    await s.w.screenshot('host-gone-en');
  });
});
