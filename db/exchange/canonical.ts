/**
 * Canonical forms of the exchange: the content hash of a plan state (a saved version or the plan as it
 * is now), and the byte form of a package that is signed.
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
import { MERGED_FIELDS, type Change, type ExchangeEntity, type Row, type Value } from '../../domain/exchange/types.ts';

export const fieldsText = (entity: ExchangeEntity, row: Row): string => JSON.stringify(MERGED_FIELDS[entity].map((f) => row[f] ?? null));

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

/** JSON with object keys sorted at every level: one text for one value. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export interface ChangeLine {
  op: 'update' | 'insert' | 'delete';
  entity: string;
  rowId: string;
  field: string | null;
  base: Value | Row | null;
  value: Value | Row | null;
  author: string;
  at: string;
}

/** SHA-256 over the changes in their order, one canonical line each: the manifest's contentHash. */
export function contentHash(lines: Iterable<ChangeLine>): string {
  const h = crypto.createHash('sha256');
  for (const c of lines) h.update(`${canonicalJson([c.op, c.entity, c.rowId, c.field, c.base, c.value, c.author, c.at])}\n`);
  return h.digest('hex');
}

/** What the signature is over: the manifest (which holds contentHash, so every change is covered too). */
export function signedBytes(manifest: object): Uint8Array {
  return new TextEncoder().encode(`PLANDESK-PACKAGE-1\n${canonicalJson(manifest)}`);
}

export const VERSIONED_ENTITIES = VERSIONED;
