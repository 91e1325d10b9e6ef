/**
 * Comments (批注) in Chromium against the web host: right-click a target cell → add a comment → the red
 * corner marker appears, hover shows author and time, the popover edits it; Shift+F2 on a task in the
 * ledger adds a task comment shown on its title cell; undo removes it; another tab sees a comment
 * appear without a reload. Screenshots in Chinese and English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';
import { cell, openTab, text, waitForApp } from './workbench-helpers.ts';

const POLL = { timeout: 20_000, interval: 100 };
const TARGETS = 'targets-grid';
const TASKS = 'tasks-grid';
const PLAN = 'p-yufu-2023-13';
const T = (n: string) => `${PLAN}/t/${n}`;

describe('comments (browser)', { timeout: 180_000 }, () => {
  let w: WebSession;

  beforeAll(async () => {
    w = await openWorkbench();
    await waitForApp(w.page);
    expect((await pageCall(w.page, 'identity.set', { name: '王五', department: '市人社局', district: '江津区' })).ok).toBe(true);
    await openTab(w.page, 'targets');
    await cell(w.page, TARGETS, 'd-500116', 'y2027').waitFor();
  }, 200_000);
  afterAll(async () => {
    await w.close();
  });

  it('right-click a target cell → add a comment: the corner marker, the hover text, the popover to edit', async () => {
    const p = w.page;
    const target = cell(p, TARGETS, 'd-500116', 'y2027');
    expect(await target.getAttribute('class')).not.toContain('cell-commented');
    await target.click({ button: 'right' });
    await p.getByTestId('comment-menu-open').click();
    const pop = p.getByTestId('comment-popover');
    await pop.waitFor();
    expect(await text(p, pop)).toContain('江津区 · 2027年 批注');
    await pop.getByTestId('comment-new-body').fill('江津区 2027 年目标待区县确认');
    await pop.getByTestId('comment-add').click();
    await expect.poll(() => pop.getByTestId('comment-body').count(), POLL).toBe(1);
    expect(await text(p, pop.getByTestId('comment'))).toContain('王五（市人力社保局 · 江津区）');
    await expect.poll(async () => (await target.getAttribute('class')) ?? '', POLL).toContain('cell-commented');
    await w.screenshot('comments-target-popover-zh');
    await p.keyboard.press('Escape');
    await pop.waitFor({ state: 'detached' });
    // the marker is drawn: a red triangle in the cell's corner
    const marker = await target.evaluate((el) => {
      const s = getComputedStyle(el, '::after');
      return { border: s.borderRightColor, width: s.borderRightWidth, position: s.position };
    });
    expect(marker).toEqual({ border: 'rgb(208, 22, 27)', width: '8px', position: 'absolute' });
    await target.hover();
    await expect.poll(() => p.locator('.ag-tooltip').first().textContent().catch(() => ''), POLL).toContain('江津区 2027 年目标待区县确认');
    expect(await p.locator('.ag-tooltip').first().textContent()).toContain('王五');
    await w.screenshot('comments-target-hover-zh');

    // a click on the triangle opens it again; edit
    const box = (await target.boundingBox())!;
    await p.mouse.click(box.x + box.width - 4, box.y + 3);
    await pop.waitFor();
    await pop.getByTestId('comment-edit').click();
    await pop.getByTestId('comment-edit-body').fill('已确认');
    await pop.getByTestId('comment-edit-save').click();
    await expect.poll(() => text(p, pop.getByTestId('comment-body')), POLL).toBe('已确认');
    expect(await text(p, pop.getByTestId('comment'))).toContain('（已修改）');
    await p.keyboard.press('Escape');
    const listed = await pageCall(p, 'comments.list', { planId: PLAN });
    expect(listed.value.map((c: { body: string }) => c.body)).toEqual(['已确认']);
  });

  it('Shift+F2 on a task adds a task comment, shown on its title cell; undo removes it', async () => {
    const p = w.page;
    await openTab(p, 'tasks');
    const title = cell(p, TASKS, T('4-3'), 'title');
    await title.waitFor();
    await cell(p, TASKS, T('4-3'), 'progress').click();
    await p.keyboard.press('Shift+F2');
    const pop = p.getByTestId('comment-popover');
    await pop.waitFor();
    await pop.getByTestId('comment-new-body').fill('请牵头单位补充进展');
    await pop.getByTestId('comment-add').click();
    await expect.poll(async () => (await title.getAttribute('class')) ?? '', POLL).toContain('cell-commented');
    await expect.poll(() => text(p, pop.getByTestId('comment-body')), POLL).toBe('请牵头单位补充进展');
    expect(await cell(p, TASKS, T('4-3'), 'progress').getAttribute('class')).not.toContain('cell-commented');
    // not in edit mode: Shift+F2 did not start editing the cell
    expect(await p.locator(`[data-testid="${TASKS}"] .ag-cell-inline-editing`).count()).toBe(0);
    await w.screenshot('comments-task-zh');
    await p.keyboard.press('Escape');
    await cell(p, TASKS, T('4-3'), 'status').click({ button: 'right' });
    expect(await text(p, p.getByTestId('comment-menu'))).toBe('1 条批注');
    await p.keyboard.press('Escape');
    await p.getByTestId('undo').first().click();
    await expect.poll(async () => (await title.getAttribute('class')) ?? '', POLL).not.toContain('cell-commented');
    await p.getByTestId('redo').first().click();
    await expect.poll(async () => (await title.getAttribute('class')) ?? '', POLL).toContain('cell-commented');
  });

  it('another tab sees a new comment without a reload; English', async () => {
    const p = w.page;
    const other = await p.context().newPage();
    await other.goto(w.url);
    await waitForApp(other);
    await other.locator('header select').selectOption('en');
    await openTab(other, 'targets');
    const c = cell(other, TARGETS, 'd-500117', 'y2026');
    await c.waitFor();
    const added = await pageCall(p, 'comments.add', {
      planId: PLAN,
      on: { target: 'cell', cell: { indicatorId: `${PLAN}/i/revenue`, scope: 'district', scopeId: 'd-500117', year: 2026, kind: 'target' } },
      body: 'pushed',
    });
    expect(added.ok).toBe(true);
    await expect.poll(async () => (await c.getAttribute('class')) ?? '', POLL).toContain('cell-commented');
    await c.click({ button: 'right' });
    expect(await text(other, other.getByTestId('comment-menu'))).toBe('Comments (1)');
    await other.getByTestId('comment-menu-open').click();
    const pop = other.getByTestId('comment-popover');
    await pop.waitFor();
    expect(await text(other, pop)).toContain('comments');
    expect(await text(other, pop)).toContain('Add comment');
    await other.screenshot({ path: 'tests/artifacts/comments-target-popover-en.png', fullPage: true });
    await other.close();
  });
});
