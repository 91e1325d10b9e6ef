/**
 * Plan versions — design.
 *
 * A row-versioned, copy-on-write store (migration 002):
 *   versions(id, plan_id, seq, name, author, author_department, author_district, created_at, note, change_set_id, rows_written)
 *   version_rows(plan_id, entity, row_id, valid_from, valid_to, data)
 * A record's content (canonical JSON, see rows.ts) is stored once per content it had; it belongs to
 * the plan's versions valid_from <= seq < valid_to (valid_to NULL: still in the latest version).
 * Saved rows are never rewritten, only closed (valid_to set), so a saved version is immutable.
 *
 * Creating version n (O(changes)): the audit log says exactly which records changed since version
 * n-1 (every write goes through runChange; undo/redo write change sets too): the records named by
 * the plan's change sets after version n-1's mark `change_set_id`. Each is read as it is now and
 * compared with its open stored content: when different the old one is closed at n and the new one
 * stored from n; when gone it is closed. Nothing else is read or written. The first version of a plan
 * has nothing to build on and stores every record once (O(plan)).
 *
 * Comparing versions a < b (diff.ts) reads only records that began or ended in (a, b] (two index
 * ranges), ordered by table and id in SQL, each with its content in a and in b. "current" is the
 * latest version plus the records touched since its mark, read from the live tables. Memory holds the
 * one row being compared, never a whole version. Rows are matched by id, and a row's position
 * (sort_order) is kept for restore; for clusters, indicators and a plan's districts a row that moved
 * relative to the others is reported as a change of its 位置 (order.ts: reads those small lists whole),
 * for tasks reordering alone is no change.
 *
 * Restoring (restore.ts) writes the differences current → version through runChange: one undoable
 * step, audited field by field like any edit.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError, invalid, notFound } from '../errors.ts';
import { currentAuthor } from '../identity/author.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { rowQueries, VERSIONED, isVersioned, type VersionedEntity } from './rows.ts';
import { toVersion, versionQueries, type Version, type VersionRow } from './queries.ts';

export interface CreateVersionInput {
  planId: string;
  name: string;
  note?: string | null | undefined;
}

export function createVersion(ctx: StoreContext, input: CreateVersionInput): Version {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能保存版本。');
  const name = input.name.trim();
  if (!name) throw invalid('版本名称不能为空', [{ field: 'name', message: '请填写版本名称', reason: 'version.nameEmpty' }], { reason: 'version.nameEmpty' });
  const plan = getPlanRow(ctx, input.planId);
  const q = versionQueries(ctx.db);
  const rows = rowQueries(ctx.db);
  const tx = ctx.db.transaction((): number => {
    const latest = q.latest.get(plan.id);
    const seq = (latest?.seq ?? 0) + 1;
    const mark = q.maxChangeSet.get()?.id ?? 0;
    let written = 0;
    if (!latest) {
      for (const e of VERSIONED) {
        // Rows are collected per table first: better-sqlite3 does not write while a read is open.
        const all = [...rows.iterate(e, plan.id)];
        for (const r of all) q.insertRow.run(plan.id, e, r.row_id, seq, r.data);
        written += all.length;
      }
    } else {
      for (const d of q.dirty.all({ after: latest.change_set_id, upTo: mark, plan: plan.id })) {
        if (!isVersioned(d.entity)) continue;
        written += storeRow(ctx, plan.id, d.entity, d.entity_id, seq);
      }
    }
    const by = currentAuthor(ctx);
    const info = q.insert.run(plan.id, seq, name, by.name, by.department, by.district, ctx.now(), input.note?.trim() || null, mark, written);
    return Number(info.lastInsertRowid);
  });
  const id = tx();
  return getVersion(ctx, id);
}

/** Brings one record's stored content up to date for version `seq`; returns the rows written. */
function storeRow(ctx: StoreContext, planId: string, entity: VersionedEntity, rowId: string, seq: number): number {
  const q = versionQueries(ctx.db);
  const now = rowQueries(ctx.db).read(entity, planId, rowId);
  const open = q.openRow.get(planId, entity, rowId);
  if (now === open?.data) return 0;
  let written = 0;
  if (open) {
    q.closeRow.run(seq, planId, entity, rowId, open.valid_from);
    written++;
  }
  if (now !== undefined) {
    q.insertRow.run(planId, entity, rowId, seq, now);
    written++;
  }
  return written;
}

export function getVersionRow(ctx: StoreContext, id: number): VersionRow {
  const r = versionQueries(ctx.db).byId.get(id);
  if (!r) throw notFound('版本', String(id));
  return r;
}

export function getVersion(ctx: StoreContext, id: number): Version {
  return toVersion(getVersionRow(ctx, id));
}

export function listVersions(ctx: StoreContext, planId: string): Version[] {
  getPlanRow(ctx, planId);
  return versionQueries(ctx.db).list.all(planId).map(toVersion);
}

export function latestVersion(ctx: StoreContext, planId: string): VersionRow | undefined {
  return versionQueries(ctx.db).latest.get(planId);
}

/** A version by number id, or by name (optionally within one plan); names must then be unique. */
export function resolveVersion(ctx: StoreContext, ref: string, planId?: string): VersionRow {
  const q = versionQueries(ctx.db);
  if (/^\d+$/.test(ref)) {
    const byId = q.byId.get(Number(ref));
    if (byId && (!planId || byId.plan_id === planId)) return byId;
  }
  const named = q.byName.all(ref).filter((v) => !planId || v.plan_id === planId);
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1) throw invalid(`有 ${named.length} 个版本都叫“${ref}”，请用版本编号或指定规划`, [{ field: 'version', message: '版本名称不唯一' }]);
  throw notFound('版本', ref);
}

/** Every row of one table as saved in a version, ordered by id (streamed). */
export function* versionTable(ctx: StoreContext, planId: string, seq: number, entity: VersionedEntity): Generator<{ rowId: string; data: string }> {
  for (const r of versionQueries(ctx.db).tableAt.iterate({ plan: planId, entity, seq })) yield { rowId: r.row_id, data: r.data };
}

/** Every row of one table as it is now, ordered by id. */
export function currentTable(ctx: StoreContext, planId: string, entity: VersionedEntity): { rowId: string; data: string }[] {
  return [...rowQueries(ctx.db).iterate(entity, planId)].map((r) => ({ rowId: r.row_id, data: r.data })).sort((a, b) => (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0));
}
