/**
 * The checks a package passes before anything of it is merged, in this order, each refusing with a
 * Chinese message and writing nothing (issue 15): signature and trusted key (the role must match: a
 * district's key for that district, the city's key) → content hash → sequence (an old or repeated
 * package changes nothing and says so; a gap is named) → base present and matching its hash → schema
 * version (older: read; newer: refused) → scope (a district's package: domain/exchange/scope.ts).
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError, type Reason } from '../errors.ts';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.ts';
import { planQueries } from '../plans/queries.ts';
import { currentAuthor } from '../identity/author.ts';
import { outOfScope } from '../../domain/exchange/scope.ts';
import { MERGED_FIELDS, type Change } from '../../domain/exchange/types.ts';
import { contentHash, signedBytes, versionStateHash } from './canonical.ts';
import { toChange, type PackageContent } from './file.ts';
import { exchangeQueries, type LogRow } from './queries.ts';
import { baseRow, baseStateOf, type BaseState } from './state.ts';
import { receivedCommentState } from './comments.ts';
import { trustedKeyFor, verifyBytes, type TrustedKey } from './signing.ts';

export interface Checked {
  content: PackageContent;
  changes: Change[];
  trust: TrustedKey;
  /** the counterpart this package comes from: a district id, or 'city' */
  counterpart: string;
  /** the sender as the version's and the change set's label name it: 江津区, or 市 */
  senderLabel: string;
  /** null for a full package (creates the plan) */
  base: BaseState | null;
  baseLog: LogRow | null;
  /** set when the package was applied before (nothing to do) */
  already: string | null;
}

/** A refusal with its stable reason for the UI in another language (err.<reason>, renderer/src/i18n/messages/errors.ts). */
const refuse = (message: string, issues: { field?: string; message: string }[], why: Reason) => new PlanDeskError('INVALID_INPUT', message, issues, why);

