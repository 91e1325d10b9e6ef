/**
 * The comparison engine: streams the rows whose content differs between two sides of one plan (a
 * saved version or the current plan), ordered by table and id, reading only candidate rows (see the
 * design in store.ts). Never holds a whole version in memory.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import type { Db } from '../connection.ts';
import { rowQueries, type VersionedEntity } from './rows.ts';
import { versionQueries, type VersionRow } from './queries.ts';
import { latestVersion } from './store.ts';
import { diffRow, parseRow, type RowChange } from './rules.ts';
import { ORDERED, movedRows } from './order.ts';

export type Side = VersionRow | 'current';

export interface RawPair {
  entity: VersionedEntity;
  rowId: string;
  /** canonical JSON in the from side, null when absent */
  old: string | null;
  new: string | null;
}

const busy = new WeakSet<Db>();

/** Rows whose stored content differs at all (position included), ordered by table and id. */
export function* comparePairs(ctx: StoreContext, planId: string, from: Side, to: Side): Generator<RawPair> {
  if (from === 'current' && to === 'current') return;
  for (const s of [from, to]) {
    if (s !== 'current' && s.plan_id !== planId) throw new PlanDeskError('INVALID_INPUT', '只能比较同一规划的版本');
  }
  const db = ctx.db;
  if (busy.has(db)) throw new PlanDeskError('BUSY', '另一个比较正在进行，请稍后再试');
  const q = versionQueries(db);
  const live = rowQueries(db);
  busy.add(db);
  try {
    q.clearCandidates.run();
    const a = from === 'current' ? null : from.seq;
    const b = to === 'current' ? null : to.seq;
    if (a !== null && b !== null) {
      if (a !== b) q.candidatesBetween.run({ plan: planId, lo: Math.min(a, b), hi: Math.max(a, b) });
    } else {
      const v = (a ?? b) as number;
      const latest = latestVersion(ctx, planId);
      if (latest && v < latest.seq) q.candidatesBetween.run({ plan: planId, lo: v, hi: latest.seq });
      q.candidatesDirty.run({ plan: planId, after: latest?.change_set_id ?? 0 });
    }
    for (const k of q.candidates.iterate({ plan: planId, a: a ?? -1, b: b ?? -1 })) {
      const oldData = a === null ? (live.read(k.entity, planId, k.row_id) ?? null) : k.a_data;
      const newData = b === null ? (live.read(k.entity, planId, k.row_id) ?? null) : k.b_data;
      if (oldData !== newData) yield { entity: k.entity, rowId: k.row_id, old: oldData, new: newData };
    }
  } finally {
    busy.delete(db);
    q.clearCandidates.run();
  }
}

/** The comparison from → to: added, removed and changed rows with their changed cells. */
export function* compareRows(ctx: StoreContext, planId: string, from: Side, to: Side): Generator<RowChange> {
  // lists whose order is compared (order.ts): read once, when a row of theirs changed its position
  const moves = new Map<VersionedEntity, Map<string, { old: number; new: number }>>();
  for (const p of comparePairs(ctx, planId, from, to)) {
    const oldRow = parseRow(p.old);
    const newRow = parseRow(p.new);
    let c = diffRow(p.entity, p.rowId, oldRow, newRow);
    if (oldRow && newRow && ORDERED.includes(p.entity) && oldRow['sort_order'] !== newRow['sort_order']) {
      let m = moves.get(p.entity);
      if (!m) moves.set(p.entity, (m = movedRows(ctx, planId, p.entity, from, to)));
      const mv = m.get(p.rowId);
      if (mv) {
        const cell = { field: POSITION, old: mv.old, new: mv.new };
        c = c ? { ...c, cells: [...c.cells, cell] } : { entity: p.entity, rowId: p.rowId, kind: 'changed', old: oldRow, new: newRow, cells: [cell] };
      }
    }
    if (c) yield c;
  }
}

/** The field a moved row's change of place is reported as (位置: its 1-based place in the list). */
export const POSITION = 'position';
