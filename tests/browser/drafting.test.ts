/**
 * 从公文新建规划 in Chromium against the web host (seeded file): upload a gazette issue (the shared text
 * 000, three notices), review the notice not in the file (渝府办发〔2023〕57号): select a value and see its
 * quote highlighted in the source, correct one task's title, drop another task, accept the rest,
 * 创建规划, and see the plan with the corrected value and without the dropped one; undo takes it away.
 * The notice whose 文号 is seeded (渝府〔2023〕13号) offers the comparison with the existing plan instead.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageCall } from '../helpers/browser.ts';
import { gazettePath } from '../helpers/gazette.ts';
import { text, workbenchSession } from './workbench-helpers.ts';

const POLL = { timeout: 30_000, interval: 100 };
const issue = () => gazettePath('000');

describe('drafting a plan from a document (browser)', { timeout: 240_000 }, () => {
  const s = workbenchSession();
  // 57号 is seeded now: take it (and 万盛经开区管委会, which only it names) out of the file, so it is a new notice here
  beforeAll(async () => {
    const p = s.w.page;
    expect((await pageCall(p, 'plans.delete', { planId: 'p-yufubanfa-2023-57' })).ok).toBe(true);
    const deps = (await pageCall(p, 'departments.list', {})).value as { id: string; name: string }[];
    const wansheng = deps.find((d) => d.name === '万盛经开区管委会');
    expect((await pageCall(p, 'departments.delete', { planId: 'p-yufu-2023-13', departmentId: wansheng?.id })).ok).toBe(true);
    await p.reload();
    await p.getByTestId('dr-file').waitFor({ ...POLL, state: 'attached' });
  }, 60_000);

  async function upload() {
    const p = s.w.page;
    await p.getByTestId('dr-file').setInputFiles(issue());
    await p.getByTestId('dr-review').waitFor(POLL);
    await expect.poll(() => p.getByTestId('dr-tab').count(), POLL).toBe(3);
  }
  const tab = (doc: string) => s.w.page.locator(`[data-testid="dr-draft"][data-doc="${doc}"]`);

  it('refuses a file it cannot read, naming it', async () => {
    const p = s.w.page;
    await p.getByTestId('dr-file').setInputFiles({ name: '坏文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
    await expect.poll(() => text(p, p.getByTestId('notice').last()), POLL).toContain('坏文件.pdf');
  });

  it('offers the comparison for a 文号 already in the file', async () => {
    const p = s.w.page;
    await upload();
    const t13 = tab('渝府〔2023〕13号');
    await expect.poll(() => text(p, t13.getByTestId('dr-exists')), POLL).toContain('渝府〔2023〕13号');
    await expect(t13.getByTestId('dr-create').isDisabled()).resolves.toBe(true);
    await t13.getByTestId('dr-compare').click();
    await t13.getByTestId('ver-summary').waitFor(POLL);
    // matched by content: the header, districts and clusters are the seed's; wording differences show as changes
    await expect.poll(() => text(p, t13.getByTestId('ver-summary-plan_district')), POLL).toMatch(/0\s*0\s*0\s*0$/);
    await expect.poll(() => t13.getByTestId('ver-change').count(), POLL).toBeGreaterThan(0);
    await s.w.screenshot('drafting-compare-zh');
    await t13.getByTestId('dr-compare').click();
  });

  it('reviews a notice, corrects one task, drops one, creates the plan, and undo takes it back', async () => {
    const p = s.w.page;
    await p.getByTestId('dr-tab').nth(1).click();
    const t57 = tab('渝府办发〔2023〕57号');
    await expect.poll(() => text(p, t57.getByTestId('dr-h-docNumber').locator('xpath=..')), POLL).toBe('文号');
    await expect(t57.getByTestId('dr-h-docNumber').inputValue()).resolves.toBe('渝府办发〔2023〕57号');
    // the new units are flagged
    await expect.poll(() => text(p, t57.getByTestId('dr-newdeps')), POLL).toContain('万盛经开区管委会');
    // select a task: its quote is highlighted in the source and its reasons shown
    const first = t57.locator('[data-testid="dr-value"][data-path="tasks[0]"]');
    await first.click();
    await expect.poll(() => text(p, t57.getByTestId('dr-quote').first()), POLL).toContain('进一步强化就业优先导向');
    await expect.poll(() => text(p, first.getByTestId('dr-reasons')), POLL).toContain('万盛经开区管委会');
    await expect.poll(() => t57.locator('[data-testid="dr-source"] .dr-line.hit').first().getAttribute('data-line'), POLL).toBe('486');
    // correct: a bad deadline is refused, then the title is changed
    await first.getByTestId('dr-edit').click();
    await first.getByTestId('dr-edit-deadline').fill('2023-13');
    await first.getByTestId('dr-edit-save').click();
    await expect.poll(() => text(p, first.getByTestId('dr-edit-error')), POLL).toContain('2023-13');
    await first.getByTestId('dr-edit-deadline').fill('');
    await first.getByTestId('dr-edit-title').fill('进一步强化就业优先导向（已校正）');
    await first.getByTestId('dr-edit-save').click();
    await expect.poll(() => text(p, first), POLL).toContain('（已校正）');
    await first.getByTestId('dr-accept').click();
    // drop the second task
    const second = t57.locator('[data-testid="dr-value"][data-path="tasks[1]"]');
    const droppedTitle = await text(p, second.locator('[data-field="title"] dd'));
    await second.getByTestId('dr-drop').click();
    await expect.poll(() => second.getAttribute('data-decision'), POLL).toBe('dropped');
    // sort by confidence, lowest first
    await t57.getByTestId('dr-sort').selectOption('confidence');
    const confidences = await t57.getByTestId('dr-confidence').allTextContents();
    const nums = confidences.map((c) => Number(c.replace('%', '')));
    expect(nums).toEqual([...nums].sort((a, b) => a - b));
    await s.w.screenshot('drafting-review-zh');
    await t57.getByTestId('dr-accept-all').click();
    await expect.poll(() => text(p, t57.getByTestId('dr-counts')), POLL).toContain('已删除 1');
    await t57.getByTestId('dr-create').click();
    await expect.poll(() => p.evaluate(() => window.location.hash), POLL).toMatch(/^#\/plan\/p-draft-2023-57-/);
    const planId = decodeURIComponent((await p.evaluate(() => window.location.hash)).split('/')[2] ?? '');
    const doc = (await pageCall(p, 'plans.document', { planId })).value as { plan: { source: string }; tasks: { title: string; source: string }[] };
    // each record keeps the line and the words it was read from; the plan its file and 文号 (db/draft/source.ts)
    expect(doc.plan.source).toMatch(/^000_.*\.txt（渝府办发〔2023〕57号）$/);
    expect(doc.tasks.every((x) => /第\d+行：“.+”$/.test(x.source))).toBe(true);
    const titles = doc.tasks.map((x) => x.title);
    expect(titles).toContain('进一步强化就业优先导向（已校正）');
    expect(titles).not.toContain(droppedTitle);
    expect(titles).toHaveLength(18);
    await expect.poll(() => text(p, p.getByTestId('history-label')), POLL).toContain('新建规划“优化调整稳就业政策全力促发展惠民生若干措施”'); // plans.create's label
    await expect.poll(() => text(p, p.locator('[data-testid="tasks-grid"] .ag-row').first()), POLL).toContain('（已校正）');
    await s.w.screenshot('drafting-created-zh');
    // one undoable step
    await p.getByTestId('undo').click();
    await expect.poll(async () => ((await pageCall(p, 'plans.list', {})).value as { id: string }[]).some((x) => x.id === planId), POLL).toBe(false);
  });

  it('drafts a PDF the same way, its lines numbered by page', async () => {
    const p = s.w.page;
    await p.evaluate(() => {
      window.location.hash = '#/';
    });
    await p.getByTestId('plan-list').waitFor(POLL);
    await p.getByTestId('dr-file').setInputFiles(path.resolve('tests/fixtures/draft/gazette-000.pdf'));
    await p.getByTestId('dr-review').waitFor(POLL);
    await expect.poll(() => p.getByTestId('dr-tab').count(), POLL).toBe(3);
    await p.getByTestId('dr-tab').nth(1).click();
    const t57 = tab('渝府办发〔2023〕57号');
    await t57.locator('[data-testid="dr-value"][data-path="tasks[0]"]').click();
    await expect.poll(() => text(p, t57.getByTestId('dr-quote').first()), POLL).toContain('进一步强化就业优先导向');
    await expect.poll(() => text(p, t57.locator('.dr-line.hit .dr-lno').first()), POLL).toMatch(/^\d+:\d+$/);
    await s.w.screenshot('drafting-pdf-zh');
    await p.getByTestId('dr-close').click();
  });

  it('says which notice of an issue is not a plan (001: 27号 分工), in Chinese and English', async () => {
    const p = s.w.page;
    await p.evaluate(() => {
      window.location.hash = '#/';
    });
    await p.getByTestId('plan-list').waitFor(POLL);
    await p.getByTestId('dr-file').setInputFiles(gazettePath('001'));
    await p.getByTestId('dr-review').waitFor(POLL);
    await expect.poll(() => p.getByTestId('dr-tab').count(), POLL).toBe(3);
    await expect.poll(() => text(p, p.getByTestId('dr-skipped')), POLL).toMatch(/^未起草：渝府办发〔2023〕27号 .*工作分工.*（原文第 \d+ 行）——通知中没有指标、目标、区县或任务，不是规划$/);
    await s.w.screenshot('drafting-skipped-zh');
    await p.evaluate(() => localStorage.setItem('plandesk.language', 'en'));
    await p.reload();
    await p.getByTestId('dr-review').waitFor(POLL);
    await expect.poll(() => text(p, p.getByTestId('dr-skipped')), POLL).toMatch(/^Not drafted: 渝府办发〔2023〕27号 .* \(line \d+\) — the notice states no indicators/);
    await s.w.screenshot('drafting-skipped-en');
    await p.evaluate(() => localStorage.setItem('plandesk.language', 'zh-CN'));
    await p.reload();
    await p.getByTestId('dr-close').click();
  });

  it('shows the review in English', async () => {
    const p = s.w.page;
    await p.evaluate(() => {
      localStorage.setItem('plandesk.language', 'en');
      window.location.hash = '#/';
    });
    await p.reload();
    await p.getByTestId('plan-list').waitFor(POLL);
    await expect.poll(() => text(p, p.getByTestId('dr-open')), POLL).toBe('New plan from a document');
    await upload();
    await p.getByTestId('dr-tab').nth(1).click();
    const t57 = tab('渝府办发〔2023〕57号');
    await t57.locator('[data-testid="dr-value"][data-path="tasks[0]"]').click();
    await expect.poll(() => text(p, t57.getByTestId('dr-counts')), POLL).toContain('pending');
    await s.w.screenshot('drafting-review-en');
    await p.getByTestId('dr-tab').nth(0).click();
    await tab('渝府〔2023〕13号').getByTestId('dr-compare').click();
    await tab('渝府〔2023〕13号').getByTestId('ver-summary').waitFor(POLL);
    await s.w.screenshot('drafting-compare-en');
  });
});
