/** departments.create / rename / setAliases / move / delete / merge (db/departments/authoring.ts). */
import { describe, expect, it } from 'vitest';
import { ok } from '../helpers/store.ts';
import { financeStore } from '../helpers/departments.ts';
import { content, refusal } from '../helpers/catalog.ts';
import type { DepartmentEntry } from '../../contract/ops/departments.ts';
import type { Task } from '../../contract/entities.ts';

const store = () =>
  financeStore(
    [
      ['t19', '19', ['市金融工作局'], ['市经济信息委']],
      ['t68', '68', ['市经济信息委'], ['市金融工作局', '市金融监管局']],
      ['t70', '70', ['市金融监管局']],
    ],
    { p2: [['q1', '1', ['市金融工作局']]], aliases: true },
  );

const entries = (s: ReturnType<typeof store>) => ok<DepartmentEntry[]>(s, 'departments.entries', {});
const task = (s: ReturnType<typeof store>, id: string): Task => {
  for (const planId of ['p1', 'p2']) {
    const t = ok<{ rows: Task[] }>(s, 'tasks.list', { planId }).rows.find((x) => x.id === id);
    if (t) return t;
  }
  throw new Error(`no task ${id}`);
};

describe('department authoring', () => {
  it('creates, renames, sets aliases and moves; each refusal names the field; undo takes each back', () => {
    const s = store();
    const start = content(s);
    const { id } = ok<{ id: string }>(s, 'departments.create', { planId: 'p1', name: ' 市科技局 ', aliases: ['科技局', '科技局'], position: 0 });
    expect(entries(s).map((d) => d.name)[0]).toBe('市科技局');
    expect(entries(s)[0]!.aliases).toEqual(['科技局']);
    const dup = refusal(s, 'departments.create', { planId: 'p1', name: '市金融办' });
    expect(dup.issues).toEqual([{ field: 'name', message: '部门名称“市金融办”已是部门“市金融工作局”的简称或别名' }]);
    expect(refusal(s, 'departments.setAliases', { planId: 'p1', departmentId: id, aliases: ['ok', '市经济信息委'] }).issues).toEqual([
      { field: 'aliases[1]', message: '简称/别名“市经济信息委”已是部门“市经济信息委”的名称' },
    ]);
    ok(s, 'departments.setAliases', { planId: 'p1', departmentId: id, aliases: ['市科学技术局'] });
    ok(s, 'departments.rename', { planId: 'p1', departmentId: id, name: '市科学技术局' });
    expect(entries(s)[0]).toMatchObject({ name: '市科学技术局', aliases: [] });
    ok(s, 'departments.move', { planId: 'p1', departmentId: id, position: 10 });
    expect(entries(s).at(-1)!.name).toBe('市科学技术局');
    for (let i = 0; i < 4; i++) ok(s, 'history.undo', { planId: 'p1' });
    expect(content(s)).toEqual(start);
  });

  it('refuses deleting a department that tasks name, naming the tasks; deletes an unused one with its aliases; undo restores', () => {
    const s = store();
    const r = refusal(s, 'departments.delete', { planId: 'p1', departmentId: 'u-2' });
    expect(r.code).toBe('CONFLICT');
    expect(r.message).toContain('部门“市金融工作局”仍是 3 项任务的牵头或配合单位，不能删除');
    expect(r.issues.map((x) => x.message)).toEqual(['《金融规划》任务 19 任务19', '《金融规划》任务 68 任务68', '《另一个规划》任务 1 任务1']);
    const { id } = ok<{ id: string }>(s, 'departments.create', { planId: 'p1', name: '市体育局', aliases: ['体育局'] });
    const start = content(s);
    ok(s, 'departments.delete', { planId: 'p1', departmentId: id });
    expect(entries(s).some((d) => d.id === id)).toBe(false);
    expect(s.db.prepare("SELECT count(*) AS n FROM department_aliases WHERE alias = '体育局'").get()).toEqual({ n: 0 });
    ok(s, 'history.undo', { planId: 'p1' });
    expect(content(s)).toEqual(start);
  });

  it('merges 市金融工作局 into 市金融监管局: tasks of every plan repointed (no duplicate), the name and aliases kept as aliases, the merge recorded; undo restores all', () => {
    const s = store();
    const start = content(s);
    const before68 = task(s, 't68');
    expect(before68.participatingDepartments.map((d) => d.name)).toEqual(['市金融工作局', '市金融监管局']);
    const { merge } = ok<{ merge: { fromName: string; taskLinks: number } }>(s, 'departments.merge', { planId: 'p1', fromId: 'u-2', intoId: 'u-1' });
    expect(merge).toMatchObject({ fromName: '市金融工作局', taskLinks: 3 });
    expect(task(s, 't19').leadDepartments).toEqual([{ id: 'u-1', name: '市金融工作局', canonicalName: '市金融监管局' }]);
    expect(task(s, 't68').participatingDepartments.map((d) => d.canonicalName ?? d.name)).toEqual(['市金融监管局']);
    expect(task(s, 'q1').leadDepartments.map((d) => [d.name, d.canonicalName])).toEqual([['市金融工作局', '市金融监管局']]);
    const kept = entries(s).find((d) => d.id === 'u-1')!;
    expect(kept.aliases).toEqual(['市金融办', '市金融工作局', '金融监管局']);
    expect(kept.merges.map((m) => m.fromName)).toEqual(['市金融工作局']);
    expect(kept.taskCount).toBe(4);
    expect(entries(s).some((d) => d.id === 'u-2')).toBe(false);
    // a task typed with the old spelling finds the department kept
    ok(s, 'tasks.update', { taskId: 't70', patch: { participatingDepartments: ['市金融工作局'] } });
    expect(task(s, 't70').participatingDepartments.map((d) => d.name)).toEqual(['市金融监管局']);
    ok(s, 'history.undo', { planId: 'p1' });
    ok(s, 'history.undo', { planId: 'p1' });
    expect(content(s)).toEqual(start);
    expect(task(s, 't68').participatingDepartments.map((d) => d.name)).toEqual(['市金融工作局', '市金融监管局']);
    ok(s, 'history.redo', { planId: 'p1' });
    expect(entries(s).some((d) => d.id === 'u-2')).toBe(false);
    expect(refusal(s, 'departments.merge', { planId: 'p1', fromId: 'u-1', intoId: 'u-1' }).message).toBe('不能把部门“市金融监管局”合并到它自己');
  });
});
