/**
 * Authoring in the grids (issue 14 §1), in Chromium against the web host: a cluster and an indicator
 * added (inserted below the cursor), renamed in place, moved, deleted after a confirmation listing what
 * goes, and undone; two departments merged in 管理部门 and the merge undone. Screenshots in Chinese and
 * English (tests/artifacts/catalog-*.png).
 */
import { describe, expect, it } from 'vitest';
import { pageCall } from '../helpers/browser.ts';
import { PLAN, cell, openTab, text, workbenchSession } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };

describe('authoring clusters, indicators and departments (browser)', { timeout: 180_000 }, () => {
  const s = workbenchSession();
  const clusters = async () => ((await pageCall(s.w.page, 'plans.get', { planId: PLAN })).value.clusters as { id: string; name: string; targets: unknown[] }[]);
  const indicators = async () => ((await pageCall(s.w.page, 'indicators.list', { planId: PLAN })).value as { id: string; name: string; unit: string | null; targetText: string | null }[]);

  it('clusters: insert below, rename in place, move up, delete with confirmation, undo', async () => {
    const p = s.w.page;
    await openTab(p, 'clusters');
    const before = await clusters();
    const first = before[0]!;
    await cell(p, 'clusters-grid', first.id, 'name').click();
    await p.getByTestId('cluster-rows-below').click();
    // the new row opens for typing in its name cell
    await expect.poll(async () => (await clusters()).map((c) => c.name)[1], POLL).toBe('新产业集群');
    await p.locator('[data-testid="clusters-grid"] .ag-cell-inline-editing input').waitFor();
    await p.keyboard.press('Control+a');
    await p.keyboard.type('低空经济产业集群');
    await p.keyboard.press('Enter');
    await expect.poll(async () => (await clusters())[1]!.name, POLL).toBe('低空经济产业集群');
    const made = (await clusters())[1]!;
    await cell(p, 'clusters-grid', made.id, 'name').click();
    await p.getByTestId('cluster-rows-up').click();
    await expect.poll(async () => (await clusters())[0]!.id, POLL).toBe(made.id);
    await p.waitForTimeout(800); // the grid's row animation
    await s.w.screenshot('catalog-clusters-zh');
    // delete an existing cluster: the confirmation names what goes with it
    await cell(p, 'clusters-grid', first.id, 'name').click();
    await p.getByTestId('cluster-rows-delete').click();
    const dialog = p.getByTestId('confirm-delete');
    await dialog.waitFor();
    expect(await text(p, dialog.locator('h2'))).toBe(`删除产业集群“${first.name}”？`);
    expect(await text(p, p.getByTestId('confirm-delete-goes'))).toMatch(/^将同时删除：\d+ 个目标值、0 条批注。$/);
    await s.w.screenshot('catalog-cluster-delete-zh');
    await p.getByTestId('confirm-delete-ok').click();
    await expect.poll(async () => (await clusters()).some((c) => c.id === first.id), POLL).toBe(false);
    await p.getByTestId('undo').first().click();
    await expect.poll(async () => (await clusters()).some((c) => c.id === first.id), POLL).toBe(true);
    await cell(p, 'clusters-grid', first.id, 'name').waitFor();
  });

  it('indicators: add with every field typed in the grid, the qualifier kept; move down; delete; undo', async () => {
    const p = s.w.page;
    await openTab(p, 'indicators');
    const before = await indicators();
    await cell(p, 'indicators-grid', before[0]!.id, 'name').click();
    await p.getByTestId('indicator-rows-above').click();
    await expect.poll(async () => (await indicators())[0]!.name, POLL).toBe('新指标');
    await p.locator('[data-testid="indicators-grid"] .ag-cell-inline-editing input').waitFor();
    await p.keyboard.press('Control+a');
    await p.keyboard.type('研发投入强度');
    await p.keyboard.press('Enter');
    const made = (await indicators())[0]!;
    for (const [col, value] of [['unit', '%'], ['targetYear', '2027'], ['targetValue', '2%以上']] as const) {
      await cell(p, 'indicators-grid', made.id, col).click();
      await p.keyboard.type(value);
      await p.keyboard.press('Enter');
    }
    await expect.poll(async () => (await indicators())[0], POLL).toMatchObject({ name: '研发投入强度', unit: '%', targetText: '2%以上' });
    await cell(p, 'indicators-grid', made.id, 'name').click();
    await p.getByTestId('indicator-rows-down').click();
    await expect.poll(async () => (await indicators())[1]!.id, POLL).toBe(made.id);
    await p.waitForTimeout(800); // the grid's row animation
    await s.w.screenshot('catalog-indicators-zh');
    await cell(p, 'indicators-grid', made.id, 'name').click();
    await p.getByTestId('indicator-rows-delete').click();
    expect(await text(p, p.getByTestId('confirm-delete-goes'))).toBe('将同时删除：1 个目标值、0 条批注。');
    await p.getByTestId('confirm-delete-ok').click();
    await expect.poll(async () => (await indicators()).some((i) => i.id === made.id), POLL).toBe(false);
    await p.getByTestId('undo').first().click();
    await expect.poll(async () => (await indicators()).some((i) => i.id === made.id), POLL).toBe(true);
  });

  it('departments: merge two spellings in 管理部门, the tasks follow; undo takes the merge back', async () => {
    const p = s.w.page;
    // two spellings of one department, as two documents wrote it
    const made = await pageCall(p, 'departments.create', { planId: PLAN, name: '市金融办' });
    expect(made.ok).toBe(true);
    const tasks = (await pageCall(p, 'tasks.list', { planId: PLAN, limit: 1 })).value.rows as { id: string; leadDepartments: { name: string }[] }[];
    const t0 = tasks[0]!;
    expect((await pageCall(p, 'tasks.update', { taskId: t0.id, patch: { leadDepartments: ['市金融办'] } })).ok).toBe(true);
    await openTab(p, 'departments');
    await p.getByTestId('dept-manage').click();
    const dlg = p.getByTestId('dept-catalog');
    await dlg.waitFor();
    await dlg.getByTestId('dept-catalog-filter').fill('金融');
    const row = dlg.getByTestId('dept-row-市金融办');
    await row.waitFor();
    await row.getByTestId('dept-merge').click();
    const merge = p.getByTestId('dept-merge-dialog');
    await merge.getByTestId('dept-merge-into').selectOption({ label: '市金融监管局' });
    await s.w.screenshot('catalog-dept-merge-zh');
    await merge.getByTestId('dept-merge-ok').click();
    await expect.poll(() => dlg.getByTestId('dept-row-市金融办').count(), POLL).toBe(0);
    const kept = dlg.getByTestId('dept-row-市金融监管局');
    await expect.poll(() => kept.getByTestId('dept-aliases').inputValue(), POLL).toContain('市金融办');
    expect(await text(p, kept.getByTestId('dept-merged-from'))).toBe('由“市金融办”并入（1 处任务）');
    const refs = async () => (await pageCall(p, 'tasks.list', { planId: PLAN, limit: 1 })).value.rows[0].leadDepartments as { name: string; canonicalName?: string }[];
    const lead = async () => (await refs()).map((d) => d.canonicalName ?? d.name);
    expect(await lead()).toEqual(['市金融监管局']);
    // the task keeps the spelling it had as its wording (task_departments.as_written)
    expect((await refs()).map((d) => d.name)).toEqual(['市金融办']);
    await s.w.screenshot('catalog-dept-merged-zh');
    await dlg.getByTestId('undo').click();
    await expect.poll(() => dlg.getByTestId('dept-row-市金融办').count(), POLL).toBe(1);
    expect(await lead()).toEqual(['市金融办']);
    await dlg.getByTestId('dept-catalog-close').click();
  });

  it('the clusters’ charts are not drawn again when only the cursor moves (their options are built once per matrix and year)', async () => {
    const p = s.w.page;
    await openTab(p, 'clusters');
    const list = await clusters();
    await cell(p, 'clusters-grid', list[1]!.id, 'note').click();
    // Watch only once both charts are drawn and stay as drawn (a fixed wait raced a slow first draw on busy machines).
    const options = () => p.evaluate(() => ['chart-cluster-share', 'chart-cluster-bars'].map((id) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.dataset.option ?? '').join('|'));
    let before = '';
    await expect.poll(async () => {
      const now = await options();
      const settled = now === before && !now.startsWith('|') && !now.endsWith('|');
      before = now;
      return settled;
    }, { timeout: 20_000, interval: 300 }).toBe(true);
    const drawn = await p.evaluate(() => {
      const n = { count: 0 };
      const o = new MutationObserver((l) => (n.count += l.filter((m) => m.attributeName === 'data-option').length));
      for (const id of ['chart-cluster-share', 'chart-cluster-bars']) o.observe(document.querySelector(`[data-testid="${id}"]`)!, { attributes: true, subtree: true });
      (window as unknown as { __drawn: typeof n }).__drawn = n;
      return true;
    });
    expect(drawn).toBe(true);
    // moving the cursor and a block selection re-render the tab
    await cell(p, 'clusters-grid', list[2]!.id, 'note').click();
    await p.keyboard.press('Shift+ArrowDown');
    await p.keyboard.press('ArrowDown');
    await cell(p, 'clusters-grid', list[3]!.id, 'source').click();
    await p.waitForTimeout(600);
    expect(await p.evaluate(() => (window as unknown as { __drawn: { count: number } }).__drawn.count)).toBe(0);
  });

  it('the same tools in English', async () => {
    const p = s.w.page;
    await p.evaluate(() => localStorage.setItem('plandesk.language', 'en'));
    await p.reload();
    await openTab(p, 'clusters');
    const first = (await clusters()).find((c) => c.targets.length > 0)!;
    await cell(p, 'clusters-grid', first.id, 'name').click();
    expect(await text(p, p.getByTestId('cluster-rows-below'))).toBe('Insert below');
    await s.w.screenshot('catalog-clusters-en');
    await p.getByTestId('cluster-rows-delete').click();
    expect(await text(p, p.getByTestId('confirm-delete-goes'))).toMatch(/^This also deletes \d+ target value\(s\) and 0 comment\(s\)\.$/);
    await s.w.screenshot('catalog-cluster-delete-en');
    await p.keyboard.press('Escape');
    await openTab(p, 'departments');
    await p.getByTestId('dept-manage').click();
    const dlg = p.getByTestId('dept-catalog');
    await dlg.getByTestId('dept-catalog-filter').fill('金融');
    await dlg.getByTestId('dept-row-市金融办').getByTestId('dept-merge').click();
    await p.getByTestId('dept-merge-dialog').waitFor();
    expect(await p.getByTestId('dept-merge-ok').isDisabled()).toBe(true); // nothing chosen yet
    await p.getByTestId('dept-merge-into').selectOption({ label: '市金融监管局' });
    await s.w.screenshot('catalog-dept-merge-en');
    await p.keyboard.press('Escape');
    await p.evaluate(() => localStorage.setItem('plandesk.language', 'zh-CN'));
  });
});
