/**
 * Preview, resolve and apply of a 报送包 (packages.preview / resolve / apply; `plandesk package import`).
 *
 * Preview reads the file (file.ts, hostile input), runs the checks in order (checks.ts), merges the
 * package on the plan as it is now (domain/exchange/merge.ts) and answers what will change and every
 * conflict. With `keep`, the package's changes and its conflicts are kept in the plan file
 * (package_pending, package_changes, merge_conflicts: migration 012) for resolve and apply; a refused
 * package writes nothing. Apply merges again on the plan as it is then (it may have changed since the
 * preview), refuses while any conflict is unresolved, and writes everything in one transaction: one
 * change set (one undo step) labelled with the package's sender and author, the person applying it
 * being the change set's user; a version "合并 江津区 报送 #3"; the package logged.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError, invalid } from '../errors.ts';
import { runChange } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import { currentAuthor } from '../identity/author.ts';
import { createVersion } from '../versions/store.ts';
import { rowQueries } from '../versions/rows.ts';
import type { Changes } from '../../contract/changes.ts';
import { merge, resolveConflict, type Conflict, type MineView, type Resolution } from '../../domain/exchange/merge.ts';
import { DISTRICT_COMMENT_FIELDS, DISTRICT_TARGET_FIELDS, DISTRICT_TASK_FIELDS } from '../../domain/exchange/scope.ts';
import type { Action, Change, ExchangeEntity, Row, Value } from '../../domain/exchange/types.ts';
import { checkPackage } from './checks.ts';
import { commentRow, keepCommentState, receivedCommentState } from './comments.ts';
import { currentStateHash } from './canonical.ts';
import { readPackageBytes, readPackageFile, toLine } from './file.ts';
import { readableFingerprint } from '../../domain/keys.ts';
import { manifestSchema, type Manifest } from '../../package/manifest.ts';
import { exchangeQueries } from './queries.ts';
import { baseRow, baseStateOf, parse, type BaseState } from './state.ts';
import { validateActions, valueProblem, writeActions } from './write.ts';
import { dropSignature, keepSignature, recheckPending } from './pending.ts';
import type { SignatureInfo } from './file.ts';

export const MAX_ITEMS = 2000;

export interface PreviewItem { op: Action['op']; table: ExchangeEntity; rowId: string; field: string | null; from: Value; to: Value; author: string; at: string }
export interface ConflictOut extends Conflict { resolution: Resolution | null }

export interface Preview {
  status: 'ready' | 'conflicts' | 'already';
  message: string;
  packageId: string;
  planId: string;
  planTitle: string;
  sender: { role: 'city' | 'district'; name: string; department: string | null; district: string | null };
  senderLabel: string;
  /** the sender's key code, read out over the phone (checked against the trusted key by now) */
  senderCode: string;
  seq: number;
  full: boolean;
  kept: boolean;
  counts: { changes: number; toApply: number; unchanged: number; conflicts: number; unresolved: number };
  items: PreviewItem[];
  conflicts: ConflictOut[];
  truncated: boolean;
}

export function mineView(ctx: StoreContext, planId: string): MineView {
  const live = rowQueries(ctx.db);
  const q = exchangeQueries(ctx.db);
  return {
    row: (e, id) => (e === 'comment' ? commentRow(ctx, planId, id) : parse<Row>(live.read(e, planId, id) ?? null)),
    byNaturalKey: (e, key) => {
      if (e !== 'target') return null;
      const [ind, scope, scopeId, year, period, kind] = JSON.parse(key) as [string, string, string, number, string, string];
      return q.targetByKey.get(ind, scope, scopeId, year, period, kind, planId)?.id ?? null;
    },
  };
}

function authorsOf(changes: readonly Change[]) {
  const by = new Map<string, { author: string; at: string }>();
  for (const c of changes) by.set(`${c.entity}/${c.rowId}/${c.op === 'update' ? c.field : '*'}`, { author: c.author, at: c.at });
  return (a: Action) => by.get(`${a.entity}/${a.rowId}/${a.op === 'set' ? a.field : '*'}`) ?? by.get(`${a.entity}/${a.rowId}/*`) ?? { author: '', at: '' };
}

function items(actions: readonly Action[], changes: readonly Change[]): PreviewItem[] {
  const who = authorsOf(changes);
  return actions.slice(0, MAX_ITEMS).map((a) => ({
    op: a.op, table: a.entity, rowId: a.rowId, field: a.op === 'set' ? a.field : null,
    from: a.op === 'set' ? a.from : a.op === 'delete' ? JSON.stringify(a.row) : null,
    to: a.op === 'set' ? a.to : a.op === 'insert' ? JSON.stringify(a.row) : null, ...who(a),
  }));
}

