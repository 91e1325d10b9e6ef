/**
 * Comments (批注, db/comments/): on a target cell (also a blank one) or a task, kept with the plan,
 * written by the identity of the user folder, audited and undoable; refused when empty, too long, or
 * on something not in the plan.
 */
import { describe, expect, it } from 'vitest';
import { openStore, type PlanStore } from '../../db/store.ts';
import { ok, tempDir, tempFile } from '../helpers/store.ts';
import type { Changes } from '../../contract/changes.ts';

const PLAN = 'p-yufu-2023-13';
const REVENUE = `${PLAN}/i/revenue`;
const JIANGJIN = 'd-500116';
const TASK = `${PLAN}/t/4-3`;

type Comment = { id: string; body: string; author: string; authorDepartment: string | null; authorDistrict: string | null; taskId: string | null; cell: unknown; createdAt: string; updatedAt: string };

function store(): PlanStore {
  let n = 0;
  const s = openStore(tempFile(), { create: 'seed', userDir: tempDir('plandesk-home-'), now: () => `2026-12-01T04:00:${String(n++ % 60).padStart(2, '0')}.000Z` });
  ok(s, 'identity.set', { name: '王五', department: '市人社局', district: '江津区' });
  return s;
}
const cellOn = (year = 2027) => ({ target: 'cell' as const, cell: { indicatorId: REVENUE, scope: 'district' as const, scopeId: JIANGJIN, year, kind: 'target' as const } });
const refusal = (s: PlanStore, name: string, input: unknown) => {
  const r = s.call(name, input);
  return r.ok ? null : r.error;
};

