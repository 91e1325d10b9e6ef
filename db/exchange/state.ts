/**
 * The states a package is made against and merged on.
 *
 * A package's base names a package both sides hold (manifest.base): the receiver's own package (what
 * it sent, as saved in the version made with it) or the full package it was given. Each side can
 * rebuild that state: a package it sent is its version `version_id`; a package it applied is its
 * version `version_id` with the package's own changes laid over (package_changes; none for a full
 * package, whose version is the received plan itself). The package a side sends next is made against
 * the newer of the last package it applied from the other side (the other side's state when it sent
 * it) and the last package it sent itself (which the other side must have applied first: the sequence
 * check names a gap). Both sides rebuild either one, so a district's second report is merged against
 * its first, not against the plan it was first given.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import { comparePairs } from '../versions/diff.ts';
import { versionQueries, type VersionRow } from '../versions/queries.ts';
import { rowQueries, VERSIONED } from '../versions/rows.ts';
import { MERGED_FIELDS, sameValue, type Change, type ExchangeEntity, type Row, type Value } from '../../domain/exchange/types.ts';
import { exchangeQueries, type LogRow, type StoredChange } from './queries.ts';

export function versionOf(ctx: StoreContext, id: number | null): VersionRow | null {
  if (id === null) return null;
  return versionQueries(ctx.db).byId.get(id) ?? null;
}

export const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function storedToChange(s: StoredChange): Change {
  const entity = s.entity as ExchangeEntity;
  if (s.op === 'update') return { op: 'update', entity, rowId: s.row_id, field: s.field ?? '', base: parse<Value>(s.base), value: parse<Value>(s.value), author: s.author, at: s.at };
  if (s.op === 'insert') return { op: 'insert', entity, rowId: s.row_id, row: parse<Row>(s.value) ?? {}, author: s.author, at: s.at };
  return { op: 'delete', entity, rowId: s.row_id, row: parse<Row>(s.base) ?? {}, author: s.author, at: s.at };
}

/**
 * The changes laid over the version of a logged package: none for a package this side sent, or a full
 * one; for a package applied here, its own changes after those of the package it was made against when
 * that one was applied here too (a district's second report made against its first), so the overlay is
 * always on a version of this side's.
 */
export function overlayOf(ctx: StoreContext, log: LogRow): Change[] {
  if (log.direction === 'out' || log.full) return [];
  const q = exchangeQueries(ctx.db);
  const before = log.base_package_id ? q.logById.get(log.base_package_id) : undefined;
  const prefix = before && before.direction === 'in' && !before.full ? overlayOf(ctx, before) : [];
  // comments are laid over their own kept state (comments.ts), not over a version
  return [...prefix, ...q.changesOf.all(log.package_id).map(storedToChange).filter((c) => c.entity !== 'comment')];
}

export interface BaseState {
  log: LogRow;
  version: VersionRow;
  overlay: Change[];
}

export function baseStateOf(ctx: StoreContext, log: LogRow): BaseState {
  const version = versionOf(ctx, log.version_id);
  if (!version) throw new PlanDeskError('NOT_FOUND', `第 ${log.seq} 号报送包保存的版本已不在本文件中，无法以它为基线`, [], { reason: 'exchange.baseVersionGone', params: { seq: log.seq } });
  return { log, version, overlay: overlayOf(ctx, log) };
}

/** One row of a base state. */
export function baseRow(ctx: StoreContext, base: BaseState, entity: ExchangeEntity, rowId: string): Row | null {
  const stored = exchangeQueries(ctx.db).versionRowAt.get({ plan: base.version.plan_id, entity, row: rowId, seq: base.version.seq });
  let row = parse<Row>(stored?.data ?? null);
  for (const c of base.overlay) {
    if (c.entity !== entity || c.rowId !== rowId) continue;
    if (c.op === 'delete') row = null;
    else if (c.op === 'insert') row = { ...c.row };
    else if (row) row = { ...row, [c.field]: c.value };
  }
  return row;
}

