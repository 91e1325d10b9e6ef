/** The review's pure logic (renderer/src/features/drafting/review.ts, highlight.ts) on a real draft of the shared text 000. */
import { describe, expect, it } from 'vitest';
import { ok, seededWithout } from '../helpers/store.ts';
import { gazetteFile } from '../helpers/gazette.ts';
import type { DraftPlan, DraftRead } from '../../contract/ops/draft.ts';
import { correct, correctHeader, counts, reviewedDraft, reviewValues, sortValues, type Decision } from '../../renderer/src/features/drafting/review.ts';
import { highlight } from '../../renderer/src/features/drafting/highlight.ts';

describe('drafting review (pure)', () => {
  // 57号 is seeded now: draft it into a file that lacks it (and its 万盛经开区管委会), as a new notice
  const store = seededWithout('p-yufubanfa-2023-57', ['万盛经开区管委会']);
  const read = ok<DraftRead>(store, 'draft.read', gazetteFile('000'));
  const d13 = read.drafts[0] as DraftPlan;
  const d57 = read.drafts[1] as DraftPlan;
  const lines = read.lines ?? [];

  it('lists every drafted value with its source, in document order; sorts by confidence, lowest first', () => {
    const values = reviewValues(d13);
    const targets = d13.indicators.reduce((n, i) => n + i.targets.length, 0) + d13.districts.reduce((n, x) => n + x.targets.length, 0) + d13.clusters.reduce((n, c) => n + c.targets.length, 0);
    expect(values).toHaveLength(d13.indicators.length + targets + d13.tasks.length);
    expect(values.every((v) => v.source !== null)).toBe(true);
    const lineOf = values.map((v) => v.source?.line ?? 0);
    expect(lineOf).toEqual([...lineOf].sort((a, b) => a - b));
    const jiangjin = values.find((v) => v.kind === 'districtTarget' && v.subject.startsWith('江津区'));
    expect(jiangjin?.fields).toEqual([{ field: 'year', text: '2027' }, { field: 'value', text: '3000' }, { field: 'text', text: expect.any(String) }]);
    const byConf = sortValues(values, 'confidence').map((v) => v.confidence);
    expect(byConf).toEqual([...byConf].sort((a, b) => a - b));
    expect(byConf[0]).toBeLessThan(byConf[byConf.length - 1] ?? 0);
    // a task's confidence is the lowest of its own and its parts' sources, and names the unknown unit
    const t0 = reviewValues(d57).find((v) => v.path === 'tasks[0]');
    expect(t0?.newDepartments).toEqual(['万盛经开区管委会']);
    expect(t0?.reasons.join()).toContain('万盛经开区管委会');
  });

  it('corrects a field as the grids validate it, without changing the draft given', () => {
    const v = reviewValues(d13).find((x) => x.kind === 'districtTarget' && x.subject.startsWith('江津区'));
    if (!v) throw new Error('no 江津区 target');
    const bad = correct(d13, v.path, 'value', '三千');
    expect(bad).toEqual({ refused: { key: 'dr.invalid.decimal', text: '三千' } });
    const good = correct(d13, v.path, 'value', '３,２００');
    if (!('draft' in good)) throw new Error('refused');
    expect(good.draft.districts.find((x) => x.name === '江津区')?.targets[0]?.value).toBe('3200');
    expect(d13.districts.find((x) => x.name === '江津区')?.targets[0]?.value).toBe('3000');
    expect(correct(d57, 'tasks[0]', 'deadline', '2023-13')).toEqual({ refused: { key: 'dr.invalid.month', text: '2023-13' } });
    const dl = correct(d57, 'tasks[0]', 'deadline', '2023年6月');
    expect('draft' in dl && dl.draft.tasks[0]?.deadline).toBe('2023-06');
    expect(correct(d57, 'tasks[0]', 'title', '  ')).toEqual({ refused: { key: 'dr.invalid.required', text: '' } });
    const units = correct(d57, 'tasks[1]', 'leadDepartments', '市人力社保局、新设的局', [{ id: 'u-x', name: '市人力社保局', aliases: [] }]);
    if (!('draft' in units)) throw new Error('refused');
    expect(units.draft.tasks[1]?.leadDepartments).toEqual([{ id: 'u-x', name: '市人力社保局' }, { id: null, name: '新设的局' }]);
    expect(units.draft.newDepartments).toContain('新设的局');
    expect(correctHeader(d57, 'issueDate', '2023-7-27')).toEqual({ refused: { key: 'dr.invalid.date', text: '2023-7-27' } });
    expect(correctHeader(d57, 'periodEnd', '2025')).toMatchObject({ draft: { plan: { periodEnd: 2025 } } });
  });

  it('corrects every field of a draft: indicators (attribute, baseline, target, qualifiers), targets (year), tasks (number, districts, deadline wording)', () => {
    const i0 = reviewValues(d13).find((v) => v.path === 'indicators[0]');
    expect(i0?.fields.map((f) => f.field)).toEqual(['category', 'name', 'unit', 'attribute', 'baselineYear', 'baselineValue', 'baselineText', 'targetYear', 'targetValue', 'targetText', 'statedGrowthText']);
    let d = d13;
    const step = (path: string, field: Parameters<typeof correct>[2], text: string, districts: { id: string; name: string }[] = []) => {
      const r = correct(d, path, field, text, [], districts);
      if (!('draft' in r)) throw new Error(`refused ${field} ${text}`);
      d = r.draft;
    };
    step('indicators[0]', 'attribute', '约束性');
    step('indicators[0]', 'baselineYear', '2022');
    step('indicators[0]', 'baselineValue', '1.2');
    step('indicators[0]', 'baselineText', '1.2万亿元左右');
    step('indicators[0]', 'targetYear', '2027');
    step('indicators[0]', 'targetText', '1.4万亿元以上');
    step('indicators[0]', 'statedGrowthText', '年均增长6%');
    step('indicators[0]', 'category', '规模');
    expect(d.indicators[0]).toMatchObject({ attribute: '约束性', baselineYear: 2022, baselineValue: '1.2', baselineText: '1.2万亿元左右', targetYear: 2027, targetText: '1.4万亿元以上', statedGrowthText: '年均增长6%', category: '规模' });
    expect(correct(d13, 'indicators[0]', 'attribute', '指导性')).toEqual({ refused: { key: 'dr.invalid.attribute', text: '指导性' } });
    expect(correct(d13, 'indicators[0]', 'baselineYear', '22')).toEqual({ refused: { key: 'dr.invalid.year', text: '22' } });
    expect(correct(d13, 'indicators[0]', 'baselineValue', '约1.2')).toEqual({ refused: { key: 'dr.invalid.decimal', text: '约1.2' } });
    const jj = reviewValues(d13).find((x) => x.kind === 'districtTarget' && x.subject.startsWith('江津区'))!;
    expect(jj.fields.map((f) => f.field)).toEqual(['year', 'value', 'text']);
    step(jj.path, 'year', '2026');
    expect(d.districts.find((x) => x.name === '江津区')?.targets[0]?.year).toBe(2026);
    expect(correct(d13, jj.path, 'year', '')).toEqual({ refused: { key: 'dr.invalid.required', text: '' } });
    const t0 = reviewValues(d57).find((v) => v.path === 'tasks[0]');
    expect(t0?.fields.map((f) => f.field)).toEqual(['number', 'title', 'leadDepartments', 'participatingDepartments', 'districts', 'deadline', 'deadlineText']);
    d = d57;
    const list = [{ id: 'd-500116', name: '江津区' }, { id: 'd-500151', name: '铜梁区' }];
    step('tasks[0]', 'number', '一（一）甲');
    step('tasks[0]', 'districts', '江津区、铜梁区', list);
    step('tasks[0]', 'deadlineText', '2023年底前');
    expect(d.tasks[0]).toMatchObject({ number: '一（一）甲', districts: [{ id: 'd-500116', name: '江津区' }, { id: 'd-500151', name: '铜梁区' }], deadlineText: '2023年底前' });
    expect(correct(d57, 'tasks[0]', 'districts', '江津区、火星区', [], list)).toEqual({ refused: { key: 'dr.invalid.district', text: '火星区' } });
    expect(correct(d57, 'tasks[0]', 'number', ' ')).toEqual({ refused: { key: 'dr.invalid.required', text: '' } });
  });

  it('gives draft.create only the accepted values, unknown units mapped where chosen; the file takes it', () => {
    const values = reviewValues(d57);
    const decisions: Record<string, Decision> = Object.fromEntries(values.map((v) => [v.path, 'accepted' as const]));
    decisions['tasks[1]'] = 'dropped';
    delete decisions['tasks[2]']; // pending: not created
    expect(counts(values, decisions)).toEqual({ accepted: values.length - 2, dropped: 1, pending: 1 });
    const out = reviewedDraft(d57, decisions, { 万盛经开区管委会: { id: 'u-liangjiang-xinqu-guanweihui', name: '两江新区管委会', aliases: [] } });
    expect(out.tasks.map((t) => t.number)).toEqual(d57.tasks.filter((_, i) => i !== 1 && i !== 2).map((t) => t.number));
    expect(out.tasks[0]?.leadDepartments.map((u) => u.name)).not.toContain('万盛经开区管委会');
    expect(out.newDepartments).not.toContain('万盛经开区管委会');
    const file = seededWithout('p-yufubanfa-2023-57', ['万盛经开区管委会']); // the store above is closed after the first test
    const made = ok<{ planIds: string[]; newDepartments: string[] }>(file, 'draft.create', { drafts: [out] });
    expect(made.newDepartments).not.toContain('万盛经开区管委会');
    expect(ok<{ tasks: unknown[] }>(file, 'plans.document', { planId: made.planIds[0] }).tasks).toHaveLength(d57.tasks.length - 2);
    // an indicator not accepted takes its targets with it
    const ind = reviewValues(d13);
    const keepTargets = Object.fromEntries(ind.filter((v) => v.kind !== 'indicator').map((v) => [v.path, 'accepted' as const]));
    const noInd = reviewedDraft(d13, keepTargets);
    expect(noInd.indicators).toEqual([]);
    expect(noInd.districts.flatMap((x) => x.targets)).toEqual([]);
  });

  it('highlights a quote over the lines it runs across, and scrolls to its first line', () => {
    const s = d57.sources['tasks[0]'];
    if (!s) throw new Error('no source');
    const h = highlight(lines, s);
    if (!h) throw new Error('not found');
    expect(lines[h.first]?.line).toBe(486);
    const marked = [...h.ranges].map(([i, [a, b]]) => lines[i]?.text.slice(a, b) ?? '').join('');
    expect(marked.replace(/\s/g, '')).toBe(s.quote.replace(/\s/g, ''));
    expect(h.ranges.size).toBeGreaterThan(1);
    // a quote not in the text: the source line as a whole
    const lost = highlight(lines, { ...s, quote: '文中没有的句子' });
    expect(lost && [...lost.ranges.keys()]).toEqual([h.first]);
    expect(highlight(lines, { ...s, line: 999_999 })).toBeNull();
  });
});
