/**
 * 报送包 kept by the hub (issue 16: the hub speaks the same packages as the files): the package's bytes
 * exactly as the desktop made them (bytea, with their SHA-256), and the envelope the hub routes by
 * (plan, sender, recipient, per-sender sequence, base). `id` is the sync id: a client pulls the packages
 * addressed to it after the last id it has seen (Linear-style); pushes of one plan are serialised by an
 * advisory lock (hub/packages/store.ts), so within a plan ids are committed in order and a cursor never
 * skips one. A package is stored once: the same package id, or the same (plan, sender, recipient,
 * sequence), is not stored twice.
 */
export const migration002 = {
  version: 2,
  name: 'packages',
  sql: `
CREATE TABLE packages (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  package_id      text NOT NULL CHECK (package_id ~ '^[0-9a-f-]{36}$'),
  plan_id         text NOT NULL CHECK (char_length(plan_id) BETWEEN 1 AND 200),
  -- 'city', or the sending district's name (the name district accounts carry)
  sender          text NOT NULL CHECK (char_length(sender) BETWEEN 1 AND 200),
  sender_role     text NOT NULL CHECK (sender_role IN ('city', 'district')),
  sender_name     text NOT NULL,
  -- 'city', or the receiving district's name
  recipient       text NOT NULL CHECK (char_length(recipient) BETWEEN 1 AND 200),
  seq             integer NOT NULL CHECK (seq >= 1),
  full_plan       boolean NOT NULL,
  base_package_id text,
  base_seq        integer,
  envelope        jsonb NOT NULL,
  bytes           bytea NOT NULL,
  sha256          bytea NOT NULL CHECK (octet_length(sha256) = 32),
  size            integer NOT NULL CHECK (size = octet_length(bytes)),
  received_at     timestamptz NOT NULL DEFAULT now(),
  received_by     bigint NOT NULL REFERENCES accounts (id),
  CONSTRAINT packages_package_id_unique UNIQUE (package_id),
  CONSTRAINT packages_sequence_unique UNIQUE (plan_id, sender, recipient, seq),
  CONSTRAINT packages_sender_role CHECK ((sender_role = 'city') = (sender = 'city'))
);
CREATE INDEX packages_recipient ON packages (recipient, plan_id, id);
`,
};
