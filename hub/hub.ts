/**
 * Starting the city hub: two pg Pools, writes and reads (hub/pg.ts PoolSizes), the migrations (retried every second while the
 * database cannot be reached, the hub answering 503 meanwhile), and an HTTP or HTTPS server on
 * 127.0.0.1 unless told otherwise. close() stops accepting, ends the connections, and the pool.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LOGIN_POLICY, DEFAULT_SESSION_POLICY, type LoginPolicy, type SessionPolicy } from './accounts/policy.ts';
import { HubError, unavailable } from './errors.ts';
import { migrate } from './migrate.ts';
import { checkPoolSizes, DEFAULT_POOL_SIZES, isConnectionError, openPool, type Db, type PoolSizes } from './pg.ts';
import { hubHandler } from './server/http.ts';
import { RollupCache } from './plans/rollup-cache.ts';

export interface HubOptions {
  pgUrl: string;
  host?: string;
  port?: number;
  tls?: { certFile: string; keyFile: string };
  trustProxy?: boolean;
  loginPolicy?: Partial<LoginPolicy>;
  sessionPolicy?: Partial<SessionPolicy>;
  /** the write and read pools' sizes and the read queue (hub/pg.ts DEFAULT_POOL_SIZES) */
  pools?: Partial<PoolSizes>;
  log?: (line: string) => void;
}

export interface RunningHub {
  url: string;
  port: number;
  /** the write pool */
  db: Db;
  /** the read pool */
  reads: Db;
  /** the roll-up cache (hub/plans/rollup-cache.ts) */
  rollups: RollupCache;
  /** resolves once the migrations are applied */
  ready: Promise<void>;
  close(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const sizes = checkPoolSizes({ ...DEFAULT_POOL_SIZES, ...options.pools });
  const db = openPool(options.pgUrl, { max: sizes.writeConnections, name: 'plandesk-hub' });
  const reads = openPool(options.pgUrl, { max: sizes.readConnections, name: 'plandesk-hub-read' });
  const endPools = async () => {
    await Promise.all([db.end(), reads.end()]);
  };
  const hub = {
    db,
    reads,
    readLimit: sizes.readConnections + sizes.readQueue,
    rollups: new RollupCache(),
    loginPolicy: { ...DEFAULT_LOGIN_POLICY, ...options.loginPolicy },
    sessionPolicy: { ...DEFAULT_SESSION_POLICY, ...options.sessionPolicy },
  };
  let state: HubError | null = unavailable();
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve) => {
    const attempt = () => {
      if (closed) return;
      migrate(db).then(
        () => {
          state = null;
          resolve();
        },
        (err: unknown) => {
          if (err instanceof HubError && err.code !== 'UNAVAILABLE') {
            state = err; // a schema from a newer hub: refuse, do not guess
            log(`城市枢纽不能使用这个数据库：${err.message}`);
          } else {
            if (!(err instanceof HubError) && !isConnectionError(err)) log(`迁移失败，1 秒后重试：${err instanceof Error ? err.message : String(err)}`);
            retry = setTimeout(attempt, 1000);
          }
        },
      );
    };
    attempt();
  });
  const readPem = (file: string, what: string): Buffer => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new HubError('INVALID_INPUT', `读不了${what}“${file}”：${(err as NodeJS.ErrnoException).code ?? String(err)}`, 'hub.tlsFileUnreadable', { file });
    }
  };
  let tls: { cert: Buffer; key: Buffer } | null = null;
  try {
    tls = options.tls ? { cert: readPem(options.tls.certFile, '证书文件'), key: readPem(options.tls.keyFile, '私钥文件') } : null;
  } catch (err) {
    closed = true;
    if (retry) clearTimeout(retry);
    await endPools();
    throw err;
  }
  const handler = hubHandler(hub, { tls: tls !== null, trustProxy: options.trustProxy ?? false, ready: () => state, log });
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => void handler(req, res);
  const server = tls ? https.createServer({ ...tls, minVersion: 'TLSv1.2' }, onRequest) : http.createServer(onRequest);
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  const port = options.port ?? 7630;
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    closed = true;
    if (retry) clearTimeout(retry);
    await endPools();
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new HubError('INVALID_INPUT', code === 'EADDRINUSE' ? `端口 ${port} 已被占用（${host}）。` : `不能在 ${host}:${port} 上监听：${code}`, 'hub.cannotListen', { host, port });
  }
  server.on('error', (err) => log(`服务器错误：${err.message}`));
  const bound = server.address() as AddressInfo;
  const shown = bound.address.includes(':') ? `[${bound.address}]` : bound.address;
  return {
    url: `${tls ? 'https' : 'http'}://${shown}:${bound.port}`,
    port: bound.port,
    db,
    reads,
    rollups: hub.rollups,
    ready,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await endPools();
    },
  };
}
