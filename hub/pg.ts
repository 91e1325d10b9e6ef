/**
 * The hub's PostgreSQL connections: one pg Pool whose errors never take the process down. A client
 * that fails (the server restarted, crashed, or is not up yet) is thrown away, and the next request
 * asks the pool for a new connection, so the hub reconnects by itself; meanwhile every request is
 * answered 503 UNAVAILABLE (hub/errors.ts), never a guess. Transactions are all-or-nothing: a
 * connection lost mid-transaction rolls back on the server and the caller gets UNAVAILABLE.
 */
import pg from 'pg';
import { HubError, unavailable } from './errors.ts';

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
export type Queryable = pg.Pool | pg.PoolClient;

export function openPool(url: string, options: { max?: number; connectTimeoutMs?: number; name?: string } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    application_name: options.name ?? 'plandesk-hub',
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, that would crash
  // the process. The pool has already dropped the client: nothing else to do.
  pool.on('error', () => {});
  return pool;
}

/**
 * The hub's two pools (issue 16: 40 pushes waited behind 100 roll-up readers for one pool's 10
 * connections). Writes — pushes and their applies, logins, account and key changes, and the session
 * checks of those calls — use `write`; every read-only call (GET: plans, 报送情况, roll-up, versions,
 * compare, audit search, the package list and a package's bytes, i.e. a desktop's pull) uses `read`,
 * its session check included. Neither can take the other's connections. The read side is also
 * bounded in requests (hub/server/http.ts): at most `readConnections + readQueue` read calls at once,
 * the next answered 503 hub.busy with Retry-After at once, never queued without bound.
 * `plandesk hub --write-connections N --read-connections N --read-queue N`.
 */
export interface PoolSizes {
  /** connections for writes; pushes of one plan are applied one at a time (store.ts), so a few suffice */
  writeConnections: number;
  /** connections for reads */
  readConnections: number;
  /** read calls that may wait for a read connection beyond those; more are answered 503 at once */
  readQueue: number;
}
export const DEFAULT_POOL_SIZES: PoolSizes = { writeConnections: 4, readConnections: 8, readQueue: 64 };

export function checkPoolSizes(sizes: PoolSizes): PoolSizes {
  for (const [key, v, min] of [['writeConnections', sizes.writeConnections, 1], ['readConnections', sizes.readConnections, 1], ['readQueue', sizes.readQueue, 0]] as const)
    if (!Number.isInteger(v) || v < min || v > 10_000)
      throw new HubError('INVALID_INPUT', `连接池参数 ${key} 必须是 ${min} 到 10000 之间的整数（现为 ${v}）。`, 'hub.badInput', { field: key });
  return sizes;
}

/** SQLSTATE classes and socket errors that mean "the database is not reachable now", not a bad query. */
const CONNECTION_STATES = /^(08|57P0[1-4]|53300|58)/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN', 'EAI_AGAIN']);

export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || CONNECTION_STATES.test(code))) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly|the database system is (starting up|shutting down|in recovery mode)/i.test(err.message);
}

/** A database failure as the hub answers it: connection trouble → UNAVAILABLE; our refusals pass through. */
export function asHubError(err: unknown): unknown {
  if (err instanceof HubError) return err;
  if (isConnectionError(err)) return unavailable();
  return err;
}

/** Runs `work` in one transaction on one connection: COMMIT when it returns, ROLLBACK when it throws. */
export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await db.connect();
  } catch (err) {
    throw asHubError(err);
  }
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const value = await work(client);
    await client.query('COMMIT');
    return value;
  } catch (err) {
    if (!isConnectionError(err)) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackErr) {
        broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
      }
    } else broken = err instanceof Error ? err : new Error(String(err));
    throw asHubError(err);
  } finally {
    client.off('error', onError);
    // a broken connection is destroyed, not returned to the pool
    client.release(broken);
  }
}

/** One statement on any pooled connection, with connection trouble answered as UNAVAILABLE. */
export async function query<R extends pg.QueryResultRow>(db: Queryable, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
  try {
    return await db.query<R>(text, values);
  } catch (err) {
    throw asHubError(err);
  }
}
