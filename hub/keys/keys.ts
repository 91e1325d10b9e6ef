/**
 * The keys the hub trusts (migration 004): trust a key file for the city or a district, list, revoke, and
 * the check every push passes before it is applied (hub/packages/store.ts): the key that signed the package
 * must be trusted here for the package's sender — the city, or the very district the package says it is
 * from. A valid signature alone says nothing about whose key it is. Used by `plandesk hub key …`
 * (hub/cli.ts) and the admin's 密钥 page (hub/keys/routes.ts); each change in one transaction with its audit row.
 */
import { normaliseReadableFingerprint, readableFingerprint } from '../../domain/keys.ts';
import { PackageError } from '../../package/errors.ts';
import { readKeyFile, type KeyFile } from '../../package/key-file.ts';
import type { PackageContent } from '../../package/file.ts';
import { audit } from '../audit.ts';
import { HubError } from '../errors.ts';
import { query, transaction, type Db, type Queryable } from '../pg.ts';

export type KeyRole = 'city' | 'district';

export interface HubKey {
  id: string;
  fingerprint: string;
  readable: string;
  role: KeyRole;
  district: string | null;
  holder: KeyFile['holder'];
  addedBy: string;
  addedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

interface Row {
  id: string;
  fingerprint: string;
  readable: string;
  role: KeyRole;
  district: string | null;
  holder: KeyFile['holder'];
  added_by: string;
  added_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
}

const COLUMNS = 'id::text AS id, fingerprint, readable, role, district, holder, added_by, added_at, revoked_at, revoked_by';
const of = (r: Row): HubKey => ({
  id: r.id,
  fingerprint: r.fingerprint,
  readable: r.readable,
  role: r.role,
  district: r.district,
  holder: r.holder,
  addedBy: r.added_by,
  addedAt: r.added_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  revokedBy: r.revoked_by,
});

export interface By {
  name: string;
  accountId?: string;
  address?: string | null;
}

const whose = (role: KeyRole, district: string | null) => (role === 'city' ? '市级' : `“${district}”`);

/** A key file's text read as the package layer reads it; a refusal is the hub's (reason keys.badFile, naming the field). */
export function readHubKeyFile(text: string): KeyFile {
  try {
    return readKeyFile(text);
  } catch (err) {
    if (err instanceof PackageError) throw new HubError('INVALID_INPUT', err.message, err.reason, { ...err.params, ...(err.issues[0]?.field ? { field: err.issues[0].field } : {}) });
    throw err;
  }
}

/** Trusts the key of a key file's text for the city or one district. A key already trusted (for anything) is refused: revoke it first. */
export async function trustKey(db: Db, input: { keyFile: string; role: KeyRole; district?: string | null | undefined }, by: By): Promise<HubKey> {
  const key = readHubKeyFile(input.keyFile);
  const district = input.role === 'district' ? (input.district ?? '').trim() : null;
  if (input.role === 'district' && !district) throw new HubError('INVALID_INPUT', '信任区县的密钥必须给出区县（--district 区县）。', 'hub.keyDistrictRequired', { field: 'district' });
  if (input.role === 'city' && input.district) throw new HubError('INVALID_INPUT', '市级密钥不属于区县（--city 不能和 --district 一起给出）。', 'hub.keyDistrictNotAllowed', { field: 'district' });
  if (district !== null && district.length > 200) throw new HubError('INVALID_INPUT', '区县名太长（最多 200 个字符）。', 'hub.badField', { field: 'district' });
  return transaction(db, async (tx) => {
    const existing = (await tx.query<Row>(`SELECT ${COLUMNS} FROM hub_keys WHERE fingerprint = $1 AND revoked_at IS NULL`, [key.fingerprint])).rows[0];
    if (existing)
      throw new HubError(
        'CONFLICT',
        `密钥 ${key.readable} 已经受信为${whose(existing.role, existing.district)}的密钥；要改为别的用途，请先撤销它。`,
        'hub.keyAlreadyTrusted',
        { fingerprint: key.readable, district: existing.district ?? '' },
      );
    const row = (
      await tx.query<Row>(
        `INSERT INTO hub_keys (public_key, fingerprint, readable, role, district, holder, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [key.publicKey, key.fingerprint, key.readable, input.role, district, JSON.stringify(key.holder), by.name],
      )
    ).rows[0]!;
    await audit(tx, { accountId: by.accountId ?? null, accountName: by.name, action: 'key.trust', address: by.address ?? null, details: { fingerprint: key.readable, role: input.role, district, holder: key.holder.name } });
    return of(row);
  });
}

export async function listKeys(db: Queryable): Promise<HubKey[]> {
  return (await query<Row>(db, `SELECT ${COLUMNS} FROM hub_keys ORDER BY revoked_at IS NOT NULL, role, district NULLS FIRST, id`)).rows.map(of);
}

/** Revokes the trusted key with this fingerprint (64 hex digits, or its readable code in any case/spacing). */
export async function revokeKey(db: Db, fingerprint: string, by: By): Promise<HubKey> {
  const hex = /^[0-9a-f]{64}$/i.test(fingerprint.trim()) ? fingerprint.trim().toLowerCase() : null;
  const readable = hex ? null : normaliseReadableFingerprint(fingerprint);
  if (!hex && !readable) throw new HubError('INVALID_INPUT', `“${fingerprint.slice(0, 80)}”不是密钥指纹（形如 7K3M-QX2P-…，或 64 位十六进制）。`, 'hub.keyBadFingerprint', { field: 'fingerprint' });
  return transaction(db, async (tx) => {
    const row = (
      await tx.query<Row>(
        `UPDATE hub_keys SET revoked_at = now(), revoked_by = $3 WHERE revoked_at IS NULL AND (fingerprint = $1 OR readable = $2) RETURNING ${COLUMNS}`,
        [hex, readable, by.name],
      )
    ).rows[0];
    if (!row) throw new HubError('NOT_FOUND', `城市枢纽没有信任指纹为 ${readable ?? hex} 的密钥（或它已撤销）。`, 'hub.keyNotFound', { fingerprint: readable ?? hex ?? '' });
    await audit(tx, { accountId: by.accountId ?? null, accountName: by.name, action: 'key.revoke', address: by.address ?? null, details: { fingerprint: row.readable, role: row.role, district: row.district } });
    return of(row);
  });
}

/**
 * The package's signing key must be trusted on the hub for its sender: the city's package by a key trusted
 * for the city, a district's by a key trusted for that district (by name, as packages and accounts name it).
 * Otherwise 403 naming the key's readable fingerprint and the district (reason hub.packageUntrustedKey).
 * Called inside the push's transaction (FOR SHARE: a revoke waits for it, or it sees the revoke).
 */
export async function checkSigner(tx: Queryable, content: PackageContent): Promise<void> {
  const m = content.manifest;
  const role: KeyRole = m.sender.role === 'city' ? 'city' : 'district';
  const district = m.sender.role === 'district' ? m.sender.district : null;
  const fingerprint = content.signature.fingerprint;
  const rows = (await query<Row>(tx, `SELECT ${COLUMNS} FROM hub_keys WHERE fingerprint = $1 ORDER BY revoked_at IS NULL DESC, id DESC FOR SHARE`, [fingerprint])).rows;
  const active = rows.find((r) => r.revoked_at === null);
  if (active && active.role === role && (role === 'city' || active.district === district)) return;
  const readable = rows[0]?.readable ?? readableFingerprint(fingerprint);
  const why = active
    ? `（它受信为${whose(active.role, active.district)}的密钥）`
    : rows[0]
      ? `（已于 ${rows[0].revoked_at!.toISOString().slice(0, 10)} 撤销）`
      : '（城市枢纽上没有这把密钥）';
  throw new HubError(
    'FORBIDDEN',
    `报送包的签名密钥（指纹 ${readable}）不是城市枢纽为${whose(role, district)}信任的密钥${why}，未保存。请管理员核对指纹后在“密钥”中信任它。`,
    'hub.packageUntrustedKey',
    { fingerprint: readable, district: district ?? '', sender: district ?? 'city', role, state: active ? 'other' : rows[0] ? 'revoked' : 'unknown' },
  );
}
