/**
 * Adding, moving and deleting clusters (issue 14 §1). Each write is checked first, then one
 * runChange: the cluster and every row that moves or goes with it are recorded, so undo puts all back
 * (a deleted cluster's target values and their comments too).
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { preparedOnce } from '../context.ts';
import { PlanDeskError, invalid, notFound } from '../errors.ts';
import { runChange, type ChangeRecorder, type Entity, type WithChanges } from '../audit/recorder.ts';
import type { Deletion } from '../../contract/ops/clusters.ts';
import { getPlanRow } from '../plans/read.ts';
import { typedTextProblem } from '../../domain/text.ts';
import { clusterQueries, type ClusterRow } from './queries.ts';
import { checkName } from '../indicators/rules.ts';
import { clampPosition, moved, renumber, type Placed } from './order.ts';

const q = preparedOnce((db) => ({
  setOrder: db.prepare<[number, string], never>('UPDATE clusters SET sort_order = ? WHERE id = ?'),
  remove: db.prepare<[string], never>('DELETE FROM clusters WHERE id = ?'),
  targets: db.prepare<[string, string], { id: string }>(
    `SELECT tv.id FROM target_values tv JOIN indicators i ON i.id = tv.indicator_id
      WHERE tv.scope = 'cluster' AND tv.scope_id = ? AND i.plan_id = ? ORDER BY tv.id`,
  ),
  comments: db.prepare<[string, string], { id: string }>(
    "SELECT id FROM comments WHERE plan_id = ? AND target = 'cell' AND scope = 'cluster' AND scope_id = ? ORDER BY id",
  ),
  removeTarget: db.prepare<[string], never>('DELETE FROM target_values WHERE id = ?'),
  removeComment: db.prepare<[string], never>('DELETE FROM comments WHERE id = ?'),
}));

/** Writes the renumbering of a list (see order.ts), recorded field by field. */
export function applyOrder(rec: ChangeRecorder, entity: Entity, rows: readonly Placed[], ids: readonly (string | null)[], set: (order: number, id: string) => void): void {
  for (const r of renumber(rows, ids)) {
    set(r.to, r.id);
    rec.update(entity, r.id, 'sort_order', r.from, r.to);
  }
}

/** The name of a new or renamed row: not blank, typed text rules, unique within `others`. */
export function checkRowName(raw: string, what: string, others: readonly { id: string; name: string }[], selfId: string | null): { ok: true; value: string } | { ok: false; message: string } {
  const c = checkName(raw, what);
  if (!c.ok) return c;
  const problem = typedTextProblem(c.value, 500);
  if (problem) return { ok: false, message: `${what}${problem}` };
  const clash = others.find((o) => o.name === c.value && o.id !== selfId);
  if (clash) return { ok: false, message: `${what}“${c.value}”已存在，请换一个名称` };
  return c;
}

/** The list's ids numbered so that place `at` (0-based) is free: rows from `at` on move down by one. */
export function withGap(list: readonly Placed[], at: number): (string | null)[] {
  const ids: (string | null)[] = list.map((r) => r.id);
  ids.splice(at, 0, null);
  return ids;
}

function clusterOfPlan(ctx: StoreContext, planId: string, clusterId: string): ClusterRow {
  const c = clusterQueries(ctx.db).byId.get(clusterId);
  if (!c || c.plan_id !== planId) throw notFound('本规划的产业集群', clusterId);
  return c;
}

