import type { StoreContext } from '../context.ts';
import type { Task } from '../../contract/entities.ts';
import type { HandlersFor, TaskFilter } from '../../contract/operations.ts';
import type { taskOps } from '../../contract/ops/tasks.ts';
import { noCondition, taskQueries, type TaskSortKey } from './queries.ts';
import { getPlanRow } from '../plans/read.ts';
import { filterParams } from './read.ts';
import { hydrateTasks } from './hydrate.ts';
import { taskFacets } from './facets.ts';
import { createTask, deleteTasks, locateTask, renumberTasks, taskStats, updateTask, updateTasks } from './edits.ts';

// Reading and name resolving live in read.ts (edits.ts uses them too), row → API mapping in hydrate.ts
// (the change sets use it); other domains may import them from here.
export { filterParams, getTask, resolveDistrictNames, resolveUnitNames } from './read.ts';
export { hydrateTasks } from './hydrate.ts';

export function listTasks(
  ctx: StoreContext,
  input: { planId: string; filter?: TaskFilter | undefined; sort?: TaskSortKey | undefined; offset?: number | undefined; limit?: number | undefined },
): { total: number; rows: Task[] } {
  getPlanRow(ctx, input.planId);
  const params = filterParams(ctx, input.planId, input.filter);
  const q = taskQueries(ctx.db);
  // The whole plan's count is kept by the figures' triggers (migration 005): the first page of a
  // 100,000-task plan costs what a 10,000-task one does. A filter counts its matches.
  const total = noCondition(params) ? (q.keptTotal.get(input.planId)?.n ?? 0) : (q.count.get(params)?.n ?? 0);
  const rows = q.page[input.sort ?? 'order'].all({ ...params, limit: input.limit ?? 200, offset: input.offset ?? 0 });
  return { total, rows: hydrateTasks(ctx, rows) };
}

export const taskHandlers = {
  'tasks.list': (ctx, input) => listTasks(ctx, input),
  'tasks.update': (ctx, input) => updateTask(ctx, input.taskId, input.patch),
  'tasks.updateMany': (ctx, input) => updateTasks(ctx, input.planId, input.updates),
  'tasks.create': (ctx, input) => createTask(ctx, input.planId, input.afterTaskId, input.patch),
  'tasks.delete': (ctx, input) => deleteTasks(ctx, input.planId, input.taskIds),
  'tasks.renumber': (ctx, input) => renumberTasks(ctx, input.planId),
  'tasks.facets': (ctx, input) => taskFacets(ctx, input.planId),
  'tasks.stats': (ctx, input) => taskStats(ctx, input.planId, input.filter),
  'tasks.locate': (ctx, input) => locateTask(ctx, input.planId, input.taskId, input.filter),
} satisfies HandlersFor<typeof taskOps, StoreContext>;
