/**
 * Making a 报送包 (packages.export, `plandesk package export`): the changes of the plan since the base
 * (state.ts), or the whole plan for the first package to a district; a version of the sender's plan
 * saved with it ("报送 江津区 #3", "下发 江津区 #1"), so the package that comes back can be merged on it;
 * the manifest; the signature (signing.ts); the file written whole (file.ts); the package logged.
 */
import crypto from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { PlanDeskError, invalid } from '../errors.ts';
import { currentAuthor } from '../identity/author.ts';
import { getPlanRow } from '../plans/read.ts';
import { createVersion } from '../versions/store.ts';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.ts';
import { currentStateHash, contentHash, signedBytes } from './canonical.ts';
import { toLine, writePackageFile } from './file.ts';
import { PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, type Manifest } from '../../package/manifest.ts';
import { exchangeQueries, type LogRow } from './queries.ts';
import { baseStateOf, changesSince, orderChanges, wholePlan } from './state.ts';
import { commentChanges, commentsHash, keepCommentState, keptCommentState, planComments, sharedComments, withCommentChanges } from './comments.ts';
import { SIGNATURE_ALGORITHM, signBytes, userKey } from './signing.ts';

export const APP_VERSION = '0.1.0';

export interface ExportInput {
  planId: string;
  /** a district (id or name) of the plan, or 'city' */
  to: string;
  /** the file to write (the workbench's download: packagefiles.export writes it in a private temp folder) */
  out: string;
}

export interface ExportResult {
  packageId: string;
  file: string;
  seq: number;
  full: boolean;
  changeCount: number;
  versionName: string;
  recipient: string;
}

export function resolveDistrict(ctx: StoreContext, ref: string): { id: string; name: string } {
  const d = exchangeQueries(ctx.db).districtByName.get(ref, ref);
  if (!d) throw invalid(`没有名为“${ref}”的区县`, [{ field: 'to', message: `未知的区县：${ref}` }], { reason: 'exchange.unknownDistrict', params: { name: ref } });
  return d;
}

