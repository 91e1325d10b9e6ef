/**
 * The 从公文新建规划 review as a screen of its own (issue 14 §2, renderer/src/features/drafting): a real gazette
 * issue (the shared text 000) uploaded, the review at #/draft/<id>; every field of a task and of the header
 * corrected inline (a wrong district and month refused, naming the row and field); a reload of the page finds
 * the review as it was (corrections, decisions, the tab); in English too; 创建规划 creates the corrected plan.
 * Screenshots in Chinese and English (tests/artifacts/drafting-screen-*.png).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pageCall } from '../helpers/browser.ts';
import { gazettePath } from '../helpers/gazette.ts';
import { text, workbenchSession } from './workbench-helpers.ts';

const POLL = { timeout: 30_000, interval: 100 };
const issue = () => gazettePath('000');

describe('the drafting review screen survives a reload (browser)', { timeout: 240_000 }, () => {
  const s = workbenchSession();
  beforeAll(async () => {
    const p = s.w.page;
    // 57号 is seeded: take it out of the file, so it is a new notice here
    expect((await pageCall(p, 'plans.delete', { planId: 'p-yufubanfa-2023-57' })).ok).toBe(true);
    await p.reload();
    await p.getByTestId('dr-file').waitFor({ ...POLL, state: 'attached' });
  }, 60_000);
  const tab = (doc: string) => s.w.page.locator(`[data-testid="dr-draft"][data-doc="${doc}"]`);
  const task0 = () => tab('渝府办发〔2023〕57号').locator('[data-testid="dr-value"][data-path="tasks[0]"]');

  it('opens the review as its own route, corrects every field of a task and the header, refusing bad values by row and field', async () => {
    const p = s.w.page;
    await p.getByTestId('dr-file').setInputFiles(issue());
    await p.getByTestId('dr-review').waitFor(POLL);
    await expect.poll(() => p.evaluate(() => window.location.hash), POLL).toMatch(/^#\/draft\/[\w-]+$/);
    await p.getByTestId('dr-tab').nth(1).click();
    const t57 = tab('渝府办发〔2023〕57号');
    // header: the title corrected
    const title = t57.getByTestId('dr-h-title');
    await title.fill('优化调整稳就业政策全力促发展惠民生若干措施（校）');
    await title.press('Enter');
    const first = task0();
    await first.click();
    await first.getByTestId('dr-edit').click();
    const editor = first.getByTestId('dr-editor');
    for (const f of ['number', 'title', 'leadDepartments', 'participatingDepartments', 'districts', 'deadline', 'deadlineText']) await editor.getByTestId(`dr-edit-${f}`).waitFor();
    const number = await editor.getByTestId('dr-edit-number').inputValue();
    // a district the list lacks: refused, naming the row and the field
    await editor.getByTestId('dr-edit-districts').fill('江津区、火星区');
    await editor.getByTestId('dr-edit-save').click();
    await expect.poll(() => text(p, first.getByTestId('dr-edit-error')), POLL).toBe(`任务 ${number}的“区县”：“火星区”不在区县列表中`);
    await editor.getByTestId('dr-edit-districts').fill('江津区、铜梁区');
    await editor.getByTestId('dr-edit-deadline').fill('2023-13');
    await editor.getByTestId('dr-edit-save').click();
    await expect.poll(() => text(p, first.getByTestId('dr-edit-error')), POLL).toBe(`任务 ${number}的“完成时限”：“2023-13”不是年月（如 2025-06）`);
    await s.w.screenshot('drafting-screen-refused-zh');
    await editor.getByTestId('dr-edit-deadline').fill('2023-12');
    await editor.getByTestId('dr-edit-deadlineText').fill('2023年底前');
    await editor.getByTestId('dr-edit-number').fill(`${number}（校）`);
    await editor.getByTestId('dr-edit-save').click();
    await first.getByTestId('dr-editor').waitFor({ state: 'detached' });
    await expect.poll(() => text(p, first.locator('[data-field="districts"] dd')), POLL).toBe('江津区、铜梁区');
    await first.getByTestId('dr-accept').click();
    await t57.locator('[data-testid="dr-value"][data-path="tasks[1]"]').getByTestId('dr-drop').click();
    await s.w.screenshot('drafting-screen-zh');
  });

  it('a reload finds the review as it was', async () => {
    const p = s.w.page;
    const hash = await p.evaluate(() => window.location.hash);
    await p.reload();
    await p.getByTestId('dr-review').waitFor(POLL);
    expect(await p.evaluate(() => window.location.hash)).toBe(hash);
    const t57 = tab('渝府办发〔2023〕57号');
    await expect.poll(() => t57.isVisible(), POLL).toBe(true); // the tab shown is kept
    expect(await t57.getByTestId('dr-h-title').inputValue()).toBe('优化调整稳就业政策全力促发展惠民生若干措施（校）');
    const first = task0();
    expect(await first.getAttribute('data-decision')).toBe('accepted');
    expect(await text(p, first.locator('[data-field="districts"] dd'))).toBe('江津区、铜梁区');
    expect(await text(p, first.locator('[data-field="deadline"] dd'))).toBe('2023-12');
    expect(await text(p, first.locator('[data-field="deadlineText"] dd'))).toBe('2023年底前');
    expect(await t57.locator('[data-testid="dr-value"][data-path="tasks[1]"]').getAttribute('data-decision')).toBe('dropped');
    await s.w.screenshot('drafting-screen-reloaded-zh');
  });

  it('in English: the same review after a reload, refusals in English naming the row and field', async () => {
    const p = s.w.page;
    await p.evaluate(() => localStorage.setItem('plandesk.language', 'en'));
    await p.reload();
    await p.getByTestId('dr-review').waitFor(POLL);
    const first = task0();
    expect(await first.getAttribute('data-decision')).toBe('accepted');
    await first.getByTestId('dr-edit').click();
    const number = await first.getByTestId('dr-edit-number').inputValue();
    await first.getByTestId('dr-edit-deadline').fill('2023-13');
    await first.getByTestId('dr-edit-save').click();
    await expect.poll(() => text(p, first.getByTestId('dr-edit-error')), POLL).toBe(`Task ${number}, “Deadline”: “2023-13” is not a month (e.g. 2025-06)`);
    await s.w.screenshot('drafting-screen-en');
    await first.getByTestId('dr-edit-deadline').fill('2023-12');
    await first.getByTestId('dr-edit-save').click();
    await p.evaluate(() => localStorage.setItem('plandesk.language', 'zh-CN'));
    await p.reload();
    await p.getByTestId('dr-review').waitFor(POLL);
  });

  it('创建规划 creates the corrected plan; the review is gone from the session, its address says so', async () => {
    const p = s.w.page;
    const hash = await p.evaluate(() => window.location.hash);
    const t57 = tab('渝府办发〔2023〕57号');
    await t57.getByTestId('dr-accept-all').click();
    await t57.getByTestId('dr-create').click();
    await expect.poll(() => p.evaluate(() => window.location.hash), POLL).toMatch(/^#\/plan\/p-draft-2023-57-/);
    const planId = decodeURIComponent((await p.evaluate(() => window.location.hash)).split('/')[2] ?? '');
    const doc = (await pageCall(p, 'plans.document', { planId })).value as { plan: { title: string }; tasks: { number: string; deadline: string | null; deadlineText: string | null; districts: string[] }[] };
    expect(doc.plan.title).toBe('优化调整稳就业政策全力促发展惠民生若干措施（校）');
    const t = doc.tasks.find((x) => x.number.endsWith('（校）'));
    expect(t).toMatchObject({ deadline: '2023-12', deadlineText: '2023年底前' });
    expect(JSON.stringify(t?.districts)).toContain('江津区');
    expect(JSON.stringify(t?.districts)).toContain('铜梁区');
    await p.evaluate((h) => {
      window.location.hash = h;
    }, hash);
    await p.getByTestId('dr-missing').waitFor(POLL);
    await s.w.screenshot('drafting-screen-missing-zh');
  });
});