function summary(m: Manifest, senderLabel: string) {
  return {
    packageId: m.packageId, planId: m.planId, planTitle: m.planTitle, seq: m.seq, full: m.full, senderLabel, senderCode: readableFingerprint(m.sender.fingerprint),
    sender: { role: m.sender.role, name: m.sender.name, department: m.sender.department, district: m.sender.district },
  };
}

/** a package file by path (CLI), or its bytes (the workbench's upload, packagefiles.preview) */
export type PackageSource = { file: string } | { fileName: string; bytes: Buffer };

export function previewPackage(ctx: StoreContext, input: PackageSource & { keep: boolean }): Preview {
  const content = 'file' in input ? readPackageFile(input.file) : readPackageBytes(input.fileName, input.bytes);
  const checked = checkPackage(ctx, content);
  const m = content.manifest;
  const head = summary(m, checked.senderLabel);
  if (checked.already) {
    return { ...head, status: 'already', message: checked.already, kept: false, counts: { changes: checked.changes.length, toApply: 0, unchanged: checked.changes.length, conflicts: 0, unresolved: 0 }, items: [], conflicts: [], truncated: false };
  }
  return mergePreview(ctx, m, head, checked.changes, input.keep, content.signature);
}

/**
 * A package kept in the plan file (package_pending, previewed before and not yet applied nor discarded),
 * previewed again — after a reload, from 报送情况: checked again as a file would be, with its kept signature
 * (pending.ts: signature, a key still trusted, content hash, sequence, base, scope), its changes merged again
 * against the plan as it is now, and the choices made for the same conflicts kept.
 */
export function previewPending(ctx: StoreContext, packageId: string): Preview {
  const checked = recheckPending(ctx, packageId);
  const m = checked.content.manifest;
  const head = summary(m, checked.senderLabel);
  if (checked.already) {
    return { ...head, status: 'already', message: checked.already, kept: true, counts: { changes: checked.changes.length, toApply: 0, unchanged: checked.changes.length, conflicts: 0, unresolved: 0 }, items: [], conflicts: [], truncated: false };
  }
  return mergePreview(ctx, m, head, checked.changes, true, null);
}

/** `signature`: kept with the package (pending.ts) when it is kept; null when previewing a kept one again (its signature stays) */
function mergePreview(ctx: StoreContext, m: Manifest, head: ReturnType<typeof summary>, changes: Change[], keepAsked: boolean, signature: SignatureInfo | null): Preview {
  const checked = { changes };
  const result = merge(checked.changes, mineView(ctx, m.planId));
  validateActions(ctx, result.actions);
  const keep = keepAsked && !ctx.readonly;
  if (keep) {
    const q = exchangeQueries(ctx.db);
    const who = currentAuthor(ctx);
    ctx.db.transaction(() => {
      // previewed again (the plan may have changed meanwhile): the choices already made are kept for the same conflicts
      const chosen = new Map(q.conflictsOf.all(m.packageId).map((c) => [c.conflict_id, c.resolution]));
      q.deletePending.run(m.packageId);
      q.deleteChanges.run(m.packageId);
      q.insertPending.run(m.packageId, m.planId, JSON.stringify(m), ctx.now(), who.name);
      if (signature) keepSignature(ctx, m.packageId, signature);
      checked.changes.forEach((c, i) => {
        const l = toLine(c);
        q.insertChange.run(m.packageId, i + 1, l.op, l.entity, l.rowId, l.field, l.base === null ? null : JSON.stringify(l.base), l.value === null ? null : JSON.stringify(l.value), l.author, l.at);
      });
      for (const c of result.conflicts) {
        q.insertConflict.run(m.packageId, c.id, c.kind, c.entity, c.rowId, c.field, JSON.stringify(c));
        const r = chosen.get(c.id);
        if (r) q.resolveConflict.run(r, m.packageId, c.id);
      }
    })();
  }
  const n = result.conflicts.length;
  const kept = keep ? new Map(exchangeQueries(ctx.db).conflictsOf.all(m.packageId).map((c) => [c.conflict_id, parse<Resolution>(c.resolution)])) : new Map<string, Resolution | null>();
  const conflicts = result.conflicts.map((c) => ({ ...c, resolution: kept.get(c.id) ?? null }));
  const unresolved = conflicts.filter((c) => c.resolution === null).length;
  return {
    ...head,
    status: n ? 'conflicts' : 'ready',
    message: n ? `有 ${n} 处冲突，需逐一选择后才能合并` : `可以合并：${result.actions.length} 处修改`,
    kept: keep,
    counts: { changes: checked.changes.length, toApply: result.actions.length, unchanged: result.unchanged, conflicts: n, unresolved },
    items: items(result.actions, checked.changes),
    conflicts: conflicts.slice(0, MAX_ITEMS),
    truncated: result.actions.length > MAX_ITEMS || n > MAX_ITEMS,
  };
}