export function checkPackage(ctx: StoreContext, content: PackageContent): Checked {
  const { manifest: m, signature: sig } = content;
  const q = exchangeQueries(ctx.db);
  // 1. signature and trusted key
  const trust = trustedKeyFor(ctx, sig.fingerprint);
  if (!trust) throw refuse(`报送包的签名密钥不受本文件信任（指纹 ${sig.fingerprint.slice(0, 16)}…）：请先核对指纹并信任对方的密钥`, [{ field: 'signature.fingerprint', message: '密钥不受信任' }], { reason: 'exchange.untrustedKey', params: { fingerprint: sig.fingerprint.slice(0, 16) } });
  if (trust.publicKey !== sig.publicKey || m.sender.fingerprint !== sig.fingerprint)
    throw refuse('报送包的签名密钥与清单中的报送人不符', [{ field: 'signature.public_key', message: '公钥或指纹不符' }], { reason: 'exchange.keyMismatch' });
  if (trust.role !== m.sender.role || (trust.role === 'district' && trust.districtId !== m.sender.districtId)) {
    const asCity = trust.role === 'city';
    const district = trust.district ?? trust.districtId ?? '';
    const as = asCity ? '市级' : `区县（${district}）`;
    throw refuse(`报送包的签名密钥在本文件中被信任为${as}的密钥，与报送包自称的报送方不符`, [{ field: 'sender.role', message: '角色不符' }], { reason: asCity ? 'exchange.trustedAsCity' : 'exchange.trustedAsDistrict', params: { district } });
  }
  if (!verifyBytes(trust.publicKey, signedBytes(m), sig.signature)) throw refuse('报送包的签名不符：报送包在签名后被改动过', [{ field: 'signature', message: '签名无效' }], { reason: 'exchange.badSignature' });
  // 2. content hash
  if (contentHash(content.lines) !== m.contentHash) throw refuse('报送包的修改内容与签名时不一致（内容校验值不符），报送包已被改动或损坏', [{ field: 'manifest.contentHash', message: '校验值不符' }], { reason: 'exchange.contentHash' });
  const counterpart = m.sender.role === 'district' ? (m.sender.districtId ?? '') : 'city';
  const senderLabel = m.sender.role === 'district' ? (q.districtById.get(counterpart)?.name ?? m.sender.district ?? counterpart) : '市';
  if (m.sender.role === 'district' && m.recipient.kind !== 'city') throw refuse('区县的报送包只能报送给市里', [{ field: 'recipient', message: '接收方不符' }], { reason: 'exchange.districtToCityOnly' });
  if (m.sender.role === 'city' && m.recipient.kind !== 'district') throw refuse('市里下发的报送包没有写明接收的区县', [{ field: 'recipient', message: '接收方不符' }], { reason: 'exchange.noRecipient' });
  if (m.recipient.kind === 'district') {
    const mine = currentAuthor(ctx).district;
    const own = mine ? q.districtByName.get(mine, mine) : undefined;
    if (own && own.id !== m.recipient.districtId) throw refuse(`这个报送包是发给${m.recipient.name}的，不是发给${own.name}的`, [{ field: 'recipient', message: '接收方不符' }], { reason: 'exchange.wrongRecipient', params: { to: m.recipient.name, me: own.name } });
  }
  // 3. sequence
  const last = q.maxAppliedSeq.get(m.planId, counterpart)?.seq ?? 0;
  const changes = content.lines.map(toChange);
  const result = { content, changes, trust, counterpart, senderLabel };
  if (m.seq <= last) {
    const seen = q.logById.get(m.packageId);
    return { ...result, base: null, baseLog: null, already: seen ? `第 ${m.seq} 号报送包已于 ${seen.at} 导入，不再修改` : `已导入过第 ${last} 号报送包，第 ${m.seq} 号是旧的报送包，不再修改` };
  }
  if (m.seq > last + 1) throw refuse(`缺少第 ${last + 1} 号报送包：请先导入${senderLabel}的第 ${last + 1}${m.seq - 1 > last + 1 ? `～${m.seq - 1}` : ''} 号报送包，再导入第 ${m.seq} 号`, [{ field: 'manifest.seq', message: `缺少第 ${last + 1} 号` }], { reason: 'exchange.seqGap', params: { first: last + 1, lastMissing: m.seq - 1, seq: m.seq, sender: senderLabel } });
  // 4. base present and matching
  const planExists = !!planQueries(ctx.db).byId.get(m.planId);
  let base: BaseState | null = null;
  let baseLog: LogRow | null = null;
  if (m.full || !m.base) {
    if (!m.full) throw refuse('报送包没有基线', [{ field: 'manifest.base', message: '缺少基线' }], { reason: 'exchange.noBase' });
    if (planExists) throw refuse(`本文件已有规划“${m.planTitle}”，不能再用全量报送包创建它`, [{ field: 'manifest.full', message: '规划已存在' }], { reason: 'exchange.planExists', params: { plan: m.planTitle } });
  } else {
    if (!planExists) throw refuse(`缺少基线：本文件中没有规划“${m.planTitle}”`, [{ field: 'manifest.planId', message: '规划不存在' }], { reason: 'exchange.missingBasePlan', params: { plan: m.planTitle } });
    baseLog = q.logById.get(m.base.packageId) ?? null;
    const usable = baseLog && baseLog.plan_id === m.planId && baseLog.counterpart === counterpart;
    if (!baseLog || !usable)
      throw refuse(`缺少基线：报送包是在第 ${m.base.seq} 号报送包的基础上制作的，本文件中没有这个报送包`, [{ field: 'manifest.base', message: '基线不在本文件中' }], { reason: 'exchange.missingBase', params: { seq: m.base.seq } });
    if (baseLog.state_hash !== m.base.hash) throw refuse('基线不符：报送包所依据的版本与本文件中的不一致（校验值不符）', [{ field: 'manifest.base.hash', message: '校验值不符' }], { reason: 'exchange.baseMismatch' });
    base = baseStateOf(ctx, baseLog);
    // A package this side sent, or the full one it was given (checked against the sender's hash when it
    // was applied), is its own saved version, which is never rewritten: its hash is the one logged. A state
    // rebuilt from a version and another side's changes is hashed again, against the hash its sender gave.
    if (base.overlay.length > 0 && versionStateHash(ctx, m.planId, base.version.seq, base.overlay) !== baseLog.state_hash)
      throw refuse(`基线不符：本文件中的版本“${base.version.name}”与报送包所依据的内容不一致`, [{ field: 'manifest.base.hash', message: '版本内容不符' }], { reason: 'exchange.baseVersionMismatch', params: { version: base.version.name } });
  }
  // the comments' base (comments.ts): the state the package stands for, rebuilt and hashed against the sender's
  const comments = receivedCommentState(ctx, m, baseLog?.package_id ?? null, changes);
  // 5. schema version
  if (m.schemaVersion > LATEST_SCHEMA_VERSION)
    throw refuse(`报送包由较新的 PlanDesk 制作（结构版本 ${m.schemaVersion}，本程序 ${LATEST_SCHEMA_VERSION}），请先升级 PlanDesk`, [{ field: 'manifest.schemaVersion', message: '版本过新' }], { reason: 'exchange.newerSchema', params: { schema: m.schemaVersion, ours: LATEST_SCHEMA_VERSION } });
  // every change names a field we merge
  const unknown = changes.filter((c) => c.op === 'update' && !MERGED_FIELDS[c.entity].includes(c.field));
  if (unknown.length) throw refuse(`报送包中有 ${unknown.length} 处本程序不认识的字段`, unknown.slice(0, 20).map((c) => ({ field: c.op === 'update' ? `${c.entity}.${c.field}` : c.entity, message: `${c.entity} ${c.rowId}` })), { reason: 'exchange.unknownFields', params: { count: unknown.length } });
  // 6. scope
  if (m.sender.role === 'district') {
    const b = base;
    if (!b) throw refuse('区县的报送包不能是全量报送包', [{ field: 'manifest.full', message: '区县不能下发规划' }], { reason: 'exchange.districtFull' });
    const commentBase = comments?.base ?? new Map();
    const names = [q.districtById.get(counterpart)?.name, m.sender.district].filter((n): n is string => !!n);
    const out = outOfScope(changes, counterpart, { baseRow: (e, id) => (e === 'comment' ? (commentBase.get(id) ?? null) : baseRow(ctx, b, e, id)) }, names);
    if (out.length)
      throw refuse(`报送包中有 ${out.length} 处超出${senderLabel}可以报送的范围，整个报送包未导入`, out.slice(0, 200).map((o) => ({ field: o.field ? `${o.entity}.${o.field}` : o.entity, message: o.message })), { reason: 'exchange.outOfScope', params: { count: out.length, sender: senderLabel } });
  }
  return { ...result, base, baseLog, already: null };
}
