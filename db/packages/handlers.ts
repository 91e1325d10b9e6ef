/** The 报送包 operations (contract/ops/packages.ts): the work is in db/exchange/ (the domain's core), named packages.* here by the layout rule. */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { packageOps } from '../../contract/ops/packages.ts';
import { noChanges } from '../audit/changes.ts';
import { getPlanRow } from '../plans/read.ts';
import { exportPackage } from '../exchange/export.ts';
import { applyPackage, discardPending, previewPackage, resolvePackage } from '../exchange/import.ts';
import { exchangeQueries, type LogRow } from '../exchange/queries.ts';
import { commentChangeCount } from '../exchange/comments.ts';

/** 报送情况: per counterpart of the plan (its districts, and the city when this file has dealt with it), what was sent and what came back. */
export function packageStatus(ctx: StoreContext, planId: string) {
  const plan = getPlanRow(ctx, planId);
  const q = exchangeQueries(ctx.db);
  const log = q.logOfPlan.all(plan.id);
  const districts = ctx.db
    .prepare<[string], { id: string; name: string }>('SELECT d.id, d.name FROM plan_districts pd JOIN districts d ON d.id = pd.district_id WHERE pd.plan_id = ? ORDER BY pd.sort_order, d.name')
    .all(plan.id);
  const parties = [...(log.some((l) => l.counterpart === 'city') ? [{ id: 'city', name: '市' }] : []), ...districts];
  const pendings = q.pendingOfPlan.all(plan.id).map((p) => {
    const m = JSON.parse(p.manifest) as { seq: number; sender: { role: string; districtId: string | null } };
    const unresolved = ctx.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM merge_conflicts WHERE package_id = ? AND resolution IS NULL').get(p.package_id)?.n ?? 0;
    return { from: m.sender.role === 'district' ? m.sender.districtId : 'city', packageId: p.package_id, seq: m.seq, unresolved };
  });
  const last = (rows: LogRow[]) => rows.at(-1) ?? null;
  return {
    planId: plan.id,
    counterparts: parties.map((p) => {
      const ins = last(log.filter((l) => l.counterpart === p.id && l.direction === 'in'));
      const outs = last(log.filter((l) => l.counterpart === p.id && l.direction === 'out'));
      const state: 'reported' | 'waiting' | 'none' = !ins && !outs ? 'none' : outs && (!ins || log.indexOf(outs) > log.indexOf(ins)) ? 'waiting' : 'reported';
      const pending = pendings.filter((x) => x.from === p.id).at(-1);
      return {
        counterpart: p.id,
        name: p.name,
        lastIn: ins ? { seq: ins.seq, at: ins.at, author: ins.author, by: ins.by, changes: ins.changes, comments: commentChangeCount(ctx, ins.package_id), conflicts: ins.conflicts } : null,
        lastOut: outs ? { seq: outs.seq, at: outs.at, changes: outs.changes, comments: commentChangeCount(ctx, outs.package_id) } : null,
        pending: pending ? { packageId: pending.packageId, seq: pending.seq, unresolved: pending.unresolved } : null,
        state,
      };
    }),
  };
}

export const packageHandlers = {
  'packages.export': (ctx, input) => ({ ...exportPackage(ctx, input), changes: noChanges(input.planId) }),
  'packages.preview': (ctx, input) => previewPackage(ctx, input),
  'packages.resolve': (ctx, input) => resolvePackage(ctx, input),
  'packages.apply': (ctx, input) => applyPackage(ctx, input),
  'packages.discard': (ctx, input) => {
    discardPending(ctx, input.packageId);
    return { discarded: true };
  },
  'packages.status': (ctx, input) => packageStatus(ctx, input.planId),
} satisfies HandlersFor<typeof packageOps, StoreContext>;
