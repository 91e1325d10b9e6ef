/**
 * Starting the city hub: a pg Pool (hub/pg.ts), the migrations (retried every second while the
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
import { isConnectionError, openPool, type Db } from './pg.ts';
import { hubHandler } from './server/http.ts';

export interface HubOptions {
  pgUrl: string;
  host?: string;
  port?: number;
  tls?: { certFile: string; keyFile: string };
  trustProxy?: boolean;
  loginPolicy?: Partial<LoginPolicy>;
  sessionPolicy?: Partial<SessionPolicy>;
  log?: (line: string) => void;
}

export interface RunningHub {
  url: string;
  port: number;
  db: Db;
  /** resolves once the migrations are applied */
  ready: Promise<void>;
  close(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const db = openPool(options.pgUrl);
  const hub = {
    db,
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
  const tls = options.tls ? { cert: fs.readFileSync(options.tls.certFile), key: fs.readFileSync(options.tls.keyFile) } : null;
  const handler = hubHandler(hub, { tls: tls !== null, trustProxy: options.trustProxy ?? false, ready: () => state, log });
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => void handler(req, res);
  const server = tls ? https.createServer({ ...tls, minVersion: 'TLSv1.2' }, onRequest) : http.createServer(onRequest);
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7630, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log(`服务器错误：${err.message}`));
  const { port, address } = server.address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  return {
    url: `${tls ? 'https' : 'http'}://${shown}:${port}`,
    port,
    db,
    ready,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.end();
    },
  };
}
