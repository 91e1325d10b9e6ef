/** The throttling numbers README states (hub/accounts/policy.ts), pinned: a change of them is a change of README. */
import { describe, expect, it } from 'vitest';
import { accountDelayMs, addressDelayMs, DEFAULT_LOGIN_POLICY, DEFAULT_SESSION_POLICY } from '../../hub/accounts/policy.ts';
import { MIN_PASSWORD_LENGTH, SCRYPT } from '../../hub/accounts/password.ts';

describe('login policy', () => {
  it('per account: 1, 2, 4, 8 s after 1–4 wrong passwords, at most 60 s; the 5th locks for 15 minutes', () => {
    const p = DEFAULT_LOGIN_POLICY;
    expect([0, 1, 2, 3, 4, 7, 8, 20].map((k) => accountDelayMs(p, k))).toEqual([0, 1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
    expect([p.lockAfter, p.lockMs]).toEqual([5, 15 * 60_000]);
  });

  it('per address: 10 failures free, then 1, 2, 4 … s, at most 300 s, forgotten after an hour', () => {
    const p = DEFAULT_LOGIN_POLICY;
    expect([0, 10, 11, 12, 13, 19, 30].map((k) => addressDelayMs(p, k))).toEqual([0, 0, 1000, 2000, 4000, 256_000, 300_000]);
    expect(p.addressForgetMs).toBe(3600_000);
  });

  it('sessions: 12 hours at most, 2 hours idle; scrypt N = 2^15, r = 8, p = 1; passwords of 12 characters or more', () => {
    expect(DEFAULT_SESSION_POLICY).toEqual({ absoluteMs: 12 * 3600_000, idleMs: 2 * 3600_000 });
    expect(SCRYPT).toMatchObject({ N: 32768, r: 8, p: 1, saltLength: 16 });
    expect(MIN_PASSWORD_LENGTH).toBe(12);
  });
});
