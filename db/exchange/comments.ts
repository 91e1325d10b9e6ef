/**
 * 批注 (comments, migration 004) in the 报送包 exchange. Comments are not versioned records, so a package's
 * base is rebuilt for them from the comment state kept with each logged package (migration 013:
 * package_comment_states / package_comment_rows): the state a package stands for is its base's comments with
 * the package's comment changes laid over. Both sides keep the same state for the same package, so the next
 * package either way is diffed against it and merged three-way like every other record.
 *
 * What travels: a district sends only the comments it owns (written by one of its users, on its own district's
 * cells or on tasks it is named on: domain/exchange/scope.ts districtOwnsComment), so an edit of the city's comment
 * made in a district stays there; the city sends every comment except another district's. Both the base and
 * the plan are narrowed by the same rule before they are compared, so what is left out is neither sent nor
 * deleted. A base without a kept comment state (a package made before comments travelled) counts as no comments:
 * the comments are sent as new rows, and one the receiver already holds unchanged is nothing.
 *
 * The manifest's `comments.hash` is SHA-256 over the state after the package, and `comments.fromBase` says
 * whether the sender laid its changes over the base's state (else over none); the receiver rebuilds the same
 * state and compares (db/exchange/checks.ts), as it does for the plan's records.
 */
import crypto from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { preparedOnce } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import { rowQueries } from '../versions/rows.ts';
import { districtOwnsComment } from '../../domain/exchange/scope.ts';
import { MERGED_FIELDS, sameValue, type Change, type Row } from '../../domain/exchange/types.ts';
import type { Manifest } from '../../package/manifest.ts';

export type CommentState = Map<string, Row>;

const COLUMNS = 'target, task_id, indicator_id, scope, scope_id, year, period, kind, body, author, author_department, author_district, created_at, updated_at';

type CommentDbRow = Record<string, string | number | null> & { id: string };

const commentExchangeQueries = preparedOnce((db) => ({
  ofPlan: db.prepare<[string], CommentDbRow>(`SELECT id, ${COLUMNS} FROM comments WHERE plan_id = ? ORDER BY id`),
  one: db.prepare<[string, string], CommentDbRow>(`SELECT id, ${COLUMNS} FROM comments WHERE plan_id = ? AND id = ?`),
  state: db.prepare<[string], { hash: string; comment_changes: number }>('SELECT hash, comment_changes FROM package_comment_states WHERE package_id = ?'),
  rows: db.prepare<[string], { row_id: string; data: string }>('SELECT row_id, data FROM package_comment_rows WHERE package_id = ? ORDER BY row_id'),
  deleteState: db.prepare<[string]>('DELETE FROM package_comment_states WHERE package_id = ?'),
  deleteRows: db.prepare<[string]>('DELETE FROM package_comment_rows WHERE package_id = ?'),
  insertState: db.prepare<[string, string, number]>('INSERT INTO package_comment_states (package_id, hash, comment_changes) VALUES (?, ?, ?)'),
  insertRow: db.prepare<[string, string, string]>('INSERT INTO package_comment_rows (package_id, row_id, data) VALUES (?, ?, ?)'),
}));

function toRow(r: CommentDbRow): Row {
  const { id: _id, ...rest } = r;
  return rest;
}

/** Every comment of the plan, as the exchange carries it (also those on a task deleted since: they come back with its undo). */
export function planComments(ctx: StoreContext, planId: string): CommentState {
  return new Map(commentExchangeQueries(ctx.db).ofPlan.all(planId).map((r) => [r.id, toRow(r)]));
}

export function commentRow(ctx: StoreContext, planId: string, id: string): Row | null {
  const r = commentExchangeQueries(ctx.db).one.get(planId, id);
  return r ? toRow(r) : null;
}

/** Who a package's comments are shared with: the city (from district `districtId`), or district `districtId` (from the city). */
export interface CommentAudience {
  to: 'city' | 'district';
  districtId: string;
  /** the district's names as a comment's author_district may write it (its name; the identity's spelling) */
  names: readonly string[];
}

/** The comments of `rows` that travel to `audience` (see the header). */
export function sharedComments(ctx: StoreContext, planId: string, rows: CommentState, audience: CommentAudience): CommentState {
  const live = rowQueries(ctx.db);
  const tasks = new Map<string, Row | null>();
  const taskRow = (id: unknown): Row | null => {
    if (typeof id !== 'string') return null;
    if (!tasks.has(id)) {
      const data = live.read('task', planId, id);
      tasks.set(id, data ? (JSON.parse(data) as Row) : null);
    }
    return tasks.get(id) ?? null;
  };
  const out: CommentState = new Map();
  for (const [id, row] of rows) {
    const by = row.author_district;
    const keep =
      audience.to === 'city'
        ? districtOwnsComment(row, audience.districtId, audience.names, taskRow(row.task_id))
        : by === null || by === '' || by === audience.districtId || audience.names.includes(String(by));
    if (keep) out.set(id, row);
  }
  return out;
}

