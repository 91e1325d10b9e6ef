/**
 * 报送包 exchange between the districts and the city (issue 15, db/exchange/): export a package, preview
 * it (what will change, every conflict with base / mine / theirs), resolve the conflicts, apply it as
 * one undoable step, and 报送情况 (which districts have reported, per plan and round).
 */
import { z } from 'zod';
import { id } from '../entities.ts';
import { op, writeOp } from '../op.ts';

const path = z.string().min(1).max(4096);
const value = z.union([z.string().max(200_000), z.number(), z.null(), z.array(z.string().max(500))]);
const table = z.enum(['plan', 'plan_district', 'cluster', 'indicator', 'target', 'task', 'comment']);
const row = z.record(z.string(), value);
const resolution = z.union([z.object({ take: z.enum(['mine', 'theirs']) }), z.object({ value })]);

export const packageConflict = z.object({
  id: z.string(),
  kind: z.enum(['cell', 'editedDeleted', 'deletedEdited', 'sameKey']),
  entity: table,
  rowId: z.string(),
  field: z.string().nullable(),
  base: value,
  mine: value,
  theirs: value,
  mineRow: row.nullable(),
  theirsRow: row.nullable(),
  mineRowId: z.string().nullable(),
  author: z.string(),
  at: z.string(),
  resolution: resolution.nullable(),
});

export const packagePreview = z.object({
  status: z.enum(['ready', 'conflicts', 'already']),
  message: z.string(),
  packageId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  sender: z.object({ role: z.enum(['city', 'district']), name: z.string(), department: z.string().nullable(), district: z.string().nullable() }),
  senderLabel: z.string(),
  /** the sender's key code (domain/keys.ts readableFingerprint), checked by then against the keys this file trusts */
  senderCode: z.string().nullable(),
  seq: z.number().int(),
  full: z.boolean(),
  /** the package is kept in the plan file for resolve / apply */
  kept: z.boolean(),
  counts: z.object({ changes: z.number().int(), toApply: z.number().int(), unchanged: z.number().int(), conflicts: z.number().int(), unresolved: z.number().int() }),
  /** what will change (at most 2000; `truncated` says when there are more) */
  items: z.array(z.object({ op: z.enum(['set', 'insert', 'delete']), table, rowId: z.string(), field: z.string().nullable(), from: value, to: value, author: z.string(), at: z.string() })),
  conflicts: z.array(packageConflict),
  truncated: z.boolean(),
});

const counterpartStatus = z.object({
  /** a district's id, or 'city' */
  counterpart: z.string(),
  name: z.string(),
  /** `comments`: how many of the changes are 批注 (0 for a package made before comments travelled) */
  lastIn: z.object({ seq: z.number().int(), at: z.string(), author: z.string(), by: z.string(), changes: z.number().int(), comments: z.number().int(), conflicts: z.number().int() }).nullable(),
  lastOut: z.object({ seq: z.number().int(), at: z.string(), changes: z.number().int(), comments: z.number().int() }).nullable(),
  /** a package of theirs previewed and not yet applied, with its unresolved conflicts */
  pending: z.object({ packageId: z.string(), seq: z.number().int(), unresolved: z.number().int() }).nullable(),
  /** 'reported': they answered the last package sent; 'waiting': sent, no answer since; 'none': nothing exchanged */
  state: z.enum(['reported', 'waiting', 'none']),
});

export const packageOps = {
  /** `out`: the file to write (CLI, desktop); the workbench downloads through packagefiles.export (contract/ops/packagefiles.ts) */
  'packages.export': writeOp(
    z.object({ planId: id, to: z.string().min(1).max(200), out: path }).strict(),
    z.object({ packageId: z.string(), file: z.string(), seq: z.number().int(), full: z.boolean(), changeCount: z.number().int(), versionName: z.string(), recipient: z.string() }),
  ),
  /** a package file by path (CLI, desktop); the workbench's upload goes through packagefiles.preview */
  'packages.preview': op(z.object({ file: path, keep: z.boolean().default(true) }).strict(), packagePreview),
  'packages.resolve': op(
    z
      .object({
        packageId: z.string().min(1).max(100),
        resolutions: z.array(z.object({ conflictId: z.string().max(1000), take: z.enum(['mine', 'theirs']).optional(), value: value.optional() }).strict()).max(100_000).default([]),
        all: z.enum(['mine', 'theirs', 'district']).optional(),
      })
      .strict(),
    z.object({ packageId: z.string(), resolved: z.number().int(), unresolved: z.number().int(), conflicts: z.array(packageConflict) }),
  ),
  'packages.apply': writeOp(
    z.object({ packageId: z.string().min(1).max(100) }).strict(),
    z.object({ packageId: z.string(), planId: z.string(), applied: z.number().int(), versionId: z.number().int(), versionName: z.string() }),
  ),
  'packages.discard': op(z.object({ packageId: z.string().min(1).max(100) }).strict(), z.object({ discarded: z.boolean() })),
  'packages.status': op(z.object({ planId: id }).strict(), z.object({ planId: z.string(), counterparts: z.array(counterpartStatus) })),
};