export function createCluster(
  ctx: StoreContext,
  input: { planId: string; name: string; note?: string | null | undefined; source?: string | null | undefined; position?: number | undefined },
): WithChanges<{ id: string; position: number }> {
  getPlanRow(ctx, input.planId);
  const list = clusterQueries(ctx.db).ofPlan.all(input.planId);
  const name = checkRowName(input.name, '产业集群名称', list, null);
  if (!name.ok) throw invalid(name.message, [{ field: 'name', row: clampPosition(input.position, list.length) + 1, message: name.message }], { reason: 'cluster.notAdded', params: { count: 1 } });
  const at = clampPosition(input.position, list.length);
  const row: ClusterRow = {
    id: randomUUID(), plan_id: input.planId, name: name.value, note: input.note?.trim() || null, source: input.source?.trim() || null,
    sort_order: at + 1,
  };
  return runChange(ctx, { label: `添加产业集群“${row.name}”`, planId: input.planId }, (rec) => {
    applyOrder(rec, 'cluster', list, withGap(list, at), (o, id) => q(ctx.db).setOrder.run(o, id));
    clusterQueries(ctx.db).insert.run(row);
    rec.inserted('cluster', row.id);
    return { id: row.id, position: at };
  });
}

export function moveCluster(ctx: StoreContext, input: { planId: string; clusterId: string; position: number }): WithChanges<{ position: number }> {
  getPlanRow(ctx, input.planId);
  const c = clusterOfPlan(ctx, input.planId, input.clusterId);
  const list = clusterQueries(ctx.db).ofPlan.all(input.planId);
  const ids = moved(list.map((x) => x.id), c.id, input.position);
  const at = ids.indexOf(c.id);
  return runChange(ctx, { label: `移动产业集群“${c.name}”到第 ${at + 1} 位`, planId: input.planId }, (rec) => {
    applyOrder(rec, 'cluster', list, ids, (o, id) => q(ctx.db).setOrder.run(o, id));
    return { position: at };
  });
}

/** What deleting the cluster takes with it. */
export function clusterDeletion(ctx: StoreContext, planId: string, clusterId: string): Deletion & { targetIds: string[]; commentIds: string[] } {
  const c = clusterOfPlan(ctx, planId, clusterId);
  const targetIds = q(ctx.db).targets.all(c.id, planId).map((r) => r.id);
  const commentIds = q(ctx.db).comments.all(planId, c.id).map((r) => r.id);
  return { name: c.name, targetValues: targetIds.length, comments: commentIds.length, targetIds, commentIds };
}

/** The refusal a delete without `confirm` answers: what would go, in words and as issues. */
export function confirmDeletion(what: string, d: Deletion): PlanDeskError {
  const parts = [d.targetValues ? `${d.targetValues} 个目标值` : '', d.comments ? `${d.comments} 条批注` : ''].filter(Boolean);
  const message = `删除${what}“${d.name}”${parts.length ? `将同时删除${parts.join('、')}` : '（没有目标值和批注）'}。确认后再删除；删除后可以撤销。`;
  const kind = what === '指标' ? 'indicator' : 'cluster';
  return new PlanDeskError(
    'CONFLICT',
    message,
    [
      { field: 'name', message: `${what}：${d.name}` },
      ...(d.targetValues ? [{ field: 'targetValues', message: `目标值：${d.targetValues} 个`, reason: 'delete.targetValues', params: { count: d.targetValues } }] : []),
      ...(d.comments ? [{ field: 'comments', message: `批注：${d.comments} 条`, reason: 'delete.comments', params: { count: d.comments } }] : []),
    ],
    { reason: `delete.confirm.${kind}`, params: { name: d.name, targetValues: d.targetValues, comments: d.comments } },
  );
}

export function deleteCluster(ctx: StoreContext, input: { planId: string; clusterId: string; confirm?: boolean | undefined }): WithChanges<Deletion> {
  getPlanRow(ctx, input.planId);
  const d = clusterDeletion(ctx, input.planId, input.clusterId);
  if (input.confirm !== true) throw confirmDeletion('产业集群', d);
  const qs = q(ctx.db);
  return runChange(ctx, { label: `删除产业集群“${d.name}”`, planId: input.planId }, (rec) => {
    for (const id of d.commentIds) {
      rec.removing('comment', id);
      qs.removeComment.run(id);
    }
    for (const id of d.targetIds) {
      rec.removing('target', id);
      qs.removeTarget.run(id);
    }
    rec.removing('cluster', input.clusterId);
    qs.remove.run(input.clusterId);
    return { name: d.name, targetValues: d.targetValues, comments: d.comments };
  });
}
