/**
 * The content hash of a plan state (a saved version or the plan as it is now) in the core; the canonical
 * forms of a package itself (canonicalJson, contentHash, signedBytes) are the package layer's
 * (package/canonical.ts), shared with the city hub, and re-exported here for the exchange.
 *
 * A state's hash is SHA-256 over every versioned record of the plan (db/versions/rows.ts), sorted by
 * kind and id, each as the JSON array of its compared fields (a missing field is null, so a version
 * saved before a column existed hashes like one after). Positions (sort_order) are not part of it, as
 * the comparison does not compare them.
 */
import crypto from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { rowQueries, VERSIONED } from '../versions/rows.ts';
import { versionTable } from '../versions/store.ts';
import type { Change, Row } from '../../domain/exchange/types.ts';
import { fieldsText } from '../../package/canonical.ts';

export { canonicalJson, contentHash, fieldsText, signedBytes, type ChangeLine } from '../../package/canonical.ts';

const byId = (a: { rowId: string }, b: { rowId: string }) => (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0);

function hashRows(rowsOf: (e: (typeof VERSIONED)[number]) => { rowId: string; data: string }[]): string {
  const h = crypto.createHash('sha256');
  // the versioned records; comments are hashed apart (db/exchange/comments.ts)
  for (const e of VERSIONED) {
    for (const r of rowsOf(e).sort(byId)) h.update(`${e}\t${r.rowId}\t${fieldsText(e, JSON.parse(r.data) as Row)}\n`);
  }
  return h.digest('hex');
}

export function currentStateHash(ctx: StoreContext, planId: string): string {
  const q = rowQueries(ctx.db);
  return hashRows((e) => [...q.iterate(e, planId)].map((r) => ({ rowId: r.row_id, data: r.data })));
}

export function versionStateHash(ctx: StoreContext, planId: string, seq: number, overlay: readonly Change[] = []): string {
  if (!overlay.length) return hashRows((e) => [...versionTable(ctx, planId, seq, e)]);
  return hashRows((e) => {
    const rows = new Map<string, Row | null>();
    for (const r of versionTable(ctx, planId, seq, e)) rows.set(r.rowId, JSON.parse(r.data) as Row);
    for (const c of overlay) {
      if (c.entity !== e) continue;
      if (c.op === 'delete') rows.delete(c.rowId);
      else if (c.op === 'insert') rows.set(c.rowId, { ...c.row });
      else {
        const row = rows.get(c.rowId);
        if (row) rows.set(c.rowId, { ...row, [c.field]: c.value });
      }
    }
    return [...rows].flatMap(([rowId, row]) => (row ? [{ rowId, data: JSON.stringify(row) }] : []));
  });
}

export const VERSIONED_ENTITIES = VERSIONED;
