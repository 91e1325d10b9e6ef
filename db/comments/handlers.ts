/**
 * comments.list/add/update/delete: 批注 on a target cell or a task. Every write goes through runChange
 * (entity 'comment'), so it is audited, undoable and answers with its change set. The author is the
 * identity of the user's data folder (db/identity/author.ts), written into the comment itself.
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { runChange } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import { currentAuthor } from '../identity/author.ts';
import { planQueries } from '../plans/queries.ts';
import type { HandlersFor, ParsedInput } from '../../contract/operations.ts';
import type { commentOps } from '../../contract/ops/comments.ts';
import { MAX_TEXT, typedTextProblem } from '../../domain/text.ts';
import { commentQueries, toComment, type Comment, type CommentRow } from './queries.ts';

function checkedBody(raw: string): string {
  const text = raw.trim();
  if (!text) throw invalid('批注内容不能为空', [{ field: 'body', message: '请填写批注内容', reason: 'comment.empty' }], { reason: 'comment.empty' });
  const p = typedTextProblem(text, MAX_TEXT);
  if (p) throw invalid(`批注${p}`, [{ field: 'body', message: `批注${p}` }]);
  return text;
}

export function listComments(ctx: StoreContext, input: ParsedInput<'comments.list'>): Comment[] {
  const q = commentQueries(ctx.db);
  if (!planQueries(ctx.db).byId.get(input.planId)) throw notFound('规划', input.planId);
  const rows = input.taskId
    ? q.ofTask.all(input.planId, input.taskId)
    : input.indicatorId
      ? q.ofIndicator.all(input.planId, input.indicatorId)
      : q.ofPlan.all(input.planId);
  return rows.filter((r) => !input.target || r.target === input.target).map(toComment);
}

export function addComment(ctx: StoreContext, input: ParsedInput<'comments.add'>) {
  const q = commentQueries(ctx.db);
  if (!planQueries(ctx.db).byId.get(input.planId)) throw notFound('规划', input.planId);
  const text = checkedBody(input.body);
  const on = input.on;
  let label: string;
  if (on.target === 'task') {
    if (!q.taskOfPlan.get(on.taskId, input.planId)) throw invalid(`任务“${on.taskId}”不在这个规划中`, [{ field: 'taskId', message: '找不到这项任务' }]);
    label = '添加任务批注';
  } else {
    const ind = q.indicatorOfPlan.get(on.cell.indicatorId, input.planId);
    if (!ind) throw invalid(`指标“${on.cell.indicatorId}”不在这个规划中`, [{ field: 'indicatorId', message: '找不到这个指标' }]);
    if ((on.cell.scope === 'plan') !== (on.cell.scopeId === null))
      throw invalid('批注的单元格地址不完整', [{ field: 'scopeId', message: on.cell.scope === 'plan' ? '规划总量的单元格不带区县' : '请指明区县或集群' }]);
    label = `添加批注：${ind.name} ${on.cell.year}年`;
  }
  const who = currentAuthor(ctx);
  const now = ctx.now();
  const row: CommentRow = {
    id: randomUUID(),
    plan_id: input.planId,
    target: on.target,
    task_id: on.target === 'task' ? on.taskId : null,
    indicator_id: on.target === 'cell' ? on.cell.indicatorId : null,
    scope: on.target === 'cell' ? on.cell.scope : null,
    scope_id: on.target === 'cell' ? (on.cell.scopeId ?? '') : null,
    year: on.target === 'cell' ? on.cell.year : null,
    period: on.target === 'cell' ? on.cell.period : null,
    kind: on.target === 'cell' ? on.cell.kind : null,
    body: text,
    author: who.name,
    author_department: who.department,
    author_district: who.district,
    created_at: now,
    updated_at: now,
  };
  return runChange(ctx, { label, planId: input.planId }, (rec) => {
    q.insert.run(row);
    rec.inserted('comment', row.id);
    return { comment: toComment(row) };
  });
}

function existing(ctx: StoreContext, id: string): CommentRow {
  const row = commentQueries(ctx.db).byId.get(id);
  if (!row) throw notFound('批注', id);
  return row;
}

export function updateComment(ctx: StoreContext, input: ParsedInput<'comments.update'>) {
  const q = commentQueries(ctx.db);
  const old = existing(ctx, input.id);
  const text = checkedBody(input.body);
  // The same text: nothing to record (no empty undo step).
  if (text === old.body) return { comment: toComment(old), changes: noChanges(old.plan_id) };
  return runChange(ctx, { label: '修改批注', planId: old.plan_id }, (rec) => {
    const now = ctx.now();
    q.setBody.run(text, now, old.id);
    rec.update('comment', old.id, 'body', old.body, text);
    rec.update('comment', old.id, 'updated_at', old.updated_at, now);
    return { comment: toComment({ ...old, body: text, updated_at: now }) };
  });
}

export function deleteComment(ctx: StoreContext, input: ParsedInput<'comments.delete'>) {
  const q = commentQueries(ctx.db);
  const old = existing(ctx, input.id);
  return runChange(ctx, { label: '删除批注', planId: old.plan_id }, (rec) => {
    rec.removing('comment', old.id);
    q.remove.run(old.id);
    return { deleted: old.id };
  });
}

export const commentHandlers = {
  'comments.list': (ctx, input) => listComments(ctx, input),
  'comments.add': (ctx, input) => addComment(ctx, input),
  'comments.update': (ctx, input) => updateComment(ctx, input),
  'comments.delete': (ctx, input) => deleteComment(ctx, input),
} satisfies HandlersFor<typeof commentOps, StoreContext>;
