/**
 * The local half of pulling one package from the hub (db/sync/run.ts pullOne): its preview, the check
 * against the envelope the hub routed it by, and its apply when it has no conflict — the exchange core's
 * own calls (db/exchange/import.ts), each its one transaction. On any connection: the host's for a small
 * package, the package worker's own (db/packagefiles/export.worker.ts, `kind: 'pull'`) for a large one, so a
 * big pull's merge does not hold the host's thread. The answer is plain data (posted back from the worker).
 */
import type { StoreContext } from '../context.ts';
import { applyPackage, discardPending, previewPackage } from '../exchange/import.ts';
import { listPlans } from '../plans/read.ts';
import type { Envelope } from './outbox.ts';

export type PulledOutcome =
  | { kind: 'already' }
  | { kind: 'envelopeMismatch' }
  | { kind: 'conflicts'; unresolved: number }
  | { kind: 'applied'; newPlan: { planId: string; planTitle: string } | null; applied: number; versionName: string };

export function importPulled(ctx: StoreContext, input: { file: string; envelope: Envelope }): PulledOutcome {
  const had = new Set(listPlans(ctx, { includeArchived: true }).map((x) => x.id));
  const pre = previewPackage(ctx, { file: input.file, keep: true });
  if (pre.status === 'already') return { kind: 'already' };
  const e = input.envelope;
  if (pre.packageId !== e.packageId || pre.planId !== e.planId || pre.seq !== e.seq || pre.sender.role !== e.sender.role || (e.sender.role === 'district' && pre.sender.district !== e.sender.district)) {
    discardPending(ctx, pre.packageId);
    return { kind: 'envelopeMismatch' };
  }
  if (pre.status === 'conflicts') return { kind: 'conflicts', unresolved: pre.counts.unresolved };
  const applied = applyPackage(ctx, { packageId: pre.packageId });
  return { kind: 'applied', newPlan: pre.full && !had.has(pre.planId) ? { planId: pre.planId, planTitle: pre.planTitle } : null, applied: applied.applied, versionName: applied.versionName };
}
