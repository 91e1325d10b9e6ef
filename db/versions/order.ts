/**
 * Reordering in a comparison (s8-auth14): a cluster, indicator or district moved in its list shows as a
 * change of its 位置 (position). Rows are still matched by id; only the rows that moved relative to the
 * others are named — those outside the longest run of rows kept in the same relative order — so inserting
 * a row, which renumbers every row below it, is not reported as moving them. Tasks are left out: the ledger
 * is sorted and renumbered freely (tasks.renumber) and a reorder of it stays no change.
 */
import type { StoreContext } from '../context.ts';
import { rowQueries, type VersionedEntity } from './rows.ts';
import { versionQueries, type VersionRow } from './queries.ts';

export const ORDERED: readonly VersionedEntity[] = ['plan_district', 'cluster', 'indicator'];

type Side = VersionRow | 'current';

function orderOf(ctx: StoreContext, planId: string, entity: VersionedEntity, side: Side): string[] {
  const rows: { id: string; order: number }[] = [];
  const add = (rowId: string, data: string) => {
    const d = JSON.parse(data) as { sort_order?: unknown };
    rows.push({ id: rowId, order: typeof d.sort_order === 'number' ? d.sort_order : 0 });
  };
  if (side === 'current') for (const r of rowQueries(ctx.db).iterate(entity, planId)) add(r.row_id, r.data);
  else for (const r of versionQueries(ctx.db).tableAt.all({ plan: planId, entity, seq: side.seq })) add(r.row_id, r.data);
  return rows.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => r.id);
}

/** Indexes of `seq` that are in one longest strictly increasing subsequence (patience sorting, O(n log n)). */
export function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] ?? 0] ?? 0) < (seq[i] ?? 0)) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let k = tails.at(-1) ?? -1; k >= 0; k = prev[k] ?? -1) keep.add(k);
  return keep;
}

/** The rows of `entity` that moved between the sides, each with its 1-based position in either list. */
export function movedRows(ctx: StoreContext, planId: string, entity: VersionedEntity, from: Side, to: Side): Map<string, { old: number; new: number }> {
  const a = orderOf(ctx, planId, entity, from);
  const b = orderOf(ctx, planId, entity, to);
  const posA = new Map(a.map((id, i) => [id, i + 1]));
  const posB = new Map(b.map((id, i) => [id, i + 1]));
  const common = b.filter((id) => posA.has(id));
  const keep = longestIncreasing(common.map((id) => posA.get(id) ?? 0));
  const out = new Map<string, { old: number; new: number }>();
  common.forEach((id, i) => {
    if (!keep.has(i)) out.set(id, { old: posA.get(id) ?? 0, new: posB.get(id) ?? 0 });
  });
  return out;
}
