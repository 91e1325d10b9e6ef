/**
 * A new task is numbered in its plan's style within its section (issue 13): the seeded plans number
 * "四（一）…七（三）" (13号, 3号), "1…15" then "三（一）…" (26号), one sequence "1…86" over four sections
 * (19号), "1…20" (渝快码). Pure rule first, then tasks.create on the real seeded plans.
 */
import { describe, expect, it } from 'vitest';
import { chineseNumeral, nextTaskNumber, parseChineseNumeral, readTaskNumber } from '../../db/tasks/rules.ts';
import { ok, seededStore } from '../helpers/store.ts';
import type { Task } from '../../contract/entities.ts';

type List = { total: number; rows: Task[] };
const list = (s: ReturnType<typeof seededStore>, planId: string) => ok<List>(s, 'tasks.list', { planId, limit: 500 }).rows;

describe('Chinese numerals and number styles (rules.ts)', () => {
  it('writes and reads 1–999 as the documents write them', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 999].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零五', '一百一十', '九百九十九']);
    for (let n = 1; n <= 999; n++) expect(parseChineseNumeral(chineseNumeral(n)!)).toBe(n);
    expect(chineseNumeral(0)).toBeNull();
    expect(parseChineseNumeral('〇')).toBeNull();
    expect(parseChineseNumeral('abc')).toBeNull();
  });

  it('reads the styles of the seeded plans', () => {
    expect(readTaskNumber('七（三）')).toEqual({ prefix: '七（', value: 3, suffix: '）', chinese: true });
    expect(readTaskNumber('四（十一）')).toEqual({ prefix: '四（', value: 11, suffix: '）', chinese: true });
    expect(readTaskNumber('（一）')).toEqual({ prefix: '（', value: 1, suffix: '）', chinese: true });
    expect(readTaskNumber('15')).toEqual({ prefix: '', value: 15, suffix: '', chinese: false });
    expect(readTaskNumber('3.')).toEqual({ prefix: '', value: 3, suffix: '.', chinese: false });
    expect(readTaskNumber('二、')).toEqual({ prefix: '', value: 2, suffix: '、', chinese: true });
    expect(readTaskNumber('')).toBeNull();
    expect(readTaskNumber('甲')).toBeNull();
  });

  it('follows the anchor, else the section’s highest number of that style; never a number already used', () => {
    const used = ['七（一）', '七（二）', '七（三）'];
    expect(nextTaskNumber({ anchor: '七（三）', section: used, sectionTitle: '七、实施保障', used })).toBe('七（四）');
    expect(nextTaskNumber({ anchor: '七（一）', section: used, sectionTitle: '七、实施保障', used })).toBe('七（四）');
    expect(nextTaskNumber({ anchor: '四（十）', section: ['四（十）'], sectionTitle: null, used: ['四（十）'] })).toBe('四（十一）');
    expect(nextTaskNumber({ anchor: '（二）', section: ['（一）', '（二）'], sectionTitle: null, used: ['（一）', '（二）'] })).toBe('（三）');
    expect(nextTaskNumber({ anchor: '2.', section: ['1.', '2.'], sectionTitle: null, used: ['1.', '2.'] })).toBe('3.');
    expect(nextTaskNumber({ anchor: '二、', section: ['一、', '二、'], sectionTitle: null, used: ['一、', '二、'] })).toBe('三、');
    // one sequence over the sections: the next free number
    const seq = Array.from({ length: 86 }, (_, i) => String(i + 1));
    expect(nextTaskNumber({ anchor: '37', section: seq.slice(0, 37), sectionTitle: '一、…', used: seq })).toBe('87');
    // a new section heading in a 七（三）-style plan
    expect(nextTaskNumber({ anchor: null, section: [], sectionTitle: '八、组织保障', used })).toBe('八（一）');
    // nothing readable: the next plain number; an empty plan starts at 1
    expect(nextTaskNumber({ anchor: '甲', section: ['甲'], sectionTitle: null, used: ['甲', '3'] })).toBe('4');
    expect(nextTaskNumber({ anchor: null, section: [], sectionTitle: null, used: [] })).toBe('1');
  });
});

