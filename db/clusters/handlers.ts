/** Editing clusters in the workbench grid (name, note, source and the target value of a year). */
import type { StoreContext } from '../context.ts';
import { invalid, notFound, type ErrorIssue } from '../errors.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import type { ClusterPatch, clusterOps } from '../../contract/ops/clusters.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { clusterQueries, type ClusterRow } from './queries.ts';
import { checkName, renameClashes } from '../indicators/rules.ts';
import { checkTargetCell, sameCell, writeTargetCell, type PreparedCell } from '../targets/cells.ts';
import { preparedOnce } from '../context.ts';
import { targetQueries } from '../targets/queries.ts';
import { clusterDeletion, createCluster, deleteCluster, moveCluster } from './authoring.ts';

const clusterEditQueries = preparedOnce((db) => ({
  update: db.prepare<[ClusterRow], never>('UPDATE clusters SET name = @name, note = @note, source = @source WHERE id = @id'),
}));

const COLUMNS = ['name', 'note', 'source'] as const;

export function updateClusters(
  ctx: StoreContext,
  input: { planId: string; indicatorId?: string | undefined; year?: number | undefined; updates: { clusterId: string; patch: ClusterPatch; row?: number | undefined }[] },
): WithChanges<{ changed: number }> {
  getPlanRow(ctx, input.planId);
  const issues: ErrorIssue[] = [];
  const work = input.updates.map((u, i) => {
    const row = u.row ?? i + 1;
    const current = clusterQueries(ctx.db).byId.get(u.clusterId);
    if (!current || current.plan_id !== input.planId) throw notFound('本规划的产业集群', u.clusterId);
    const next: ClusterRow = { ...current };
    if (u.patch.name !== undefined) {
      const c = checkName(u.patch.name, '产业集群名称');
      if (c.ok) next.name = c.value;
      else issues.push({ row, field: 'name', message: c.message });
    }
    if (u.patch.note !== undefined) next.note = u.patch.note;
    if (u.patch.source !== undefined) next.source = u.patch.source;
    let cell: PreparedCell | null = null;
    if (u.patch.targetValue !== undefined) {
      if (!input.indicatorId || input.year === undefined) issues.push({ row, field: 'targetValue', message: '未指定指标和年份，不能修改目标值' });
      else
        cell = checkTargetCell(ctx, input.planId, {
          indicatorId: input.indicatorId, scope: 'cluster', scopeId: current.id, year: input.year, kind: 'target',
          value: u.patch.targetValue, row, field: 'targetValue',
        }, i, issues);
    }
    return { current, next, cell, row };
  });
  const renamed = new Map(work.filter((w) => w.next.name !== w.current.name).map((w) => [w.current.id, w.next.name]));
  for (const clash of renameClashes(clusterQueries(ctx.db).ofPlan.all(input.planId), renamed, '产业集群名称'))
    issues.push({ row: work.find((w) => w.current.id === clash.id)?.row ?? 1, field: 'name', message: clash.message });
  if (issues.length) throw invalid(input.updates.length === 1 ? (issues[0]?.message ?? '输入有误，未保存') : `${issues.length} 处错误，粘贴的内容全部未保存`, issues, {
      reason: input.updates.length === 1 ? 'cluster.notSaved' : 'paste.notSaved',
      params: { count: issues.length },
    });
  const tq = targetQueries(ctx.db);
  const cellChanges = (c: PreparedCell | null) => {
    if (!c) return false;
    const e = tq.byKey.get(c.indicator.id, c.scope, c.scopeId, c.year, c.period, c.kind);
    return e ? !sameCell(e, c) : c.value !== null;
  };
  const changed = work.filter((w) => COLUMNS.some((k) => w.current[k] !== w.next[k]) || cellChanges(w.cell));
  if (changed.length === 0) return { changed: 0, changes: noChanges(input.planId) };
  const label = changed.length === 1 ? `修改产业集群“${changed[0]?.next.name ?? ''}”` : `修改产业集群（${changed.length} 项）`;
  return runChange(ctx, { label, planId: input.planId }, (rec) => {
    for (const w of changed) {
      clusterEditQueries(ctx.db).update.run(w.next);
      for (const k of COLUMNS) rec.update('cluster', w.current.id, k, w.current[k], w.next[k]);
      if (w.cell) writeTargetCell(ctx, rec, w.cell);
    }
    return { changed: changed.length };
  });
}

export const clusterHandlers = {
  'clusters.update': (ctx, input) => updateClusters(ctx, input),
  'clusters.create': (ctx, input) => createCluster(ctx, input),
  'clusters.move': (ctx, input) => moveCluster(ctx, input),
  'clusters.delete': (ctx, input) => deleteCluster(ctx, input),
  'clusters.deletion': (ctx, input) => {
    getPlanRow(ctx, input.planId);
    const { name, targetValues, comments } = clusterDeletion(ctx, input.planId, input.clusterId);
    return { name, targetValues, comments };
  },
} satisfies HandlersFor<typeof clusterOps, StoreContext>;