export function exportPackage(ctx: StoreContext, input: ExportInput): ExportResult {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能导出报送包（导出时要保存一个版本）。', [], { reason: 'exchange.readOnlyExport' });
  const plan = getPlanRow(ctx, input.planId);
  const who = currentAuthor(ctx);
  const q = exchangeQueries(ctx.db);
  const toCity = input.to === 'city' || input.to === '市' || input.to === '市级';
  const recipient = toCity ? null : resolveDistrict(ctx, input.to);
  let senderDistrict: { id: string; name: string } | null = null;
  if (toCity) {
    if (!who.district) throw invalid('向市里报送需要先设置本人的区县（plandesk identity set --district …）', [{ field: 'district', message: '未设置区县' }], { reason: 'exchange.noOwnDistrict' });
    senderDistrict = resolveDistrict(ctx, who.district);
  } else if (recipient && !ctx.db.prepare('SELECT 1 FROM plan_districts WHERE plan_id = ? AND district_id = ?').get(plan.id, recipient.id)) {
    throw invalid(`规划“${plan.title}”没有区县“${recipient.name}”`, [{ field: 'to', message: '不是本规划的区县' }], { reason: 'exchange.notPlanDistrict', params: { plan: plan.title, district: recipient.name } });
  }
  const counterpart = recipient ? recipient.id : 'city';
  const key = userKey(ctx);
  const now = ctx.now();

  const tx = ctx.db.transaction((): ExportResult => {
    const lastIn = q.lastIn.get(plan.id, counterpart);
    const lastOut = q.lastOut.get(plan.id, counterpart);
    const order = (l: LogRow | undefined) => (l ? (q.rowidOf.get(l.package_id)?.r ?? 0) : -1);
    const baseLog = (order(lastOut) > order(lastIn) ? lastOut : lastIn) ?? null;
    if (!baseLog && toCity) throw invalid('本文件还没有收到市里下发的报送包，不能向市里报送', [{ field: 'plan', message: '没有基线' }], { reason: 'exchange.nothingFromCity' });
    const seq = (q.maxSeq.get(plan.id, counterpart, 'out')?.seq ?? 0) + 1;
    const fallback = { author: who.name, at: now };
    const base = baseLog ? baseStateOf(ctx, baseLog) : null;
    const recordChanges = base ? changesSince(ctx, plan.id, base, fallback) : wholePlan(ctx, plan.id, fallback);
    // 批注 (comments.ts): what travels to this side, against the base's comment state (none when it has no kept one)
    const keptComments = baseLog ? keptCommentState(ctx, baseLog.package_id) : null;
    const baseComments = keptComments ?? new Map();
    const audience = toCity
      ? { to: 'city' as const, districtId: senderDistrict?.id ?? '', names: [senderDistrict?.name, who.district].filter((n): n is string => !!n) }
      : { to: 'district' as const, districtId: recipient?.id ?? '', names: [recipient?.name].filter((n): n is string => !!n) };
    const mark = base?.version.change_set_id ?? 0;
    const cellAuthor = (rowId: string, field: string) => {
      const a = q.lastAuthor.get('comment', rowId, field, mark);
      return a ? { author: a.user_name, at: a.at } : fallback;
    };
    const sentComments = commentChanges(sharedComments(ctx, plan.id, baseComments, audience), sharedComments(ctx, plan.id, planComments(ctx, plan.id), audience), cellAuthor);
    const commentsAfter = withCommentChanges(baseComments, sentComments);
    const changes = orderChanges([...recordChanges, ...sentComments]);
    const label = toCity ? `报送 ${senderDistrict?.name ?? ''} #${seq}` : `下发 ${recipient?.name ?? ''} #${seq}`;
    const version = createVersion(ctx, { planId: plan.id, name: label, note: '导出报送包时保存' });
    const stateHash = currentStateHash(ctx, plan.id);
    const lines = changes.map(toLine);
    const packageId = crypto.randomUUID();
    const manifest: Manifest = {
      format: PACKAGE_FORMAT,
      formatVersion: PACKAGE_FORMAT_VERSION,
      packageId,
      schemaVersion: LATEST_SCHEMA_VERSION,
      appVersion: APP_VERSION,
      planId: plan.id,
      planTitle: plan.title,
      sender: { role: toCity ? 'district' : 'city', name: who.name, department: who.department, district: who.district, districtId: senderDistrict?.id ?? null, fingerprint: key.fingerprint },
      recipient: recipient ? { kind: 'district', districtId: recipient.id, name: recipient.name } : { kind: 'city' },
      seq,
      full: !baseLog,
      base: baseLog ? { packageId: baseLog.package_id, seq: baseLog.seq, hash: baseLog.state_hash } : null,
      lastSeen: lastIn ? { packageId: lastIn.package_id, seq: lastIn.seq } : null,
      stateHash,
      contentHash: contentHash(lines),
      changeCount: lines.length,
      comments: { hash: commentsHash(commentsAfter), fromBase: keptComments !== null },
      versionName: label,
      createdAt: now,
    };
    const signed = signBytes(ctx, signedBytes(manifest));
    q.insertLog.run({
      package_id: packageId, plan_id: plan.id, direction: 'out', counterpart, seq, full: baseLog ? 0 : 1, base_package_id: baseLog?.package_id ?? null,
      base_hash: baseLog?.state_hash ?? null, state_hash: stateHash, version_id: version.id, applied_version_id: null, change_set_id: null,
      changes: lines.length, conflicts: 0, author: who.name, author_department: who.department, author_district: who.district,
      fingerprint: key.fingerprint, at: now, by: who.name,
    });
    keepCommentState(ctx, packageId, commentsAfter, sentComments.length);
    // written last, inside the transaction: a package that could not be written is not logged either
    writePackageFile(input.out, manifest, lines, { algorithm: SIGNATURE_ALGORITHM, signature: signed.signature, publicKey: signed.publicKey, fingerprint: signed.fingerprint });
    return { packageId, file: input.out, seq, full: !baseLog, changeCount: lines.length, versionName: label, recipient: recipient?.name ?? '市' };
  });
  return tx();
}
