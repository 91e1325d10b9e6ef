/**
 * Canonical forms of the exchange shared by the desktop's core and the city hub: the byte form of a
 * package that is signed (signedBytes over the manifest), the content hash over its changes, and the
 * canonical JSON both are made of. The hash of a plan state (over the rows of a SQLite plan file) is the
 * core's: db/exchange/canonical.ts; fieldsText (one record's compared fields) is here so the hub hashes
 * its own rows the same way.
 */
import crypto from 'node:crypto';
import { MERGED_FIELDS, type ExchangeEntity, type Row, type Value } from '../domain/exchange/types.ts';

export const fieldsText = (entity: ExchangeEntity, row: Row): string => JSON.stringify(MERGED_FIELDS[entity].map((f) => row[f] ?? null));

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

