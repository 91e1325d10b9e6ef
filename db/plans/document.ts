/**
 * One whole plan as a single JSON document (`plans.document`, contract/ops/plans.ts): the stable shape
 * printed by `plandesk show --json` (documented in docs/plan-json.md). Tasks are read page by page so large plans stream through.
 */
import type { StoreContext } from '../context.ts';
import type { Task } from '../../contract/entities.ts';
import { PLAN_DOCUMENT_FORMAT, type PlanDocument } from '../../contract/ops/plans.ts';
import { getPlanOverview } from './read.ts';
import { listTasks } from '../tasks/handlers.ts';


export function* allTasks(ctx: StoreContext, planId: string, pageSize = 2000): Generator<Task> {
  for (let offset = 0; ; offset += pageSize) {
    const page = listTasks(ctx, { planId, offset, limit: pageSize });
    yield* page.rows;
    if (page.rows.length < pageSize) return;
  }
}

export function planDocument(ctx: StoreContext, planId: string): PlanDocument {
  const { taskCount: _count, areas: _areas, ...overview } = getPlanOverview(ctx, planId);
  return { format: PLAN_DOCUMENT_FORMAT, ...overview, tasks: [...allTasks(ctx, planId)] };
}