/** SHA-256 over a comment state, sorted by id, each comment as the JSON array of its compared fields. */
export function commentsHash(rows: CommentState): string {
  const h = crypto.createHash('sha256');
  for (const id of [...rows.keys()].sort()) h.update(`comment\t${id}\t${JSON.stringify(MERGED_FIELDS.comment.map((f) => rows.get(id)?.[f] ?? null))}\n`);
  return h.digest('hex');
}

/** A state with a package's comment changes laid over (other kinds of change are ignored). */
export function withCommentChanges(rows: CommentState, changes: readonly Change[]): CommentState {
  const out: CommentState = new Map(rows);
  for (const c of changes) {
    if (c.entity !== 'comment') continue;
    if (c.op === 'delete') out.delete(c.rowId);
    else if (c.op === 'insert') out.set(c.rowId, { ...c.row });
    else {
      const row = out.get(c.rowId);
      if (row) out.set(c.rowId, { ...row, [c.field]: c.value });
    }
  }
  return out;
}

/** The comment changes from `base` to `now` (both narrowed to what travels), each cell's author from `who`. */
export function commentChanges(base: CommentState, now: CommentState, who: (rowId: string, field: string) => { author: string; at: string }): Change[] {
  const out: Change[] = [];
  for (const [rowId, row] of base) {
    const n = now.get(rowId);
    if (!n) out.push({ op: 'delete', entity: 'comment', rowId, row, ...who(rowId, '*') });
    else
      for (const f of MERGED_FIELDS.comment)
        if (!sameValue(row[f], n[f])) out.push({ op: 'update', entity: 'comment', rowId, field: f, base: row[f] ?? null, value: n[f] ?? null, ...who(rowId, f) });
  }
  for (const [rowId, row] of now) if (!base.has(rowId)) out.push({ op: 'insert', entity: 'comment', rowId, row, ...who(rowId, '*') });
  return out;
}

/** The comment state kept with a logged package, or null (made before comments travelled). */
export function keptCommentState(ctx: StoreContext, packageId: string): CommentState | null {
  const q = commentExchangeQueries(ctx.db);
  if (!q.state.get(packageId)) return null;
  return new Map(q.rows.all(packageId).map((r) => [r.row_id, JSON.parse(r.data) as Row]));
}

/** How many comment changes a logged package carried (报送情况), 0 when none or unknown. */
export function commentChangeCount(ctx: StoreContext, packageId: string): number {
  return commentExchangeQueries(ctx.db).state.get(packageId)?.comment_changes ?? 0;
}

export function keepCommentState(ctx: StoreContext, packageId: string, rows: CommentState, changeCount: number): void {
  const q = commentExchangeQueries(ctx.db);
  q.deleteRows.run(packageId);
  q.deleteState.run(packageId);
  q.insertState.run(packageId, commentsHash(rows), changeCount);
  for (const [id, row] of rows) q.insertRow.run(packageId, id, JSON.stringify(row));
}

const refuse = (message: string, field: string, reason: string, params: Record<string, string | number> = {}) =>
  new PlanDeskError('INVALID_INPUT', message, [{ field, message }], { reason, params });

/**
 * The comment state a received package stands for (its base's, kept here, with its comment changes), checked
 * against the hash its sender gave; null for a package made before comments travelled (it carries none).
 * `baseId`: the logged package its base names (null for a full package).
 */
export function receivedCommentState(ctx: StoreContext, m: Manifest, baseId: string | null, changes: readonly Change[]): { state: CommentState; base: CommentState; count: number } | null {
  const count = changes.filter((c) => c.entity === 'comment').length;
  if (!m.comments) {
    if (count) throw refuse('报送包带有批注，但清单中没有批注的校验值', 'manifest.comments', 'exchange.commentsUnhashed');
    return null;
  }
  let base: CommentState = new Map();
  if (m.comments.fromBase) {
    const kept = baseId ? keptCommentState(ctx, baseId) : null;
    if (!kept) throw refuse(`缺少基线：本文件没有第 ${m.base?.seq ?? 0} 号报送包时的批注`, 'manifest.comments', 'exchange.missingCommentBase', { seq: m.base?.seq ?? 0 });
    base = kept;
  }
  const state = withCommentChanges(base, changes);
  if (commentsHash(state) !== m.comments.hash) throw refuse('基线不符：报送包所依据的批注与本文件中的不一致（校验值不符）', 'manifest.comments.hash', 'exchange.commentBaseMismatch');
  return { state, base, count };
}
