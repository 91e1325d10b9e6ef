/**
 * Sessions: the cookie carries 32 random bytes (base64url); the table keeps only their sha256, so
 * a copy of the database holds no usable session. Each session has its own CSRF token, which the
 * page sends back in the X-CSRF-Token header on every state-changing call (hub/server/guard.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { query, type Db, type Queryable } from '../pg.ts';
import { accountOf, accountColumns, type Account, type AccountRow } from './accounts.ts';
import type { SessionPolicy } from './policy.ts';

export const hashSessionId = (raw: Buffer): Buffer => createHash('sha256').update(raw).digest();

export interface NewSession {
  /** the cookie's value */
  cookie: string;
  csrfToken: string;
}

export async function createSession(tx: Queryable, accountId: string, userAgent: string | null, policy: SessionPolicy): Promise<NewSession> {
  const raw = randomBytes(32);
  const csrfToken = randomBytes(32).toString('base64url');
  await query(tx, `INSERT INTO sessions (id_hash, account_id, csrf_token, expires_at, user_agent) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond', $5)`, [
    hashSessionId(raw),
    accountId,
    csrfToken,
    policy.absoluteMs,
    userAgent?.slice(0, 512) ?? null,
  ]);
  return { cookie: raw.toString('base64url'), csrfToken };
}

export interface Session {
  idHash: Buffer;
  csrfToken: string;
  account: Account;
}

/** The live session a cookie names (not expired, not idle too long, its account not disabled), or null. */
export async function findSession(db: Db, cookie: string, policy: SessionPolicy): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(cookie)) return null;
  const raw = Buffer.from(cookie, 'base64url');
  if (raw.length !== 32) return null;
  const idHash = hashSessionId(raw);
  const row = (
    await query<AccountRow & { csrf_token: string; stale: boolean }>(
      db,
      `SELECT ${accountColumns('a.')}, s.csrf_token, s.last_seen_at < now() - interval '60 seconds' AS stale
         FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.id_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - $2 * interval '1 millisecond' AND a.disabled_at IS NULL`,
      [idHash, policy.idleMs],
    )
  ).rows[0];
  if (!row) return null;
  // last seen is kept to the minute: one write a minute per session, not one per request
  if (row.stale) await query(db, 'UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [idHash]);
  return { idHash, csrfToken: row.csrf_token, account: accountOf(row) };
}

export async function endSession(db: Queryable, idHash: Buffer): Promise<void> {
  await query(db, 'DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

/** Constant-time comparison of two tokens (any lengths). */
export function sameToken(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}
