import type { StoreContext } from '../context.ts';
import type { Cluster } from '../../contract/entities.ts';
import { clusterQueries } from './queries.ts';
import { listTargets } from '../targets/handlers.ts';

export function listClusters(ctx: StoreContext, planId: string): Cluster[] {
  const targets = listTargets(ctx, planId, 'cluster');
  return clusterQueries(ctx.db)
    .ofPlan.all(planId)
    .map((r) => ({
      id: r.id,
      planId: r.plan_id,
      name: r.name,
      note: r.note,
      source: r.source,
      targets: targets.filter((t) => t.scopeId === r.id),
    }));
}
