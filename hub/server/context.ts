/** What every call of the hub sees: the pool and the policies. */
import type { LoginPolicy, SessionPolicy } from '../accounts/policy.ts';
import type { Db } from '../pg.ts';

export interface HubContext {
  db: Db;
  loginPolicy: LoginPolicy;
  sessionPolicy: SessionPolicy;
}
