/**
 * Accounts, their sessions, login throttling per client address and the audit log. Numbers that are
 * figures of a plan will be `numeric` (exact decimals); these are counters and times.
 */
export const migration001 = {
  version: 1,
  name: 'accounts',
  sql: `
CREATE TABLE accounts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'officer', 'reviewer', 'district')),
  district      text,
  department    text,
  -- 'scrypt$N$r$p$<salt base64>$<hash base64>' (hub/accounts/password.ts)
  password_hash text NOT NULL,
  disabled_at   timestamptz,
  failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  last_failed_at timestamptz,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT accounts_name_unique UNIQUE (name),
  CONSTRAINT accounts_name_length CHECK (char_length(name) BETWEEN 1 AND 64),
  CONSTRAINT accounts_district_role CHECK ((role = 'district') = (district IS NOT NULL))
);

CREATE TABLE sessions (
  -- sha256 of the 32 random bytes the cookie carries: a leaked table holds no usable session
  id_hash      bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  user_agent   text
);
CREATE INDEX sessions_account ON sessions (account_id);

-- failed logins per client address (any account), for the per-address delay (hub/accounts/throttle.ts)
CREATE TABLE login_addresses (
  address        text PRIMARY KEY,
  failures       integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_failed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  account_id     bigint REFERENCES accounts (id),
  account_name   text,
  action         text NOT NULL,
  client_address text,
  details        jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at ON audit_log (at);

-- the audit log is append-only: rows are never changed or removed, whoever connects
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
};
