/**
 * The keys a plan file trusts (migration 011 trusted_keys), and in which role: the city's file trusts
 * each district's key for that district, a district's file trusts the city's key. Trusting and revoking
 * go through runChange (entity 'trusted_key'): audited, undoable on the undo stack of the plan named.
 * trustedKeyFor is what the package import asks: the key behind a signature's fingerprint, if trusted.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError, invalid, notFound } from '../errors.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import { authorLabel, currentAuthor } from '../identity/author.ts';
import { districtQueries } from '../districts/queries.ts';
import { getPlanRow } from '../plans/read.ts';
import { normaliseReadableFingerprint, readableFingerprint } from '../../domain/keys.ts';
import type { KeyRole, TrustedKeyEntry } from '../../contract/ops/keys.ts';
import { keyQueries, type TrustedKeyListRow, type TrustedKeyRow } from './queries.ts';
import { readKeyFile, type KeyFile } from './key-file.ts';
import { ownFingerprint } from './user-key.ts';

/** A key the file trusts now (not revoked), as the package import needs it. */
export interface TrustedKey {
  fingerprint: string;
  publicKey: string;
  role: KeyRole;
  districtId: string | null;
  /** the holder, as the key file names them */
  name: string;
  department: string | null;
  district: string | null;
  trustedAt: string;
  trustedBy: string;
}

/** The trusted, not revoked key of this fingerprint, or null. */
export function trustedKeyFor(ctx: StoreContext, fingerprint: string): TrustedKey | null {
  if (typeof fingerprint !== 'string') return null;
  const row = keyQueries(ctx.db).byFingerprint.get(fingerprint);
  if (!row || row.revoked_at !== null) return null;
  return {
    fingerprint: row.fingerprint,
    publicKey: row.public_key,
    role: row.role,
    districtId: row.district_id,
    name: row.holder_name,
    department: row.holder_department,
    district: row.holder_district,
    trustedAt: row.trusted_at,
    trustedBy: row.trusted_by,
  };
}