function pending(ctx: StoreContext, packageId: string) {
  const p = exchangeQueries(ctx.db).pendingById.get(packageId);
  if (!p) throw new PlanDeskError('NOT_FOUND', `找不到待合并的报送包：${packageId}（可能已应用或已放弃）`, [], { reason: 'exchange.pendingGone', params: { id: packageId } });
  return { row: p, manifest: manifestSchema.parse(JSON.parse(p.manifest)) };
}

function isDistrictOwned(c: Conflict): boolean {
  if (c.kind !== 'cell' || !c.field) return false;
  if (c.entity === 'target') return (DISTRICT_TARGET_FIELDS as readonly string[]).includes(c.field);
  if (c.entity === 'task') return (DISTRICT_TASK_FIELDS as readonly string[]).includes(c.field);
  // a comment both sides edited: a district's own (only those travel from a district, scope.ts)
  if (c.entity === 'comment') return (DISTRICT_COMMENT_FIELDS as readonly string[]).includes(c.field);
  return false;
}

export interface ResolveInput {
  packageId: string;
  resolutions: { conflictId: string; take?: 'mine' | 'theirs' | undefined; value?: Value | undefined }[];
  /** every unresolved conflict: 'mine' / 'theirs', or 'district' — the district's values for district-owned fields */
  all?: 'mine' | 'theirs' | 'district' | undefined;
}

export function resolvePackage(ctx: StoreContext, input: ResolveInput): { packageId: string; resolved: number; unresolved: number; conflicts: ConflictOut[] } {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能修改。', [], { reason: 'readOnly' });
  const { manifest } = pending(ctx, input.packageId);
  const q = exchangeQueries(ctx.db);
  const stored = q.conflictsOf.all(input.packageId);
  const byId = new Map(stored.map((s) => [s.conflict_id, { ...s, c: JSON.parse(s.data) as Conflict }]));
  const issues: { field: string; message: string }[] = [];
  const set: [string, Resolution][] = [];
  for (const r of input.resolutions) {
    const s = byId.get(r.conflictId);
    if (!s) {
      issues.push({ field: r.conflictId, message: `没有这个冲突：${r.conflictId}` });
      continue;
    }
    if (r.value !== undefined) {
      if (s.c.kind !== 'cell' || !s.c.field) {
        issues.push({ field: r.conflictId, message: '整行的冲突只能选择一方' });
        continue;
      }
      const p = valueProblem(s.c.entity, s.c.field, r.value);
      if (p) issues.push({ field: r.conflictId, message: `${s.c.entity} ${s.c.rowId} 的 ${s.c.field}：${p}` });
      else set.push([r.conflictId, { value: r.value }]);
    } else if (r.take) set.push([r.conflictId, { take: r.take }]);
    else issues.push({ field: r.conflictId, message: '请选择一方或填写一个值' });
  }
  if (issues.length) throw invalid('有冲突的选择无效', issues, { reason: 'exchange.badResolution', params: { count: issues.length } });
  const chosen = new Set(set.map(([id]) => id));
  if (input.all) {
    const districtSide = manifest.sender.role === 'district' ? 'theirs' : 'mine';
    for (const s of byId.values()) {
      if (s.resolution !== null || chosen.has(s.conflict_id)) continue;
      if (input.all === 'district') {
        if (isDistrictOwned(s.c)) set.push([s.conflict_id, { take: districtSide }]);
      } else set.push([s.conflict_id, { take: input.all }]);
    }
  }
  ctx.db.transaction(() => {
    for (const [id, r] of set) q.resolveConflict.run(JSON.stringify(r), input.packageId, id);
  })();
  const after = q.conflictsOf.all(input.packageId).map((s) => ({ ...(JSON.parse(s.data) as Conflict), resolution: parse<Resolution>(s.resolution) }));
  const unresolved = after.filter((c) => c.resolution === null).length;
  return { packageId: input.packageId, resolved: after.length - unresolved, unresolved, conflicts: after.slice(0, MAX_ITEMS) };
}

export interface ApplyResult {
  packageId: string;
  planId: string;
  applied: number;
  versionId: number;
  versionName: string;
  changes: Changes;
}