describe('comments', () => {
  it('adds a comment on a cell and on a task with the author, lists, edits and deletes them, each audited and undoable', () => {
    const s = store();
    const added = ok<{ comment: Comment; changes: Changes }>(s, 'comments.add', { planId: PLAN, on: cellOn(), body: '  江津区 2027 年目标待区县确认 ' });
    expect(added.comment).toMatchObject({ body: '江津区 2027 年目标待区县确认', author: '王五', authorDepartment: '市人力社保局', authorDistrict: '江津区', taskId: null,
      cell: { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2027, period: '', kind: 'target' } });
    expect(added.changes.comments).toMatchObject({ added: [added.comment.id], changed: [added.comment.id] });
    // a blank cell (no target value stored) takes a comment too
    ok(s, 'comments.add', { planId: PLAN, on: cellOn(2099), body: '远期' });
    const onTask = ok<{ comment: Comment }>(s, 'comments.add', { planId: PLAN, on: { target: 'task', taskId: TASK }, body: '请牵头单位补充进展' }).comment;
    expect(ok<Comment[]>(s, 'comments.list', { planId: PLAN }).map((c) => c.body)).toEqual(['江津区 2027 年目标待区县确认', '远期', '请牵头单位补充进展']);
    expect(ok<Comment[]>(s, 'comments.list', { planId: PLAN, taskId: TASK }).map((c) => c.id)).toEqual([onTask.id]);
    expect(ok<Comment[]>(s, 'comments.list', { planId: PLAN, indicatorId: REVENUE }).length).toBe(2);

    const edited = ok<{ comment: Comment }>(s, 'comments.update', { id: onTask.id, body: '已补充' }).comment;
    expect(edited).toMatchObject({ body: '已补充', createdAt: onTask.createdAt });
    expect(edited.updatedAt > onTask.updatedAt).toBe(true);
    const h = ok<{ userName: string; userDistrict: string | null; oldValue: string | null; newValue: string | null }[]>(s, 'history.cell', { entity: 'comment', entityId: onTask.id, field: 'body' });
    expect(h).toEqual([expect.objectContaining({ userName: '王五', userDistrict: '江津区', oldValue: '请牵头单位补充进展', newValue: '已补充' })]);

    ok(s, 'history.undo', { planId: PLAN });
    expect(ok<Comment[]>(s, 'comments.list', { planId: PLAN, taskId: TASK })[0]!.body).toBe('请牵头单位补充进展');
    ok(s, 'history.redo', { planId: PLAN });
    expect(ok<Comment[]>(s, 'comments.list', { planId: PLAN, taskId: TASK })[0]!.body).toBe('已补充');

    const del = ok<{ deleted: string; changes: Changes }>(s, 'comments.delete', { id: onTask.id });
    expect(del.changes.comments).toMatchObject({ removed: [onTask.id] });
    expect(ok<Comment[]>(s, 'comments.list', { planId: PLAN, taskId: TASK })).toEqual([]);
    ok(s, 'history.undo', { planId: PLAN });
    expect(ok<Comment[]>(s, 'comments.list', { planId: PLAN, taskId: TASK })[0]).toMatchObject({ id: onTask.id, body: '已补充', author: '王五' });
    s.close();
  });

  it('a deleted task hides its comments; undoing the delete brings them back', () => {
    const s = store();
    ok(s, 'comments.add', { planId: PLAN, on: { target: 'task', taskId: TASK }, body: '甲' });
    ok(s, 'tasks.delete', { planId: PLAN, taskIds: [TASK] });
    expect(ok<Comment[]>(s, 'comments.list', { planId: PLAN })).toEqual([]);
    ok(s, 'history.undo', { planId: PLAN });
    expect(ok<Comment[]>(s, 'comments.list', { planId: PLAN }).map((c) => c.body)).toEqual(['甲']);
    s.close();
  });

  it('refuses an empty or forbidden body, a task or indicator of another plan, a half address, an unknown comment; nothing written', () => {
    const s = store();
    const count = () => s.db.prepare('SELECT count(*) AS n FROM comments').get();
    expect(refusal(s, 'comments.add', { planId: PLAN, on: cellOn(), body: '   ' })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'body' }] });
    expect(refusal(s, 'comments.add', { planId: PLAN, on: cellOn(), body: 'a\uFFFFb' })?.code).toBe('INVALID_INPUT');
    expect(refusal(s, 'comments.add', { planId: PLAN, on: cellOn(), body: 'x'.repeat(20_001) })?.code).toBe('INVALID_INPUT');
    expect(refusal(s, 'comments.add', { planId: PLAN, on: { target: 'task', taskId: 'p-yufuban-2023-3/t/1' }, body: 'x' })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'taskId' }] });
    expect(refusal(s, 'comments.add', { planId: 'p-yufuban-2023-3', on: cellOn(), body: 'x' })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'indicatorId' }] });
    expect(refusal(s, 'comments.add', { planId: PLAN, on: { target: 'cell', cell: { ...cellOn().cell, scopeId: null } }, body: 'x' })?.code).toBe('INVALID_INPUT');
    expect(refusal(s, 'comments.add', { planId: 'nope', on: cellOn(), body: 'x' })?.code).toBe('NOT_FOUND');
    expect(refusal(s, 'comments.update', { id: 'nope', body: 'x' })?.code).toBe('NOT_FOUND');
    expect(refusal(s, 'comments.delete', { id: 'nope' })?.code).toBe('NOT_FOUND');
    expect(count()).toEqual({ n: 0 });
    s.close();
  });

  it('without an identity the comment is signed as the audit log signs (old user name, else 未署名)', () => {
    const s = openStore(tempFile(), { create: 'seed', userDir: tempDir('plandesk-home-') });
    expect(ok<{ comment: Comment }>(s, 'comments.add', { planId: PLAN, on: cellOn(), body: 'x' }).comment.author).toBe('未署名');
    ok(s, 'preferences.set', { userName: '李四' });
    expect(ok<{ comment: Comment }>(s, 'comments.add', { planId: PLAN, on: cellOn(), body: 'y' }).comment.author).toBe('李四');
    s.close();
  });
});

describe('comment writes answer with exactly what they changed', () => {
  it('the change set names the comment (added, changed, removed) and nothing else', () => {
    const s = store();
    const a = ok<{ comment: Comment; changes: Changes }>(s, 'comments.add', { planId: PLAN, on: cellOn(), body: 'x' });
    expect(a.changes).toMatchObject({ planId: PLAN, everything: false, comments: { changed: [a.comment.id], added: [a.comment.id], removed: [], fields: ['*'] } });
    expect(Object.keys(a.changes).filter((k) => !['changeSetId', 'planId', 'everything'].includes(k))).toEqual(['comments']);
    const u = ok<{ changes: Changes }>(s, 'comments.update', { id: a.comment.id, body: 'y' });
    expect(u.changes.comments).toMatchObject({ changed: [a.comment.id], added: [], fields: ['body', 'updated_at'] });
    // the same text again: nothing recorded
    const sets = () => s.db.prepare('SELECT count(*) AS n FROM change_sets').get();
    const before = sets();
    expect(ok<{ changes: Changes }>(s, 'comments.update', { id: a.comment.id, body: ' y ' }).changes).toEqual({ changeSetId: null, planId: PLAN, everything: false });
    expect(sets()).toEqual(before);
    s.close();
  });
});
