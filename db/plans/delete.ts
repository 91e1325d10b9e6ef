/**
 * Archiving and deleting a whole plan. Deleting records every record the plan holds before the one
 * DELETE whose cascade removes them (dependants first: comments, tasks with their departments and
 * districts, targets, indicators, clusters, districts, saved versions, then the plan), so
 * history.undo({ planId }) of the deleted plan replays them back plan first, and nothing is lost:
 * not its versions either (entities 'version' / 'version_row', db/history/entities.ts).
 */
import type { StoreContext } from '../context.ts';
import { runChange, type Entity, type WithChanges } from '../audit/recorder.ts';
import { PlanDeskError } from '../errors.ts';
import type { PlanHeader } from '../../contract/entities.ts';
import { noChanges } from '../audit/changes.ts';
import { planQueries, toPlanHeader } from './queries.ts';
import { getPlanRow } from './read.ts';
import { contentQueries } from './content-queries.ts';

export function setArchived(ctx: StoreContext, planId: string, archived: boolean): WithChanges<PlanHeader> {
  const plan = getPlanRow(ctx, planId);
  if ((plan.archived_at !== null) === archived) return { ...toPlanHeader(plan), changes: noChanges(planId) };
  const at = archived ? ctx.now() : null;
  return runChange(ctx, { label: `${archived ? '归档' : '取消归档'}规划“${plan.title}”`, planId }, (rec) => {
    planQueries(ctx.db).setArchived.run(at, ctx.now(), planId);
    rec.update('plan', planId, 'archived_at', plan.archived_at, at);
    rec.update('plan', planId, 'updated_at', plan.updated_at, ctx.now());
    return toPlanHeader(getPlanRow(ctx, planId));
  });
}

export type PlanDeleted = WithChanges<{ planId: string; title: string; deleted: { districts: number; clusters: number; indicators: number; targets: number; tasks: number; comments: number; versions: number } }>;

/** Plans with more tasks than this are deleted as a job (plans.deleteStart, delete-job.ts), not inside one request. */
export const DELETE_AT_ONCE_MAX_TASKS = 2000;

export function deletePlan(ctx: StoreContext, planId: string): PlanDeleted {
  const plan = getPlanRow(ctx, planId);
  const cq = contentQueries(ctx.db);
  const counts = { districts: 0, clusters: 0, indicators: 0, targets: 0, tasks: 0, comments: 0, versions: 0 };
  const result: PlanDeleted = runChange(ctx, { label: `删除规划“${plan.title}”`, planId }, (rec) => {
    // dependants first (undo replays them back in reverse: the plan first)
    const removing = (entity: Entity, ids: string[], count?: keyof typeof counts) => {
      for (const id of ids) rec.removing(entity, id);
      if (count) counts[count] += ids.length;
    };
    removing('comment', cq.commentIds.all(planId).map((c) => c.id), 'comments');
    removing('task', cq.tasks.all(planId).map((t) => t.id), 'tasks');
    removing('target', cq.targets.all(planId).map((t) => t.id), 'targets');
    removing('indicator', cq.indicators.all(planId).map((i) => i.id), 'indicators');
    removing('cluster', cq.clusters.all(planId).map((c) => c.id), 'clusters');
    removing('plan_district', cq.planDistricts.all(planId).map((d) => `${planId}|${d.district_id}`), 'districts');
    removing('version_row', cq.versionRowIds.all(planId).map((r) => String(r.id)));
    removing('version', cq.versionIds.all(planId).map((v) => String(v.id)), 'versions');
    rec.removing('plan', planId);
    cq.clearTaskFigures.run(planId);
    cq.clearTaskDepartmentFigures.run(planId);
    // migration 008's figures too, not left to the cascade's triggers (they count down task by task)
    cq.clearTaskDistrictFigures.run(planId);
    planQueries(ctx.db).remove.run(planId);
    if (planQueries(ctx.db).byId.get(planId)) throw new PlanDeskError('INTERNAL', `规划“${plan.title}”未能删除`);
    return { planId, title: plan.title, deleted: { ...counts } };
  });
  return result;
}

/** plans.delete within the request: refused for a plan large enough to hold the host (use plans.deleteStart). */
export function deletePlanAtOnce(ctx: StoreContext, planId: string): PlanDeleted {
  const plan = getPlanRow(ctx, planId);
  const tasks = contentQueries(ctx.db).taskCount.get(planId)?.n ?? 0;
  if (tasks > DELETE_AT_ONCE_MAX_TASKS)
    throw new PlanDeskError('CONFLICT', `规划“${plan.title}”有 ${tasks} 项任务，超过 ${DELETE_AT_ONCE_MAX_TASKS} 项的规划在后台删除（plans.deleteStart），以免界面停顿。`, [], { reason: 'plan.deleteAsJob', params: { title: plan.title, tasks, max: DELETE_AT_ONCE_MAX_TASKS } });
  return deletePlan(ctx, planId);
}

/** The plan's header for the answers that only need it. */
export function planHeaderOf(ctx: StoreContext, planId: string): PlanHeader {
  return toPlanHeader(getPlanRow(ctx, planId));
}
