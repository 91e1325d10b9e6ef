/**
 * 011 — the keys a plan file trusts, and in which role (issue 15, db/keys). Shipped: never edit.
 *
 * trusted_keys: one row per SM2 public key whose 报送包 this file accepts. The city's file trusts each
 * district's key for that district (role 'district', district_id names it, which must exist); a
 * district's file trusts the city's key (role 'city', no district). The holder's name, department and
 * district are as the key file says them (for the list and the audit); trusted_at/by say when and by
 * whom it was confirmed. A revoked key keeps its row (revoked_at/by): packages signed with it are refused
 * from then on, and the list still shows whose it was. Written through runChange (entity 'trusted_key'),
 * so trusting and revoking are audited and undoable. No CHECK across columns (a district key has a
 * district, a revoked one says by whom): undo and redo put a record back field by field, and such a
 * check fails between two fields; db/keys/trust.ts writes them together.
 */
export default {
  version: 11,
  name: 'trusted_keys',
  sql: `
CREATE TABLE trusted_keys (
  fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
  public_key TEXT NOT NULL UNIQUE CHECK (length(public_key) = 130 AND substr(public_key, 1, 2) = '04' AND public_key NOT GLOB '*[^0-9a-f]*'),
  role TEXT NOT NULL CHECK (role IN ('city', 'district')),
  district_id TEXT REFERENCES districts(id),
  holder_name TEXT NOT NULL CHECK (length(holder_name) > 0),
  holder_department TEXT,
  holder_district TEXT,
  key_created_at TEXT,
  trusted_at TEXT NOT NULL,
  trusted_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
) STRICT;
CREATE INDEX trusted_keys_district ON trusted_keys(district_id);
`,
};