export function applyPackage(ctx: StoreContext, input: { packageId: string }): ApplyResult {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能修改。', [], { reason: 'readOnly' });
  const q = exchangeQueries(ctx.db);
  const tx = ctx.db.transaction((): ApplyResult => {
    // checked again as a file (pending.ts): the kept copy may have been altered, or its key revoked, since the preview
    const checked = recheckPending(ctx, input.packageId);
    const m = checked.content.manifest;
    const { changes, counterpart, senderLabel } = checked;
    if (checked.already || (q.maxAppliedSeq.get(m.planId, counterpart)?.seq ?? 0) >= m.seq) throw invalid(`第 ${m.seq} 号报送包已经导入过`, [{ field: 'seq', message: '已导入' }], { reason: 'exchange.alreadyApplied', params: { seq: m.seq } });
    const baseLog = m.base ? q.logById.get(m.base.packageId) : undefined;
    const base: BaseState | null = baseLog ? baseStateOf(ctx, baseLog) : null;
    if (m.base && !base) throw invalid('缺少基线：报送包所依据的报送包已不在本文件中', [{ field: 'base', message: '缺少基线' }], { reason: 'exchange.baseGone' });
    // the comment state the package stands for, checked against its sender's hash, kept with it in the log below
    const comments = receivedCommentState(ctx, m, m.base?.packageId ?? null, changes);
    const result = merge(changes, mineView(ctx, m.planId));
    const resolutions = new Map(q.conflictsOf.all(m.packageId).map((s) => [s.conflict_id, parse<Resolution>(s.resolution)]));
    const open = result.conflicts.filter((c) => !resolutions.get(c.id));
    if (open.length) {
      const fresh = open.filter((c) => !resolutions.has(c.id)).length;
      throw new PlanDeskError('CONFLICT', fresh ? `预览之后规划有改动，出现 ${fresh} 处新的冲突，请重新预览` : `还有 ${open.length} 处冲突没有解决，未合并`,
        open.slice(0, 50).map((c) => ({ field: `${c.entity}.${c.field ?? '*'}`, message: `${c.entity} ${c.rowId}${c.field ? ` 的 ${c.field}` : ''}：本方 ${JSON.stringify(c.mine)}，对方 ${JSON.stringify(c.theirs)}` })),
        { reason: fresh ? 'exchange.newConflicts' : 'exchange.openConflicts', params: { count: fresh || open.length } });
    }
    const actions = [...result.actions];
    const baseRowOf = (e: ExchangeEntity, id: string) => (base ? baseRow(ctx, base, e, id) : null);
    for (const c of result.conflicts) {
      const r = resolutions.get(c.id);
      if (r) actions.push(...resolveConflict(c, r, baseRowOf));
    }
    validateActions(ctx, actions);
    const who = currentAuthor(ctx);
    const label = m.full ? `收到 ${senderLabel} 下发 #${m.seq}（创建规划）` : `合并 ${senderLabel} 报送 #${m.seq}`;
    const written = runChange(ctx, { label: `${label}（报送人：${m.sender.name}${m.sender.department ? ` · ${m.sender.department}` : ''}）`, planId: m.planId }, (rec) => {
      writeActions(ctx, rec, m.planId, actions);
      return { changeSetId: rec.changeSetId };
    });
    if (m.full && currentStateHash(ctx, m.planId) !== m.stateHash)
      throw invalid('报送包创建的规划与发送方的内容不一致（内容校验值不符），未导入', [{ field: 'manifest.stateHash', message: '校验值不符' }], { reason: 'exchange.fullStateHash' });
    const version = createVersion(ctx, { planId: m.planId, name: label, note: `报送人：${m.sender.name}；导入人：${who.name}` });
    q.deleteUndoneIn.run(m.planId, counterpart, m.seq);
    q.insertLog.run({
      package_id: m.packageId, plan_id: m.planId, direction: 'in', counterpart, seq: m.seq, full: m.full ? 1 : 0,
      base_package_id: m.base?.packageId ?? null, base_hash: m.base?.hash ?? null, state_hash: m.stateHash,
      version_id: base ? base.version.id : version.id, applied_version_id: version.id, change_set_id: written.changeSetId,
      changes: changes.length, conflicts: result.conflicts.length, author: m.sender.name, author_department: m.sender.department,
      author_district: m.sender.district, fingerprint: m.sender.fingerprint, at: ctx.now(), by: who.name,
    });
    if (comments) keepCommentState(ctx, m.packageId, comments.state, comments.count);
    if (m.full) q.deleteChanges.run(m.packageId);
    q.deletePending.run(m.packageId);
    dropSignature(ctx, m.packageId);
    return { packageId: m.packageId, planId: m.planId, applied: actions.length, versionId: version.id, versionName: version.name, changes: actions.length ? written.changes : noChanges(m.planId) };
  });
  return tx();
}

/** Drops a package being previewed (its conflicts and kept changes), writing nothing into the plan. */
export function discardPending(ctx: StoreContext, packageId: string): void {
  const q = exchangeQueries(ctx.db);
  ctx.db.transaction(() => {
    q.deletePending.run(packageId);
    dropSignature(ctx, packageId);
    if (!q.logById.get(packageId)) q.deleteChanges.run(packageId);
  })();
}
