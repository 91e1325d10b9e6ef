/**
 * The keys the hub trusts (s7-hubkeys): which SM2 key signs for the city and which for each district. A
 * pushed 报送包 (by a district account, or an officer uploading an air-gapped district's) is applied only
 * when the key that signed it is trusted here for its sender's role and district (hub/keys/).
 * A key is trusted by reading its key file (package/key-file.ts; the fingerprint its readable code is
 * read out from over the phone) and is never deleted: revoking sets revoked_at, so the audit of who
 * trusted what stays. A fingerprint is trusted at most once at a time (one role, one district).
 */
export const migration004 = {
  version: 4,
  name: 'keys',
  sql: `
CREATE TABLE hub_keys (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_key  text NOT NULL CHECK (public_key ~ '^04[0-9a-f]{128}$'),
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  -- domain/keys.ts readableFingerprint: what the refusals and the pages name
  readable    text NOT NULL CHECK (readable ~ '^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}$'),
  role        text NOT NULL CHECK (role IN ('city', 'district')),
  -- the district's name (the name district accounts and packages carry); null for the city
  district    text CHECK (char_length(district) BETWEEN 1 AND 200),
  -- the key file's holder: name, department, district
  holder      jsonb NOT NULL,
  added_by    text NOT NULL,
  added_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  revoked_by  text,
  CONSTRAINT hub_keys_district CHECK ((role = 'district') = (district IS NOT NULL)),
  CONSTRAINT hub_keys_revoked CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE UNIQUE INDEX hub_keys_active ON hub_keys (fingerprint) WHERE revoked_at IS NULL;
`,
};
