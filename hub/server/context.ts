/** What every call of the hub sees: the pools and the policies. */
import type { LoginPolicy, SessionPolicy } from '../accounts/policy.ts';
import type { Db } from '../pg.ts';
import type { RollupCache } from '../plans/rollup-cache.ts';

export interface HubContext {
  /** the write pool (hub/pg.ts PoolSizes); a read route's handler is given the read pool here instead */
  db: Db;
  /** the read pool */
  reads: Db;
  /** read calls admitted at once (read connections + read queue); the next is answered 503 hub.busy */
  readLimit: number;
  /** the city roll-up per (plan, version) (hub/plans/rollup-cache.ts) */
  rollups: RollupCache;
  loginPolicy: LoginPolicy;
  sessionPolicy: SessionPolicy;
}
