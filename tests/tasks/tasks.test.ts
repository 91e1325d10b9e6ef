import { describe, expect, it } from 'vitest';
import { ok, reopen, seededStore, tempFile, dumpTables } from '../helpers/store.ts';
import type { Task } from '../../contract/entities.ts';
import type { TaskStats } from '../../contract/ops/tasks.ts';

const PLAN = 'p-yufu-2023-13';
type List = { total: number; rows: Task[] };
const list = (s: ReturnType<typeof seededStore>, filter: Record<string, unknown> = {}) => ok<List>(s, 'tasks.list', { planId: PLAN, filter, limit: 500 });

describe('task ledger edits', () => {
  it('tasks.updateMany saves a pasted block as one undo step; aliases resolve to one department', () => {
    const s = seededStore();
    const [a, b] = list(s).rows;
    ok(s, 'tasks.updateMany', {
      planId: PLAN,
      updates: [
        { taskId: a!.id, patch: { status: '进行中', leadDepartments: ['市人社局'] } },
        { taskId: b!.id, patch: { status: '已完成', deadline: '2026年6月' } },
      ],
    });
    const after = list(s).rows;
    expect(after[0]!.status).toBe('进行中');
    expect(after[0]!.leadDepartments.map((u) => u.name)).toEqual(['市人力社保局']);
    expect(after[1]!.deadline).toBe('2026-06');
    ok(s, 'history.undo', { planId: PLAN });
    const back = list(s).rows;
    expect(back[0]!.status).toBe(a!.status);
    expect(back[0]!.leadDepartments).toEqual(a!.leadDepartments);
    expect(back[1]!.deadline).toBe(b!.deadline);
  });

  it('refuses the whole block with each bad cell named by row and field; nothing is written', () => {
    const s = seededStore();
    const [a, b, c] = list(s).rows;
    const before = dumpTables(s);
    const r = s.call('tasks.updateMany', {
      planId: PLAN,
      updates: [
        { taskId: a!.id, patch: { progress: '已开工' }, row: 1 },
        { taskId: b!.id, patch: { title: '  ', deadline: '2030-01' }, row: 2 },
        { taskId: c!.id, patch: { leadDepartments: ['市不存在局'] }, row: 3 },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // each issue also carries a stable reason + params for the UI's English (tests/contract/error-reasons.test.ts)
    expect(r.error.issues).toMatchObject([
      { row: 2, field: 'title', message: '任务名称不能为空' },
      { row: 2, field: 'deadline', message: '完成时限 2030-01 超出规划期（2023—2027年）' },
      { row: 3, field: 'leadDepartments', message: '未知的单位“市不存在局”，请从单位列表中选择或先添加该单位', reason: 'task.unknownDepartment', params: { name: '市不存在局' } },
    ]);
    expect(dumpTables(s)).toEqual(before);
  });

  it('adds a task after another (later ones move down) and at the end; undo removes it', () => {
    const s = seededStore();
    const rows = list(s).rows;
    const created = ok<Task>(s, 'tasks.create', { planId: PLAN, afterTaskId: rows[0]!.id, patch: { title: '新增：园区配套', leadDepartments: ['市经济信息委'], deadline: '2025-12' } });
    const after = list(s).rows;
    expect(after[1]!.id).toBe(created.id);
    expect(after[1]!.leadDepartments.map((u) => u.name)).toEqual(['市经济信息委']);
    expect(after[2]!.id).toBe(rows[1]!.id);
    expect(after).toHaveLength(rows.length + 1);
    const end = ok<Task>(s, 'tasks.create', { planId: PLAN });
    expect(end.title).toBe('新任务');
    expect([end.number, end.section]).toEqual(['七（四）', '七、实施保障']);
    expect(list(s).rows.at(-1)!.id).toBe(end.id);
    ok(s, 'history.undo', { planId: PLAN });
    ok(s, 'history.undo', { planId: PLAN });
    expect(list(s).rows.map((t) => t.id)).toEqual(rows.map((t) => t.id));
    const bad = s.call('tasks.create', { planId: PLAN, patch: { title: '' } });
    expect(bad.ok).toBe(false);
  });

  it('deletes tasks as one undo step; undo after a restart brings them back whole', () => {
    const file = tempFile();
    const s = seededStore(file);
    const rows = list(s).rows;
    const victims = [rows[2]!, rows[9]!, rows[20]!];
    expect(ok<{ deleted: number }>(s, 'tasks.delete', { planId: PLAN, taskIds: victims.map((t) => t.id) }).deleted).toBe(3);
    expect(list(s).total).toBe(rows.length - 3);
    expect(s.db.prepare('SELECT count(*) AS n FROM task_departments WHERE task_id = ?').get(victims[1]!.id)).toEqual({ n: 0 });
    s.close();
    const s2 = reopen(file);
    expect(ok<{ undoLabel: string }>(s2, 'history.status', { planId: PLAN }).undoLabel).toBe('删除 3 项任务');
    ok(s2, 'history.undo', { planId: PLAN });
    const back = list(s2).rows;
    expect(back).toEqual(rows);
    ok(s2, 'history.redo', { planId: PLAN });
    expect(list(s2).total).toBe(rows.length - 3);
  });

  it('refuses deleting a task of another plan', () => {
    const s = seededStore();
    const other = ok<List>(s, 'tasks.list', { planId: 'p-yukuaima', limit: 1 });
    const r = s.call('tasks.delete', { planId: PLAN, taskIds: [other.rows[0]!.id] });
    expect(r.ok).toBe(false);
  });

  it('renumbers 1, 2, 3… in order, as one undo step', () => {
    const s = seededStore();
    const rows = list(s).rows;
    expect(ok<{ changed: number }>(s, 'tasks.renumber', { planId: PLAN }).changed).toBe(rows.length);
    expect(list(s).rows.map((t) => t.number)).toEqual(rows.map((_, i) => String(i + 1)));
    expect(ok<{ changed: number }>(s, 'tasks.renumber', { planId: PLAN }).changed).toBe(0);
    ok(s, 'history.undo', { planId: PLAN });
    expect(list(s).rows.map((t) => t.number)).toEqual(rows.map((t) => t.number));
  });
});

describe('tasks.stats (the ledger charts)', () => {
  it('counts statuses per lead department and deadlines per month, under the same filter as the list', () => {
    const s = seededStore(tempFile(), () => '2028-03-01T00:00:00.000Z');
    const rows = list(s).rows;
    ok(s, 'tasks.updateMany', { planId: PLAN, updates: [{ taskId: rows[0]!.id, patch: { status: '已完成' } }, { taskId: rows[1]!.id, patch: { status: '滞后' } }] });
    const st = ok<TaskStats>(s, 'tasks.stats', { planId: PLAN });
    expect(st.total).toBe(rows.length);
    expect(st.byStatus.find((x) => x.status === '已完成')!.count).toBe(1);
    const econ = st.byLead.find((l) => l.name === '市经济信息委')!;
    expect(econ.counts.reduce((n, c) => n + c.count, 0)).toBe(list(s, { leadDepartmentId: econ.departmentId }).total);
    expect(st.byMonth).toEqual([{ month: '2027-12', count: rows.filter((t) => t.deadline === '2027-12').length }]);
    // In 2028 every unfinished task with a 2027 deadline is overdue.
    expect(st.overdue).toBe(rows.filter((t) => t.deadline === '2027-12').length - 1);
    const filtered = ok<TaskStats>(s, 'tasks.stats', { planId: PLAN, filter: { leadDepartmentId: econ.departmentId, status: ['已完成'] } });
    expect(filtered.total).toBe(1);
    expect(filtered.byLead.find((l) => l.departmentId === econ.departmentId)!.counts.find((c) => c.status === '已完成')!.count).toBe(1);
  });
});

describe('tasks.locate and the per-department figures', () => {
  it('finds a task’s row under a filter and lists each department’s led and helped tasks', () => {
    const s = seededStore();
    const rows = list(s).rows;
    expect(ok<{ index: number | null }>(s, 'tasks.locate', { planId: PLAN, taskId: rows[5]!.id })).toEqual({ index: 5 });
    const st = ok<TaskStats>(s, 'tasks.stats', { planId: PLAN });
    const finance = st.byDepartment.find((u) => u.name === '市财政局')!;
    expect(finance.lead + finance.participating).toBe(list(s, { departmentId: finance.departmentId }).total);
    const other = list(s, { departmentId: finance.departmentId }).rows;
    const outside = rows.find((t) => !other.some((o) => o.id === t.id))!;
    expect(ok<{ index: number | null }>(s, 'tasks.locate', { planId: PLAN, taskId: outside.id, filter: { departmentId: finance.departmentId } }).index).toBeNull();
  });
});
