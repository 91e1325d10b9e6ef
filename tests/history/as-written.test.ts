/**
 * Issue 14: a task's department as the document writes it (task_departments.as_written, migration 009)
 * survives undo and redo of every write that touches the task's links, and a department merge keeps
 * the merged spelling as the wording of the links it repoints.
 */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import { financeStore } from '../helpers/departments.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufufa-2021-19';
const JINRONG = 'u-jinrong-jianguanju';
type List = { rows: Task[] };
const written = { id: JINRONG, name: '市金融工作局', canonicalName: '市金融监管局' };

const taskNumbered = (s: ReturnType<typeof seededStore>, n: string) => {
  const t = ok<List>(s, 'tasks.list', { planId: PLAN, limit: 500 }).rows.find((x) => x.number === n);
  if (!t) throw new Error(`no task ${n}`);
  return t;
};

describe('as-written department names through undo and redo', () => {
  it('an edit of a task that writes 市金融工作局, undone and redone, keeps the wording', () => {
    const s = seededStore();
    const t = taskNumbered(s, '19');
    expect(t.participatingDepartments).toEqual([written]);
    ok(s, 'tasks.update', { taskId: t.id, patch: { participatingDepartments: ['重庆证监局'] } });
    expect(taskNumbered(s, '19').participatingDepartments.map((u) => u.name)).toEqual(['重庆证监局']);
    ok(s, 'history.undo', { planId: PLAN });
    expect(taskNumbered(s, '19').participatingDepartments).toEqual([written]);
    ok(s, 'history.redo', { planId: PLAN });
    ok(s, 'history.undo', { planId: PLAN });
    expect(taskNumbered(s, '19').participatingDepartments).toEqual([written]);
    // a link that stays keeps its wording in the redo too
    ok(s, 'tasks.update', { taskId: t.id, patch: { participatingDepartments: ['市金融监管局', '重庆证监局'] } });
    ok(s, 'history.undo', { planId: PLAN });
    ok(s, 'history.redo', { planId: PLAN });
    expect(taskNumbered(s, '19').participatingDepartments[0]).toEqual(written);
    s.close();
  });

  it('a deleted task put back by undo keeps the wording', () => {
    const s = seededStore();
    const t = taskNumbered(s, '68');
    const before = t.participatingDepartments.concat(t.leadDepartments).filter((u) => u.canonicalName !== undefined);
    expect(before).toContainEqual(written);
    ok(s, 'tasks.delete', { planId: PLAN, taskIds: [t.id] });
    ok(s, 'history.undo', { planId: PLAN });
    const back = taskNumbered(s, '68');
    expect(back.leadDepartments).toEqual(t.leadDepartments);
    expect(back.participatingDepartments).toEqual(t.participatingDepartments);
    s.close();
  });
});

describe('as-written department names through a version restore', () => {
  it('a task whose links were changed, and one deleted, get their wording back from the version; undo of the restore keeps it too', () => {
    const s = seededStore();
    const v1 = ok<{ id: number }>(s, 'versions.create', { planId: PLAN, name: '原文' });
    const t19 = taskNumbered(s, '19');
    const t68 = taskNumbered(s, '68');
    ok(s, 'tasks.update', { taskId: t19.id, patch: { participatingDepartments: ['重庆证监局'] } });
    ok(s, 'tasks.delete', { planId: PLAN, taskIds: [t68.id] });
    ok(s, 'versions.restore', { versionId: v1.id });
    expect(taskNumbered(s, '19').participatingDepartments).toEqual([written]);
    expect(taskNumbered(s, '68').participatingDepartments).toEqual(t68.participatingDepartments);
    expect(taskNumbered(s, '68').participatingDepartments).toContainEqual(written);
    ok(s, 'history.undo', { planId: PLAN });
    ok(s, 'history.redo', { planId: PLAN });
    expect(taskNumbered(s, '19').participatingDepartments).toEqual([written]);
    s.close();
  });
});

describe('departments.merge keeps the merged spelling as the wording', () => {
  const store = () => financeStore([
    ['t19', '19', ['市金融工作局'], ['市经济信息委']],
    ['t68', '68', ['市经济信息委'], ['市金融工作局', '市金融监管局']],
  ]);
  const taskOf = (s: ReturnType<typeof store>, id: string) => ok<List>(s, 'tasks.list', { planId: 'p1' }).rows.find((x) => x.id === id);

  it('after merging 市金融工作局 into 市金融监管局 the links say 市金融工作局 (as_written); undo and redo keep each state', () => {
    const s = store();
    ok(s, 'departments.merge', { planId: 'p1', fromId: 'u-2', intoId: 'u-1' });
    expect(taskOf(s, 't19')?.leadDepartments).toEqual([{ id: 'u-1', name: '市金融工作局', canonicalName: '市金融监管局' }]);
    // the task that named both keeps one link, at the first place, with the first one's wording
    expect(taskOf(s, 't68')?.participatingDepartments).toEqual([{ id: 'u-1', name: '市金融工作局', canonicalName: '市金融监管局' }]);
    expect(s.db.prepare("SELECT count(*) AS n FROM task_departments WHERE as_written = '市金融工作局'").get()).toEqual({ n: 2 });
    ok(s, 'history.undo', { planId: 'p1' });
    expect(taskOf(s, 't19')?.leadDepartments).toEqual([{ id: 'u-2', name: '市金融工作局' }]);
    expect(s.db.prepare('SELECT count(*) AS n FROM task_departments WHERE as_written IS NOT NULL').get()).toEqual({ n: 0 });
    ok(s, 'history.redo', { planId: 'p1' });
    expect(taskOf(s, 't19')?.leadDepartments).toEqual([{ id: 'u-1', name: '市金融工作局', canonicalName: '市金融监管局' }]);
    s.close();
  });
});
