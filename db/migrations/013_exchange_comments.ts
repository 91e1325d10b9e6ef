/**
 * 013 — 批注 in the 报送包 exchange, and the signature of a package kept pending (issue 15, db/exchange/). Shipped: never edit.
 *
 * Comments are not versioned records (db/versions/rows.ts): a package's base is rebuilt from a version, so the
 * comment side of each state is kept here instead, per logged package:
 * - package_comment_states: the comment state a package stands for (what the other side holds once it applied
 *   it: the base's comments with the package's comment changes), its SHA-256 (db/exchange/comments.ts), and how
 *   many comment changes the package carried (报送情况's counts). No row: a package made before comments
 *   travelled (its comment state is unknown; the next package starts from no comments).
 * - package_comment_rows: the comments of that state, one row each (the comment as the exchange carries it).
 * - package_pending_signatures: the signature row of a package being previewed (package_pending), so that
 *   reopening or applying it after a reload checks its signature, the trusted key (revoked since?) and its content
 *   hash again over the kept manifest and changes. No row (kept before this migration): it must be imported again.
 */
export default {
  version: 13,
  name: 'exchange_comments',
  sql: `
CREATE TABLE package_comment_states (
  package_id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  comment_changes INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE package_comment_rows (
  package_id TEXT NOT NULL,
  row_id TEXT NOT NULL,
  data TEXT NOT NULL CHECK (json_valid(data)),
  PRIMARY KEY (package_id, row_id)
) STRICT;

CREATE TABLE package_pending_signatures (
  package_id TEXT PRIMARY KEY,
  algorithm TEXT NOT NULL,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  signature TEXT NOT NULL
) STRICT;
`,
};
