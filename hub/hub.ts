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
    await db.end();
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
    await db.end();
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
