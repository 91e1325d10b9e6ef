/**
 * Logging in: the throttles and the lockout of hub/accounts/policy.ts, then the password (scrypt,
 * constant-time compare; an unknown name is checked against a dummy hash, so it takes as long and
 * answers the same). One transaction: the address and account rows are locked (FOR UPDATE, always
 * address first) so parallel tries of one account are counted one after another. The counters are
 * committed before a refusal is answered. Times are clock_timestamp(), not the transaction's start: a
 * failure is timed when its password check has ended (the wait counts from the answer), and a try
 * that waited for another's row lock measures from after it.
 */
import { audit } from '../audit.ts';
import { HubError } from '../errors.ts';
import { transaction, type Db, type Tx } from '../pg.ts';
import { accountOf, accountColumns, type Account, type AccountRow } from './accounts.ts';
import { dummyHash, MAX_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import { accountDelayMs, addressDelayMs, type LoginPolicy, type SessionPolicy } from './policy.ts';
import { createSession, type NewSession } from './sessions.ts';

export interface LoginInput {
  name: string;
  password: string;
  address: string;
  userAgent: string | null;
}

type Outcome = { ok: true; account: Account; session: NewSession } | { ok: false; error: HubError };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

const wrong = () => new HubError('UNAUTHENTICATED', '账号或密码不对。', 'hub.loginWrong');

const throttled = (waitMs: number) =>
  new HubError('THROTTLED', `登录失败次数太多，请 ${seconds(waitMs)} 秒后再试。`, 'hub.loginThrottled', { seconds: seconds(waitMs) }, seconds(waitMs));

const locked = (waitMs: number, policy: LoginPolicy) =>
  new HubError(
    'LOCKED',
    `连续 ${policy.lockAfter} 次密码错误，账号已锁定，请 ${Math.ceil(waitMs / 60_000)} 分钟后再试，或请管理员协助。`,
    'hub.accountLocked',
    { minutes: Math.ceil(waitMs / 60_000), failures: policy.lockAfter },
    seconds(waitMs),
  );

async function addressFailed(tx: Tx, address: string, policy: LoginPolicy): Promise<void> {
  // a count whose last failure is older than addressForgetMs starts again at 1
  await tx.query(
    `INSERT INTO login_addresses (address, failures, last_failed_at) VALUES ($1, 1, clock_timestamp())
     ON CONFLICT (address) DO UPDATE SET
       failures = CASE WHEN login_addresses.last_failed_at < clock_timestamp() - $2 * interval '1 millisecond' THEN 1 ELSE login_addresses.failures + 1 END,
       last_failed_at = clock_timestamp()`,
    [address, policy.addressForgetMs],
  );
}

export async function login(db: Db, input: LoginInput, policy: LoginPolicy, sessions: SessionPolicy): Promise<{ account: Account; session: NewSession }> {
  if (input.name.length > 256 || input.password.length > MAX_PASSWORD_LENGTH) throw wrong();
  const dummy = await dummyHash();
  const outcome = await transaction(db, async (tx): Promise<Outcome> => {
    // lock first, then read the times: a try that waited for the lock must see the failure it waited for
    await tx.query('SELECT 1 FROM login_addresses WHERE address = $1 FOR UPDATE', [input.address]);
    const addr = (
      await tx.query<{ failures: number; since_ms: number }>(
        'SELECT failures, (extract(epoch FROM clock_timestamp() - last_failed_at) * 1000)::float8 AS since_ms FROM login_addresses WHERE address = $1',
        [input.address],
      )
    ).rows[0];
    if (addr && addr.since_ms < policy.addressForgetMs) {
      const wait = addressDelayMs(policy, addr.failures) - addr.since_ms;
      if (wait > 0) return { ok: false, error: throttled(wait) };
    }
    await tx.query('SELECT 1 FROM accounts WHERE name = $1 FOR UPDATE', [input.name]);
    const row = (
      await tx.query<AccountRow & { password_hash: string; failed_logins: number; since_ms: number | null; locked_ms: number | null }>(
        `SELECT ${accountColumns()}, password_hash, failed_logins,
                (extract(epoch FROM clock_timestamp() - last_failed_at) * 1000)::float8 AS since_ms,
                (extract(epoch FROM locked_until - clock_timestamp()) * 1000)::float8 AS locked_ms
           FROM accounts WHERE name = $1`,
        [input.name],
      )
    ).rows[0];
    if (!row) {
      await verifyPassword(input.password, dummy);
      await addressFailed(tx, input.address, policy);
      await audit(tx, { accountName: input.name, action: 'login.failed', address: input.address, details: { why: 'unknown account' } });
      return { ok: false, error: wrong() };
    }
    if (row.locked_ms !== null && row.locked_ms > 0) return { ok: false, error: locked(row.locked_ms, policy) };
    if (row.failed_logins > 0 && row.since_ms !== null) {
      const wait = accountDelayMs(policy, row.failed_logins) - row.since_ms;
      if (wait > 0) return { ok: false, error: throttled(wait) };
    }
    if (!(await verifyPassword(input.password, row.password_hash))) {
      const failures = row.failed_logins + 1;
      const lock = failures >= policy.lockAfter;
      await tx.query(
        `UPDATE accounts SET failed_logins = $2, last_failed_at = clock_timestamp(),
                locked_until = CASE WHEN $3 THEN clock_timestamp() + $4 * interval '1 millisecond' ELSE locked_until END
          WHERE id = $1`,
        [row.id, lock ? 0 : failures, lock, policy.lockMs],
      );
      await addressFailed(tx, input.address, policy);
      await audit(tx, { accountId: row.id, accountName: row.name, action: lock ? 'login.locked' : 'login.failed', address: input.address, details: { failures } });
      return { ok: false, error: lock ? locked(policy.lockMs, policy) : wrong() };
    }
    // the right password: the count starts again, whatever is refused next
    await tx.query('UPDATE accounts SET failed_logins = 0, last_failed_at = NULL, locked_until = NULL WHERE id = $1', [row.id]);
    if (row.disabled_at) {
      await audit(tx, { accountId: row.id, accountName: row.name, action: 'login.refused', address: input.address, details: { why: 'disabled' } });
      return { ok: false, error: new HubError('FORBIDDEN', `账号“${row.name}”已停用，请联系管理员。`, 'hub.accountDisabled', { name: row.name }) };
    }
    const session = await createSession(tx, row.id, input.userAgent, sessions);
    await audit(tx, { accountId: row.id, accountName: row.name, action: 'login', address: input.address });
    return { ok: true, account: accountOf(row), session };
  });
  if (!outcome.ok) throw outcome.error;
  return { account: outcome.account, session: outcome.session };
}
