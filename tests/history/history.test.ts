import { describe, expect, it } from 'vitest';
import { ok, reopen, seededStore, tempFile } from '../helpers/store.ts';
import type { Task, PlanOverview } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';
const firstTask = (s: ReturnType<typeof seededStore>) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
const jiangjin = (s: ReturnType<typeof seededStore>) =>
  ok<PlanOverview>(s, 'plans.get', { planId: PLAN }).districts.find((d) => d.name === '江津区')!.targets[0]!;

describe('undo and redo', () => {
  it('undo puts back every field of an action, redo applies it again, and both survive a restart', () => {
    const file = tempFile();
    const s = seededStore(file);
    const t = firstTask(s);
    ok(s, 'tasks.update', { taskId: t.id, patch: { status: '滞后', progress: '资金未到位', participatingDepartments: [] } });
    ok(s, 'targets.set', { indicatorId: jiangjin(s).indicatorId, scope: 'district', scopeId: 'd-500116', year: 2027, kind: 'target', value: '3100' });
    expect(ok<{ undoLabel: string }>(s, 'history.status', { planId: PLAN }).undoLabel).toMatch(/营业收入/);
    s.close();

    const s2 = reopen(file);
    ok(s2, 'history.undo', { planId: PLAN });
    expect(jiangjin(s2).value).toBe('3000');
    const status = ok<{ canUndo: boolean; canRedo: boolean }>(s2, 'history.undo', { planId: PLAN });
    const back = firstTask(s2);
    expect(back.status).toBe(t.status);
    expect(back.progress).toBe(t.progress);
    expect(back.participatingDepartments).toEqual(t.participatingDepartments);
    expect(status.canRedo).toBe(true);
    s2.close();

    const s3 = reopen(file);
    ok(s3, 'history.redo', { planId: PLAN });
    expect(firstTask(s3).status).toBe('滞后');
    ok(s3, 'history.redo', { planId: PLAN });
    expect(jiangjin(s3).value).toBe('3100');
    expect(ok<{ canRedo: boolean }>(s3, 'history.status', { planId: PLAN }).canRedo).toBe(false);
  });

  it('a new edit after an undo ends the redo stack', () => {
    const s = seededStore();
    const t = firstTask(s);
    ok(s, 'tasks.update', { taskId: t.id, patch: { progress: 'A' } });
    ok(s, 'history.undo', { planId: PLAN });
    ok(s, 'tasks.update', { taskId: t.id, patch: { progress: 'B' } });
    const st = ok<{ canRedo: boolean }>(s, 'history.status', { planId: PLAN });
    expect(st.canRedo).toBe(false);
    ok(s, 'history.redo', { planId: PLAN });
    expect(firstTask(s).progress).toBe('B');
  });

  it('undo of a newly inserted target removes it; redo re-creates it with the same id', () => {
    const s = seededStore();
    const ind = jiangjin(s).indicatorId;
    const { target: created } = ok<{ target: { id: string } }>(s, 'targets.set', { indicatorId: ind, scope: 'district', scopeId: 'd-500116', year: 2024, kind: 'actual', value: '2100' });
    ok(s, 'history.undo', { planId: PLAN });
    expect(s.db.prepare('SELECT count(*) AS n FROM target_values WHERE id = ?').get(created.id)).toEqual({ n: 0 });
    ok(s, 'history.redo', { planId: PLAN });
    expect(s.db.prepare('SELECT value FROM target_values WHERE id = ?').get(created.id)).toEqual({ value: '2100' });
  });

  it('undo in one plan does not touch another plan', () => {
    const s = seededStore();
    const t = firstTask(s);
    ok(s, 'tasks.update', { taskId: t.id, patch: { progress: 'X' } });
    const other = ok<{ undone: string | null }>(s, 'history.undo', { planId: 'p-yufufa-2021-19' });
    expect(other.undone).toBeNull();
    expect(firstTask(s).progress).toBe('X');
  });

  it('the history of one cell lists every value it had, by whom', () => {
    const s = seededStore();
    ok(s, 'preferences.set', { userName: '李四' });
    const t = firstTask(s);
    ok(s, 'tasks.update', { taskId: t.id, patch: { status: '进行中' } });
    ok(s, 'tasks.update', { taskId: t.id, patch: { status: '已完成' } });
    ok(s, 'history.undo', { planId: PLAN });
    const h = ok<{ oldValue: string; newValue: string; userName: string; label: string }[]>(s, 'history.cell', { entity: 'task', entityId: t.id, field: 'status' });
    expect(h.map((e) => [e.oldValue, e.newValue])).toEqual([
      ['未开始', '进行中'],
      ['进行中', '已完成'],
      ['已完成', '进行中'],
    ]);
    expect(h.every((e) => e.userName === '李四')).toBe(true);
    expect(h[2]?.label).toMatch(/^撤销/);
  });
});
