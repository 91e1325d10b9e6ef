import { describe, expect, it } from 'vitest';
import { builtStore, dumpTables, ok, reopen, seededStore, tempFile } from '../helpers/store.ts';
import type { Task, TargetValue } from '../../contract/entities.ts';

function smallPlan(file = tempFile()) {
  return builtStore((b) => {
    const jj = b.district('江津区', { id: 'd-500116', code: '500116', group: '渝西' });
    b.department('市经济信息委', ['市经信委']);
    b.department('市住房城乡建设委', ['市住房城乡建委']);
    const p = b.plan({ id: 'p1', periodStart: 2023, periodEnd: 2027 });
    p.districts.push({ districtId: jj, priorityIndustries: [], featuredIndustries: [], note: null, source: 's' });
    p.indicators.push({
      id: 'p1/rev', category: null, name: '营业收入', unit: '亿元', attribute: null, baselineYear: 2022, baselineValue: '1000',
      baselineText: null, targetYear: 2027, targetValue: '3000', targetText: null, statedGrowthText: null, note: null, source: 's',
    });
    p.targets.push({ indicatorId: 'p1/rev', scope: 'district', scopeId: jj, year: 2027, kind: 'target', value: '3000', text: null, source: 's' });
    p.tasks.push({
      id: 't1', number: '1', section: null, title: '建设智能工厂', description: null, leadDepartments: ['市经济信息委'],
      participatingDepartments: [], districts: ['江津区'], deadline: '2025-12', deadlineText: null, quantitativeGoal: null, source: 's',
    });
  }, file);
}

describe('tasks.update', () => {
  it('saves a valid edit in one transaction, records it in the audit log, and keeps it after reopening', () => {
    const file = tempFile();
    const s = smallPlan(file);
    ok(s, 'preferences.set', { userName: '张三' });
    const t = ok<Task>(s, 'tasks.update', {
      taskId: 't1',
      patch: { status: '进行中', deadline: '2026年6月', participatingDepartments: ['市住房城乡建委'], progress: '已完成选址' },
    });
    expect(t.status).toBe('进行中');
    expect(t.deadline).toBe('2026-06');
    expect(t.participatingDepartments.map((u) => u.name)).toEqual(['市住房城乡建设委']);
    s.close();
    const again = reopen(file);
    const row = ok<{ rows: Task[] }>(again, 'tasks.list', { planId: 'p1' }).rows[0];
    expect(row?.progress).toBe('已完成选址');
    const audit = again.db.prepare("SELECT a.field, a.old_value, a.new_value, c.user_name FROM audit_log a JOIN change_sets c ON c.id = a.change_set_id WHERE a.entity = 'task' ORDER BY a.id").all();
    expect(audit).toEqual(
      expect.arrayContaining([
        { field: 'status', old_value: '未开始', new_value: '进行中', user_name: '张三' },
        { field: 'deadline', old_value: '2025-12', new_value: '2026-06', user_name: '张三' },
      ]),
    );
  });

  it.each([
    [{ title: '   ' }, 'title', /不能为空/],
    [{ leadDepartments: ['市不存在局'] }, 'leadDepartments', /未知的单位“市不存在局”/],
    [{ deadline: '2031-01' }, 'deadline', /超出规划期/],
    [{ deadline: '明年' }, 'deadline', /不是有效的完成时限/],
    [{ districts: ['火星区'] }, 'districts', /未知的区县/],
  ])('refuses %j with a message on the field, and writes nothing', (patch, field, message) => {
    const s = smallPlan();
    const before = dumpTables(s);
    const r = s.call('tasks.update', { taskId: 't1', patch });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.issues.find((i) => i.field === field)?.message).toMatch(message);
    expect(dumpTables(s)).toEqual(before);
  });

  it('refuses a wrongly typed or unknown field at the boundary, writing nothing', () => {
    const s = smallPlan();
    const before = dumpTables(s);
    for (const patch of [{ status: '完成了' }, { title: 42 }, { colour: 'red' }, { title: 'x'.repeat(30_000) }]) {
      const r = s.call('tasks.update', { taskId: 't1', patch });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
    }
    expect(dumpTables(s)).toEqual(before);
  });

  it('an unknown task is NOT_FOUND', () => {
    const s = smallPlan();
    const r = s.call('tasks.update', { taskId: 'nope', patch: { title: 'x' } });
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
  });
});

describe('targets.set', () => {
  const set = (s: ReturnType<typeof smallPlan>, value: string | null, year = 2027, kind = 'target') =>
    s.call('targets.set', { indicatorId: 'p1/rev', scope: 'district', scopeId: 'd-500116', year, kind, value });

  it('reads numbers as planners type them, exactly', () => {
    const s = smallPlan();
    expect((set(s, '3,200.50') as { value: { target: TargetValue } }).value.target.value).toBe('3200.5');
    const r = set(s, '3300左右');
    expect(r.ok && (r.value as { target: TargetValue }).target.value).toBe('3300');
    expect(r.ok && (r.value as { target: TargetValue }).target.text).toBe('3300左右');
    const inserted = set(s, '1500', 2024, 'actual');
    expect(inserted.ok && (inserted.value as { target: TargetValue }).target.kind).toBe('actual');
    expect(set(s, '0.1').ok && set(s, '0.2').ok).toBe(true);
  });

  it.each([
    ['abc', /不是/],
    ['-5', /不能为负数/],
  ])('refuses %s and writes nothing', (value, message) => {
    const s = smallPlan();
    const before = dumpTables(s);
    const r = set(s, value);
    expect(!r.ok && r.error.message).toMatch(message);
    expect(dumpTables(s)).toEqual(before);
  });

  it('refuses a year outside the plan and a district not in the plan', () => {
    const s = smallPlan();
    const before = dumpTables(s);
    expect(set(s, '1', 2035).ok).toBe(false);
    const r = s.call('targets.set', { indicatorId: 'p1/rev', scope: 'district', scopeId: 'd-x', year: 2027, kind: 'target', value: '1' });
    expect(r.ok).toBe(false);
    expect(dumpTables(s)).toEqual(before);
  });
});

describe('plans.update', () => {
  it('refuses an empty title and a period that ends before it starts', () => {
    const s = seededStore();
    const before = dumpTables(s);
    const r = s.call('plans.update', { planId: 'p-yufu-2023-13', patch: { title: '', periodEnd: 2020 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => i.field).sort()).toEqual(['periodEnd', 'title']);
    expect(dumpTables(s)).toEqual(before);
  });
});