describe('tasks.create numbers and places a new task in its section (seeded plans)', () => {
  it('13号: at the end → 七（四） in 七、实施保障; after 四（二） → 四（九） in 四、空间布局', () => {
    const s = seededStore();
    const plan = 'p-yufu-2023-13';
    const end = ok<Task>(s, 'tasks.create', { planId: plan, patch: { title: '新任务' } });
    expect([end.number, end.section]).toEqual(['七（四）', '七、实施保障']);
    const rows = list(s, plan);
    const after = rows.find((t) => t.number === '四（二）')!;
    const mid = ok<Task>(s, 'tasks.create', { planId: plan, afterTaskId: after.id });
    expect([mid.number, mid.section]).toEqual(['四（九）', '四、空间布局']);
    expect(list(s, plan).map((t) => t.number).slice(0, 4)).toEqual(['四（一）', '四（二）', '四（九）', '四（三）']);
    // a number or section given wins
    const given = ok<Task>(s, 'tasks.create', { planId: plan, afterTaskId: after.id, patch: { number: '四（二）之一', section: '四、空间布局' } });
    expect(given.number).toBe('四（二）之一');
    // a section named that has no task yet: numbered from its heading
    const fresh = ok<Task>(s, 'tasks.create', { planId: plan, patch: { section: '八、组织实施' } });
    expect([fresh.number, fresh.section]).toEqual(['八（一）', '八、组织实施']);
    s.close();
  });

  it('3号 after 四（十一） → 四（十二）; 26号 after 15 → 16 in 二、重点任务, at the end → 三（七）', () => {
    const s = seededStore();
    const three = list(s, 'p-yufuban-2023-3');
    const t = ok<Task>(s, 'tasks.create', { planId: 'p-yufuban-2023-3', afterTaskId: three.find((x) => x.number === '四（十一）')!.id });
    expect([t.number, t.section]).toEqual(['四（十二）', '四、重点任务']);
    const plan26 = 'p-yufubanfa-2023-26';
    const rows = list(s, plan26);
    const a = ok<Task>(s, 'tasks.create', { planId: plan26, afterTaskId: rows.find((x) => x.number === '15')!.id });
    expect([a.number, a.section]).toEqual(['16', '二、重点任务']);
    const b = ok<Task>(s, 'tasks.create', { planId: plan26 });
    expect([b.number, b.section]).toEqual(['三（七）', '三、保障措施']);
    s.close();
  });

  it('19号 (one sequence 1…86) and 渝快码 (1…20): the next free number, in the neighbour’s section', () => {
    const s = seededStore();
    const rows = list(s, 'p-yufufa-2021-19');
    const a = ok<Task>(s, 'tasks.create', { planId: 'p-yufufa-2021-19', afterTaskId: rows.find((x) => x.number === '37')!.id });
    expect([a.number, a.section]).toEqual(['87', '一、推动服务业重点行业领域深化改革扩大开放']);
    const b = ok<Task>(s, 'tasks.create', { planId: 'p-yukuaima' });
    expect([b.number, b.section]).toEqual(['21', '附件 “渝快码”应用场景任务清单']);
    s.close();
  });
});

describe('tasks.update: every field of the task the documents carry', () => {
  it('saves 时限原文 and 出处 beside the other fields in one undo step, audited per field', () => {
    const s = seededStore();
    const plan = 'p-yufu-2023-13';
    const task = list(s, plan).find((t) => t.number === '七（二）')!;
    const saved = ok<Task>(s, 'tasks.update', {
      taskId: task.id,
      patch: { description: '强化政策协同（修订）', quantitativeGoal: '每年出台1项专项政策', deadline: '2027-12', deadlineText: '2027年底前', source: '渝府〔2023〕13号 七、（二）（修订）', progress: '已起草' },
    });
    expect(saved).toMatchObject({ description: '强化政策协同（修订）', quantitativeGoal: '每年出台1项专项政策', deadline: '2027-12', deadlineText: '2027年底前', source: '渝府〔2023〕13号 七、（二）（修订）', progress: '已起草' });
    const fields = s.db.prepare("SELECT field FROM audit_log WHERE entity = 'task' AND entity_id = ? ORDER BY id").all(task.id).map((r) => (r as { field: string }).field);
    expect(fields).toEqual(expect.arrayContaining(['description', 'quantitative_goal', 'deadline_text', 'source', 'progress']));
    // blank text is no text
    expect(ok<Task>(s, 'tasks.update', { taskId: task.id, patch: { source: '  ', deadlineText: '' } })).toMatchObject({ source: null, deadlineText: null });
    ok(s, 'history.undo', { planId: plan });
    ok(s, 'history.undo', { planId: plan });
    expect(list(s, plan).find((t) => t.id === task.id)).toEqual(task);
    s.close();
  });
});

describe('tasks.facets (the ledger’s filter lists)', () => {
  it('13号: only the plan’s own departments and districts, with their counts, most tasks first', () => {
    const s = seededStore();
    const f = ok<{ periodStart: number; periodEnd: number; departments: { name: string; lead: number; participating: number }[]; districts: { name: string; count: number }[] }>(s, 'tasks.facets', { planId: 'p-yufu-2023-13' });
    expect([f.periodStart, f.periodEnd]).toEqual([2023, 2027]);
    const names = f.departments.map((d) => d.name);
    expect(names).not.toContain('市体育局');
    expect(names[0]).toBe('市经济信息委');
    expect(f.departments.find((d) => d.name === '市财政局')).toMatchObject({ lead: 1 });
    // every count is what tasks.list finds under that filter
    const all = ok<{ id: string; name: string }[]>(s, 'departments.list', {});
    for (const d of f.departments.slice(0, 5)) {
      const id = all.find((x) => x.name === d.name)!.id;
      expect(ok<List>(s, 'tasks.list', { planId: 'p-yufu-2023-13', filter: { leadDepartmentId: id }, limit: 1 }).total).toBe(d.lead);
      expect(ok<List>(s, 'tasks.list', { planId: 'p-yufu-2023-13', filter: { participatingDepartmentId: id }, limit: 1 }).total).toBe(d.participating);
    }
    expect(f.districts).toHaveLength(8);
    expect(f.districts.every((d) => d.count === 14)).toBe(true);
    expect(ok<{ departments: unknown[]; districts: unknown[] }>(s, 'tasks.facets', { planId: 'p-yufufa-2021-18' })).toMatchObject({ departments: [], districts: [] });
    expect(s.call('tasks.facets', { planId: 'p-nope' }).ok).toBe(false);
    s.close();
  });
});
