/**
 * English mode says every word in English (issue 13): each tab of a plan is opened in Chromium with
 * the language set to English, and every text the page shows — text nodes, placeholders, titles,
 * chart text (SVG) — is checked for Chinese characters, after removing plan content: every string
 * the API hands over as data (names, titles, the document's wording, units), never the enumerated
 * words (statuses), which must be translated. Screenshots: tests/artifacts/english-<tab>.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';
import { TASK_STATUSES } from '../../domain/tasks.ts';
import { cell } from './workbench-helpers.ts';
import { settleWatcher } from '../helpers/settle.ts';

const PLAN = 'p-yufu-2023-13';
const TABS = ['overview', 'targets', 'clusters', 'indicators', 'tasks', 'departments', 'checks', 'breakdown', 'completion', 'versions', 'transfer'];
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** Words the API sends that are not plan content: enumerations the UI must translate. */
const ENUMS = new Set<string>([...TASK_STATUSES, '达标', '预警', '无数据', '预期性', '约束性']);

function strings(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') {
    if (CJK.test(v) && !ENUMS.has(v)) out.add(v);
  } else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
}

describe('English mode', () => {
  let w: WebSession;
  let settle: ReturnType<typeof settleWatcher>;
  const data = new Set<string>();
  beforeAll(async () => {
    w = await openWorkbench();
    settle = settleWatcher(w.page);
    await w.page.getByTestId('plan-list').waitFor();
    await w.page.evaluate(() => localStorage.setItem('plandesk.language', 'en'));
    const grab = async (name: string, input: unknown) => strings((await pageCall(w.page, name, input)).value, data);
    await grab('plans.list', {});
    const ov = (await pageCall(w.page, 'plans.get', { planId: PLAN })).value as { indicators: { id: string }[] };
    strings(ov, data);
    await grab('tasks.list', { planId: PLAN, limit: 5000 });
    await grab('departments.list', {});
    await grab('leaders.list', {}); // the 分管市领导 of 部门视图 (s6-auth14b)
    await grab('districts.list', {});
    await grab('versions.list', { planId: PLAN });
    for (const i of ov.indicators) await grab('completion.table', { indicatorId: i.id });
    // findings: their values are plan content; their Chinese title/message/label are the core's text, not data
    const checks = (await pageCall(w.page, 'checks.run', { planId: PLAN })).value as { findings: { params: object; cells: { labelParams: object }[]; numbers: { label: string; labelCode: string | null; unit: string | null }[] }[] };
    for (const f of checks.findings) {
      strings(f.params, data);
      for (const c of f.cells) strings(c.labelParams, data);
      for (const n of f.numbers) strings([n.unit, n.labelCode ? null : n.label], data);
    }
  });
  afterAll(async () => {
    await w.close();
  });

  /** Texts the page shows that hold Chinese after plan content (`content`, longest first) is taken out. */
  async function chineseOutside(content: string[]): Promise<Set<string>> {
    const texts = await w.page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('script,style,[hidden]') || !n.textContent?.trim()) continue;
        // the language menu names each language in its own words
        if (el.closest('option') && /^(中文|English)$/.test(n.textContent.trim())) continue;
        out.push(n.textContent.trim());
      }
      for (const el of document.querySelectorAll<HTMLElement>('[placeholder],[title],[aria-label]')) {
        for (const a of ['placeholder', 'title', 'aria-label']) {
          const v = el.getAttribute(a);
          if (v) out.push(v);
        }
      }
      // chart legends and axis names: the series each chart was drawn with (data-option, see Chart.tsx)
      for (const el of document.querySelectorAll<HTMLElement>('[data-option]')) {
        try {
          for (const s of JSON.parse(el.dataset.option ?? '[]') as { name?: unknown }[]) if (typeof s.name === 'string' && s.name) out.push(s.name);
        } catch {
          /* cut at 20,000 characters: the names come first */
        }
      }
      return out;
    });
    const bad = new Set<string>();
    for (const text of texts) {
      // strip plan content, longest first, then the list separators data is joined with; also tried with
      // deadlines as planners write them taken out first, shown as examples of what may be typed (2027年12月)
      const left = (from: string) => {
        let rest = from;
        for (const c of content) if (rest.includes(c)) rest = rest.split(c).join(' ');
        // separators data is joined with, and numbers as planners type them (3万, 1.4万亿, 30左右: input notation)
        return rest.replace(/[、，（）]/g, ' ').replace(/\d+(\.\d+)?(万亿|万|亿|左右)/g, ' ');
      };
      if (CJK.test(left(text)) && CJK.test(left(text.replace(/\d{4}年(\d{1,2}月)?(至\d{4}年间)?/g, ' '))))
        bad.add(text.length > 120 ? `${text.slice(0, 120)}…` : text);
    }
    return bad;
  }

  it('no tab shows a Chinese word outside plan content', { timeout: 240_000 }, async () => {
    const base = w.page.url().replace(/#.*$/, '');
    const content = [...data].sort((a, b) => b.length - a.length);
    const found: Record<string, string[]> = {};
    const pages: [string, string, string][] = [
      ['plans', '#/', 'plan-list'],
      ...TABS.map((tab): [string, string, string] => [tab, `#/plan/${PLAN}/${tab}`, `tab-${tab}`]),
      ['report', `#/plan/${PLAN}/transfer/${encodeURIComponent('view=report')}`, 'report-ranking'],
    ];
    for (const [tab, hash, ready] of pages) {
      await w.page.goto(`${base}${hash}`);
      await w.page.reload();
      await w.page.getByTestId(ready).waitFor();
      // grids, charts and late requests settle: no API request in flight and no DOM change for 600 ms
      // (instead of a fixed 2.5 s; a page that never settles is looked at after 10 s)
      await settle.settled();
      const bad = await chineseOutside(content);
      if (bad.size) found[tab] = [...bad];
      await w.screenshot(`english-${tab}`);
    }
    expect(found).toEqual({});
  });

  it('refusals of the core are told in English (the task detail panel, versions, identity)', { timeout: 240_000 }, async () => {
    const p = w.page;
    const base = p.url().replace(/#.*$/, '');
    const content = [...data].sort((a, b) => b.length - a.length);
    const found: Record<string, string[]> = {};
    // the task detail panel: an empty name (refused before it is sent), then a deadline outside the plan period, refused by the core
    await p.goto(`${base}#/plan/${PLAN}/tasks`);
    await p.reload();
    await cell(p, 'tasks-grid', `${PLAN}/t/5-4`, 'detail').locator('button').click();
    await p.getByTestId('task-detail').waitFor();
    const title = await p.getByTestId('detail-title').inputValue();
    await p.getByTestId('detail-title').fill('  ');
    await p.getByTestId('detail-deadline').fill('2031-01');
    await p.getByTestId('detail-save').click();
    await p.getByTestId('detail-error-title').waitFor();
    expect(await p.getByTestId('detail-error-title').innerText()).toBe('Task name: must not be empty');
    await p.getByTestId('detail-title').fill(title);
    await p.getByTestId('detail-save').click();
    await p.getByTestId('detail-error-deadline').waitFor();
    expect(await p.getByTestId('detail-error-deadline').innerText()).toContain('The deadline 2031-01 lies outside the plan period (2023–2027)');
    await p.getByTestId('notice').first().waitFor();
    let bad = await chineseOutside(content);
    if (bad.size) found['task detail'] = [...bad];
    await w.screenshot('english-refusal-task-detail');
    // versions: a version that does not exist (a stale list), refused as not found
    await p.goto(`${base}#/plan/${PLAN}/versions`);
    await p.reload();
    await p.getByTestId('tab-versions').waitFor();
    const r = await pageCall(p, 'versions.restore', { versionId: 999 });
    expect(r).toMatchObject({ ok: false, error: { reason: 'notFound' } });
    // the identity dialog: no name, no department
    await p.getByTestId('identity-button').click();
    const dialog = p.getByTestId('identity-dialog');
    await dialog.waitFor();
    await p.getByTestId('identity-name').fill('');
    await p.getByTestId('identity-department').fill('');
    await p.getByTestId('identity-save').click();
    await p.getByTestId('notice').filter({ hasText: 'Your identity was not saved' }).waitFor();
    bad = await chineseOutside(content);
    if (bad.size) found['identity'] = [...bad];
    await w.screenshot('english-refusal-identity');
    await p.getByTestId('identity-later').click();
    expect(found).toEqual({});
  });
});

