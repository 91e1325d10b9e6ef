/**
 * One request of the hub, in order: where it comes from (request.ts seen), the origin check of a
 * state-changing request, the route, the session (cookie) and the caller's role against the route's
 * permission, the CSRF token of a state-changing call with a session, the JSON body, the handler.
 * Every refusal is a JSON `{ error: { code, message, reason, params } }`; a database that cannot be
 * reached is 503 UNAVAILABLE; anything unexpected is 500 INTERNAL and logged, never a crash.
 *
 * Every GET is read-only and runs — its session check too — on the read pool; every POST on the write
 * pool (hub/pg.ts PoolSizes), so readers never hold the connections a push needs, nor pushes a reader's.
 * Read calls are admitted up to `readLimit` at once (the read pool's connections + its queue); the next
 * is answered 503 hub.busy with Retry-After at once instead of waiting without bound.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findSession, sameToken, type Session } from '../accounts/sessions.ts';
import { busy, HubError } from '../errors.ts';
import { asHubError } from '../pg.ts';
import { allows, PERMISSIONS } from '../roles.ts';
import type { HubContext } from './context.ts';
import { checkOrigin, cookieOf, CSRF_HEADER, isStateChanging, readJson, seen, SESSION_COOKIE, sessionCookie, type Seen } from './request.ts';
import { routes } from './routes.ts';
import { servePage } from './static.ts';

export interface HandlerOptions {
  tls: boolean;
  trustProxy: boolean;
  /** null while the hub is not ready (migrations not yet applied: the database was down at start) */
  ready: () => HubError | null;
  log: (line: string) => void;
}

function send(res: ServerResponse, status: number, body: unknown, s: Seen | null, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(s?.secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: HubError, s: Seen | null): void {
  send(res, err.status, { error: err.toJSON() }, s, err.retryAfter ? { 'retry-after': String(err.retryAfter) } : {});
}

const notAllowed = (role: string) => new HubError('FORBIDDEN', `您的角色（${role}）不能进行这项操作。`, 'hub.roleForbidden', { role });

export function hubHandler(hub: HubContext, options: HandlerOptions) {
  let reading = 0;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let s: Seen | null = null;
    let admitted = false;
    try {
      s = seen(req, options.tls, options.trustProxy);
      const url = new URL(req.url ?? '/', 'http://hub.invalid');
      if (await servePage(req, res, url, s)) return; // the web pages (static.ts): GET / and /assets/*
      let params: string[] = [];
      const route = routes.find((r) => {
        if (r.method !== req.method) return false;
        if (typeof r.path === 'string') return r.path === url.pathname;
        const m = r.path.exec(url.pathname);
        if (m) params = m.slice(1);
        return m !== null;
      });
      if (!route) throw new HubError('NOT_FOUND', `没有这个接口：${req.method} ${url.pathname.slice(0, 200)}`, 'hub.noSuchCall');
      const changing = isStateChanging(req.method);
      if (changing) checkOrigin(req, s);
      const notReady = options.ready();
      if (notReady) throw notReady;
      const read = req.method === 'GET';
      if (read) {
        if (reading >= hub.readLimit) throw busy();
        reading++;
        admitted = true;
      }
      const ctx: HubContext = read ? { ...hub, db: hub.reads } : hub;
      let session: Session | null = null;
      if (PERMISSIONS[route.permission] !== 'public') {
        const cookie = cookieOf(req, SESSION_COOKIE);
        session = cookie ? await findSession(ctx.db, cookie, hub.sessionPolicy) : null;
        if (!session) throw new HubError('UNAUTHENTICATED', '请先登录（会话不存在或已过期）。', 'hub.notLoggedIn');
        if (!allows(route.permission, session.account.role)) throw notAllowed(session.account.role);
        if (changing) {
          const token = req.headers[CSRF_HEADER];
          if (typeof token !== 'string' || !sameToken(token, session.csrfToken))
            throw new HubError('FORBIDDEN', '请求缺少有效的 CSRF 令牌（X-CSRF-Token），已拒绝。', 'hub.csrf');
        }
      }
      // a raw body (a 报送包's bytes) is read by its handler, with its own cap
      const body = changing && route.body !== 'raw' ? await readJson(req) : {};
      const out = await route.handle({ hub: ctx, seen: s, body, session, userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null, req, url, params });
      if (out.bytes) {
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(out.bytes.data.length),
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          ...(s.secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
          ...out.bytes.headers,
        });
        res.end(out.bytes.data);
        return;
      }
      const headers: Record<string, string> = {};
      if (out.setSession !== undefined)
        headers['set-cookie'] = sessionCookie(out.setSession, s, out.setSession === '' ? 0 : Math.floor(hub.sessionPolicy.absoluteMs / 1000));
      send(res, 200, out.body, s, headers);
    } catch (raw) {
      const err = asHubError(raw);
      if (err instanceof HubError) sendError(res, err, s);
      else {
        options.log(`内部错误：${raw instanceof Error ? (raw.stack ?? raw.message) : String(raw)}`);
        sendError(res, new HubError('INTERNAL', '城市枢纽内部错误，已记入日志。', 'hub.internal'), s);
      }
    } finally {
      if (admitted) reading--;
    }
  };
}
