/** The trusted_keys table (migration 011): bound parameters only. */
import { preparedOnce } from '../context.ts';

export interface TrustedKeyRow {
  fingerprint: string;
  public_key: string;
  role: 'city' | 'district';
  district_id: string | null;
  holder_name: string;
  holder_department: string | null;
  holder_district: string | null;
  key_created_at: string | null;
  trusted_at: string;
  trusted_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export type TrustedKeyListRow = TrustedKeyRow & { district_name: string | null };

const LIST = `SELECT k.*, d.name AS district_name FROM trusted_keys k LEFT JOIN districts d ON d.id = k.district_id`;
const ORDER = `ORDER BY (k.revoked_at IS NOT NULL), CASE k.role WHEN 'city' THEN 0 ELSE 1 END, d.code, d.name, k.trusted_at, k.fingerprint`;

export const keyQueries = preparedOnce((db) => ({
  byFingerprint: db.prepare<[string], TrustedKeyListRow>(`${LIST} WHERE k.fingerprint = ?`),
  active: db.prepare<[], TrustedKeyListRow>(`${LIST} WHERE k.revoked_at IS NULL ${ORDER}`),
  all: db.prepare<[], TrustedKeyListRow>(`${LIST} ${ORDER}`),
  insert: db.prepare<[Omit<TrustedKeyRow, 'revoked_at' | 'revoked_by'>], never>(
    `INSERT INTO trusted_keys (fingerprint, public_key, role, district_id, holder_name, holder_department, holder_district, key_created_at, trusted_at, trusted_by)
     VALUES (@fingerprint, @public_key, @role, @district_id, @holder_name, @holder_department, @holder_district, @key_created_at, @trusted_at, @trusted_by)`,
  ),
  setRevoked: db.prepare<[string | null, string | null, string], never>('UPDATE trusted_keys SET revoked_at = ?, revoked_by = ? WHERE fingerprint = ?'),
  /** a revoked key trusted again, in the role given now */
  retrust: db.prepare<[Omit<TrustedKeyRow, 'revoked_at' | 'revoked_by' | 'public_key'>], never>(
    `UPDATE trusted_keys SET role = @role, district_id = @district_id, holder_name = @holder_name, holder_department = @holder_department,
       holder_district = @holder_district, key_created_at = @key_created_at, trusted_at = @trusted_at, trusted_by = @trusted_by,
       revoked_at = NULL, revoked_by = NULL
     WHERE fingerprint = @fingerprint`,
  ),
}));