type RowKey = `${string}\u0000${string}`;
const key = (e: string, id: string): RowKey => `${e}\u0000${id}`;

/**
 * The changes from a base state to the plan as it is now, with each cell's last author and time from
 * the audit log (else `fallback`). Reads only the rows the versions comparison names plus the overlay's.
 */
export function changesSince(ctx: StoreContext, planId: string, base: BaseState, fallback: { author: string; at: string }): Change[] {
  const pairs = new Map<RowKey, { entity: ExchangeEntity; rowId: string; v: Row | null; now: Row | null }>();
  for (const p of comparePairs(ctx, planId, base.version, 'current'))
    pairs.set(key(p.entity, p.rowId), { entity: p.entity, rowId: p.rowId, v: parse<Row>(p.old), now: parse<Row>(p.new) });
  const live = rowQueries(ctx.db);
  const overlayByRow = new Map<RowKey, Change[]>();
  for (const c of base.overlay) {
    if (c.entity === 'comment') continue;
    const k = key(c.entity, c.rowId);
    const list = overlayByRow.get(k) ?? [];
    list.push(c);
    overlayByRow.set(k, list);
    if (!pairs.has(k)) {
      const now = parse<Row>(live.read(c.entity, planId, c.rowId) ?? null);
      pairs.set(k, { entity: c.entity, rowId: c.rowId, v: now, now });
    }
  }
  const mark = base.version.change_set_id;
  const q = exchangeQueries(ctx.db);
  const who = (entity: string, rowId: string, field: string) => {
    const a = q.lastAuthor.get(entity, rowId, field, mark);
    return a ? { author: a.user_name, at: a.at } : fallback;
  };
  const out: Change[] = [];
  for (const [k, p] of pairs) {
    let b = p.v;
    for (const c of overlayByRow.get(k) ?? []) {
      if (c.op === 'delete') b = null;
      else if (c.op === 'insert') b = { ...c.row };
      else if (b) b = { ...b, [c.field]: c.value };
    }
    const now = p.now;
    if (!b && !now) continue;
    if (!b && now) out.push({ op: 'insert', entity: p.entity, rowId: p.rowId, row: now, ...who(p.entity, p.rowId, '*') });
    else if (b && !now) out.push({ op: 'delete', entity: p.entity, rowId: p.rowId, row: b, ...who(p.entity, p.rowId, '*') });
    else if (b && now)
      for (const f of MERGED_FIELDS[p.entity]) {
        if (sameValue(b[f], now[f])) continue;
        out.push({ op: 'update', entity: p.entity, rowId: p.rowId, field: f, base: b[f] ?? null, value: now[f] ?? null, ...who(p.entity, p.rowId, f) });
      }
  }
  return orderChanges(out);
}

const ORDER: Record<ExchangeEntity, number> = { plan: 0, plan_district: 1, cluster: 2, indicator: 3, target: 4, task: 5, comment: 6 };

/** Inserts parents first, deletes children first: the order a package lists and applies its changes. */
export function orderChanges(changes: Change[]): Change[] {
  const rank = (c: Change) => (c.op === 'insert' ? ORDER[c.entity] : c.op === 'update' ? 10 + ORDER[c.entity] : 30 - ORDER[c.entity]);
  return changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || (a.c.rowId < b.c.rowId ? -1 : a.c.rowId > b.c.rowId ? 1 : 0) || a.i - b.i)
    .map((x) => x.c);
}

/** Every record of the plan as inserts: the full package (the first to a district); its comments are added by export.ts. */
export function wholePlan(ctx: StoreContext, planId: string, who: { author: string; at: string }): Change[] {
  const live = rowQueries(ctx.db);
  const out: Change[] = [];
  for (const e of VERSIONED)
    for (const r of live.iterate(e, planId)) out.push({ op: 'insert', entity: e, rowId: r.row_id, row: JSON.parse(r.data) as Row, ...who });
  return orderChanges(out);
}
