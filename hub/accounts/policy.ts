/**
 * Login throttling, lockout and session lifetimes, as stated in README (the city hub):
 *  - per account: after k wrong passwords in a row the next try waits min(1 s × 2^(k−1), 60 s);
 *    the 5th wrong password locks the account for 15 minutes (even the right password is refused
 *    then); a right password resets the count.
 *  - per client address (any account, so guessing across accounts is slowed too): the first 10
 *    failures are free (a district office behind one NAT address), then each next try waits
 *    min(1 s × 2^(k−11), 300 s); an address's count is forgotten 1 hour after its last failure.
 *  - a throttled or locked try is refused with 429/423 and Retry-After, without looking at the
 *    password, and does not count as a failure.
 *  - sessions end 12 hours after login, or after 2 hours without a request, or at logout.
 * Times are PostgreSQL's (now()), so several hubs on one database agree.
 */
export interface LoginPolicy {
  accountBaseDelayMs: number;
  accountMaxDelayMs: number;
  lockAfter: number;
  lockMs: number;
  addressFreeFailures: number;
  addressBaseDelayMs: number;
  addressMaxDelayMs: number;
  addressForgetMs: number;
}

export interface SessionPolicy {
  absoluteMs: number;
  idleMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  accountBaseDelayMs: 1000,
  accountMaxDelayMs: 60_000,
  lockAfter: 5,
  lockMs: 15 * 60_000,
  addressFreeFailures: 10,
  addressBaseDelayMs: 1000,
  addressMaxDelayMs: 300_000,
  addressForgetMs: 60 * 60_000,
};

export const DEFAULT_SESSION_POLICY: SessionPolicy = { absoluteMs: 12 * 3600_000, idleMs: 2 * 3600_000 };

/** How long after its latest failure an account with `failures` wrong passwords in a row must wait. */
export function accountDelayMs(p: LoginPolicy, failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(p.accountBaseDelayMs * 2 ** (failures - 1), p.accountMaxDelayMs);
}

export function addressDelayMs(p: LoginPolicy, failures: number): number {
  if (failures <= p.addressFreeFailures) return 0;
  return Math.min(p.addressBaseDelayMs * 2 ** (failures - p.addressFreeFailures - 1), p.addressMaxDelayMs);
}