export function toEntry(row: TrustedKeyListRow): TrustedKeyEntry {
  return {
    fingerprint: row.fingerprint,
    publicKey: row.public_key,
    readable: readableFingerprint(row.fingerprint),
    role: row.role,
    districtId: row.district_id,
    districtName: row.district_name,
    name: row.holder_name,
    department: row.holder_department,
    district: row.holder_district,
    keyCreatedAt: row.key_created_at,
    trustedAt: row.trusted_at,
    trustedBy: row.trusted_by,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}

export function listTrustedKeys(ctx: StoreContext, includeRevoked = false): TrustedKeyEntry[] {
  const q = keyQueries(ctx.db);
  return (includeRevoked ? q.all : q.active).all().map(toEntry);
}

function entryOf(ctx: StoreContext, fingerprint: string): TrustedKeyEntry {
  const row = keyQueries(ctx.db).byFingerprint.get(fingerprint);
  if (!row) throw notFound('密钥', fingerprint);
  return toEntry(row);
}

/** What a key file says, and whether this file trusts it already (keys.inspect). Writes nothing. */
export function inspectKeyFile(ctx: StoreContext, text: string): { key: KeyFile; trusted: TrustedKeyEntry | null; own: boolean } {
  const key = readKeyFile(text);
  const row = keyQueries(ctx.db).byFingerprint.get(key.fingerprint);
  return { key, trusted: row ? toEntry(row) : null, own: ownFingerprint(ctx.userDir) === key.fingerprint };
}

function trustLabel(role: KeyRole, districtName: string | null, holder: string): string {
  return role === 'city' ? `信任市级密钥（${holder}）` : `信任${districtName ?? ''}的密钥（${holder}）`;
}

/** The district a district key is trusted for: by id or name, from the file's list. */
function districtFor(ctx: StoreContext, role: KeyRole, ref: string | null | undefined, key: KeyFile): { id: string; name: string } | null {
  const given = ref?.trim() ? ref.trim() : null;
  if (role === 'city') {
    if (given) throw invalid('信任市级密钥时不能指定区县', [{ field: 'district', message: '市级密钥不属于某个区县' }], { reason: 'keys.cityWithDistrict' });
    if (key.holder.district) {
      throw invalid(
        `这个密钥的持有人“${key.holder.name}”属于${key.holder.district}，不是市级用户，不能作为市级密钥信任`,
        [{ field: 'role', message: `持有人属于${key.holder.district}` }],
        { reason: 'keys.cityKeyOfDistrict', params: { name: key.holder.name, district: key.holder.district } },
      );
    }
    return null;
  }
  if (!given) throw invalid('信任区县密钥时必须指定它代表的区县', [{ field: 'district', message: '请选择区县' }], { reason: 'keys.districtMissing' });
  const q = districtQueries(ctx.db);
  const d = q.byId.get(given) ?? q.byName.get(given);
  if (!d) throw invalid(`区县列表中没有“${given}”`, [{ field: 'district', message: `没有“${given}”` }], { reason: 'keys.unknownDistrict', params: { district: given } });
  if (key.holder.district && key.holder.district !== d.name) {
    throw invalid(
      `这个密钥的持有人“${key.holder.name}”属于${key.holder.district}，不能作为${d.name}的密钥信任`,
      [{ field: 'district', message: `持有人属于${key.holder.district}` }],
      { reason: 'keys.districtMismatch', params: { name: key.holder.name, holderDistrict: key.holder.district, district: d.name } },
    );
  }
  return { id: d.id, name: d.name };
}

export function trustKey(
  ctx: StoreContext,
  input: { planId?: string | undefined; text: string; role: KeyRole; district?: string | null | undefined; confirmReadable?: string | undefined },
): WithChanges<{ key: TrustedKeyEntry; alreadyTrusted: boolean }> {
  const planId = input.planId ?? null;
  if (planId) getPlanRow(ctx, planId);
  const key = readKeyFile(input.text);
  if (input.confirmReadable !== undefined && normaliseReadableFingerprint(input.confirmReadable) !== key.readable) {
    throw invalid(
      `核对码不符：密钥文件的核对码是 ${key.readable}，与确认的“${input.confirmReadable}”不同。请与对方再次核对，确认无误前不要信任这个密钥`,
      [{ field: 'confirmReadable', message: '核对码不符' }],
      { reason: 'keys.notConfirmed', params: { readable: key.readable } },
    );
  }
  if (ownFingerprint(ctx.userDir) === key.fingerprint) {
    throw invalid('这是你自己的密钥：本机的密钥不需要信任，请导入对方发来的密钥文件', [{ field: 'file', message: '自己的密钥' }], { reason: 'keys.own' });
  }
  const district = districtFor(ctx, input.role, input.district, key);
  const q = keyQueries(ctx.db);
  const existing = q.byFingerprint.get(key.fingerprint);
  if (existing && existing.revoked_at === null) {
    if (existing.role === input.role && existing.district_id === (district?.id ?? null)) {
      return { key: toEntry(existing), alreadyTrusted: true, changes: noChanges(planId) };
    }
    const was = existing.role === 'city' ? '市级密钥' : `${existing.district_name ?? existing.district_id}的密钥`;
    throw new PlanDeskError(
      'CONFLICT',
      `这个密钥已作为${was}信任，不能再作为${district ? `${district.name}的密钥` : '市级密钥'}信任；如要改变，请先撤销`,
      [{ field: 'role', message: `已作为${was}信任` }],
      { reason: 'keys.trustedOtherwise', params: { was } },
    );
  }
  const by = authorLabel(currentAuthor(ctx));
  const now = ctx.now();
  const row: Omit<TrustedKeyRow, 'revoked_at' | 'revoked_by'> = {
    fingerprint: key.fingerprint,
    public_key: key.publicKey,
    role: input.role,
    district_id: district?.id ?? null,
    holder_name: key.holder.name,
    holder_department: key.holder.department,
    holder_district: key.holder.district,
    key_created_at: key.createdAt || null,
    trusted_at: now,
    trusted_by: by,
  };
  const label = trustLabel(input.role, district?.name ?? null, key.holder.name);
  return runChange(ctx, { label, planId }, (rec) => {
    if (existing) {
      // trusted before and revoked: trusted again, in the role given now (each field recorded, so undo revokes it again)
      const { public_key: _same, ...fields } = row;
      q.retrust.run(fields);
      const names = ['role', 'district_id', 'holder_name', 'holder_department', 'holder_district', 'key_created_at', 'trusted_at', 'trusted_by'] as const;
      for (const f of names) rec.update('trusted_key', key.fingerprint, f, existing[f], row[f]);
      rec.update('trusted_key', key.fingerprint, 'revoked_at', existing.revoked_at, null);
      rec.update('trusted_key', key.fingerprint, 'revoked_by', existing.revoked_by, null);
    } else {
      q.insert.run(row);
      rec.inserted('trusted_key', key.fingerprint);
    }
    return { key: entryOf(ctx, key.fingerprint), alreadyTrusted: false };
  });
}

export function revokeKey(ctx: StoreContext, input: { planId?: string | undefined; fingerprint: string }): WithChanges<{ key: TrustedKeyEntry }> {
  const planId = input.planId ?? null;
  if (planId) getPlanRow(ctx, planId);
  const q = keyQueries(ctx.db);
  const existing = q.byFingerprint.get(input.fingerprint);
  if (!existing) throw notFound('信任的密钥', input.fingerprint);
  if (existing.revoked_at !== null) return { key: toEntry(existing), changes: noChanges(planId) };
  const who = existing.role === 'city' ? `市级密钥（${existing.holder_name}）` : `${existing.district_name ?? ''}的密钥（${existing.holder_name}）`;
  const by = authorLabel(currentAuthor(ctx));
  const now = ctx.now();
  return runChange(ctx, { label: `撤销${who}`, planId }, (rec) => {
    q.setRevoked.run(now, by, input.fingerprint);
    rec.update('trusted_key', input.fingerprint, 'revoked_at', null, now);
    rec.update('trusted_key', input.fingerprint, 'revoked_by', null, by);
    return { key: entryOf(ctx, input.fingerprint) };
  });
}
