/**
 * The city hub as a sync speaks to it (hub/server/, hub/packages/routes.ts): one session over
 * node:http(s) — the login's cookie and CSRF token —, JSON answers, and the hub's refusals turned into
 * the core's typed errors, in Chinese, naming the field the user can fix (the hub address, the account,
 * the password) with a reason for the workbench's English (renderer/src/i18n/messages/sync.ts).
 * Written on node:http rather than fetch: fetch (undici) in Node 20 cannot be told a body's exact
 * length for a large Buffer without copying and gives poorer network error codes.
 */
import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { PlanDeskError } from '../errors.ts';

/** a refusal of the hub: `{ error: { code, message, reason } }` (hub/server/http.ts) */
const hubError = z.object({ code: z.string().optional(), message: z.string().optional(), reason: z.string().optional() });

export interface HubAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** How long one request may take (a 30 MB package on a slow line). */
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * An address as it may be shown, logged or kept: whatever stands before an `@` in it (a user name and password,
 * https://user:pass@host) cut out — also from a text that is no address at all (user:pass@host).
 */
export function shownAddress(text: string): string {
  return text.trim().slice(0, 300).replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1…@');
}

/**
 * The hub's address, checked. One with a user name or password in it (https://user:pass@host) is refused: the
 * account and password have their own fields, the password is kept nowhere, and an address is kept in the user
 * data folder and shown in the log — the refusal itself names the address without them.
 */
export function parseHubAddress(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    url = new URL('invalid:');
  }
  const shown = shownAddress(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new PlanDeskError('INVALID_INPUT', `城市枢纽地址“${shown}”不是网址（应以 http:// 或 https:// 开头）`, [{ field: 'hub', message: '不是 http:// 或 https:// 网址' }], { reason: 'sync.badAddress', params: { hub: shown } });
  if (url.username !== '' || url.password !== '')
    throw new PlanDeskError('INVALID_INPUT', `城市枢纽地址“${shown}”里带有账号或密码：地址里只写网址，账号和密码请填在各自的栏里`, [{ field: 'hub', message: '地址里带有账号或密码' }], {
      reason: 'sync.addressCredentials',
      params: { hub: shown },
    });
  return url;
}

/** the hub's refusals a user can do something about, by the hub's reason */
function hubRefusal(base: URL, status: number, error: { code?: string | undefined; message?: string | undefined; reason?: string | undefined } | undefined): PlanDeskError {
  const said = error?.message ?? `HTTP ${status}`;
  const message = `城市枢纽拒绝了请求：${said}`;
  const hub = base.origin;
  switch (error?.reason) {
    case 'hub.loginWrong':
      return new PlanDeskError('FORBIDDEN', `${message}（请检查账号和密码）`, [{ field: 'password', message: '账号或密码不对' }], { reason: 'sync.wrongPassword' });
    case 'hub.accountLocked':
    case 'hub.loginThrottled':
      return new PlanDeskError('FORBIDDEN', message, [{ field: 'user', message: '账号暂时锁定' }], { reason: 'sync.lockedOut', params: { message: said } });
    case 'hub.accountDisabled':
      return new PlanDeskError('FORBIDDEN', message, [{ field: 'user', message: '账号已停用' }], { reason: 'sync.accountDisabled' });
    case 'hub.packageNotYourDistrict':
    case 'hub.packageOtherDistrict':
    case 'hub.packageNotToCity':
    case 'hub.roleForbidden':
      return new PlanDeskError('FORBIDDEN', `${message}（超出本账号的范围）`, [{ field: 'user', message: '超出账号范围' }], { reason: 'sync.outOfScope', params: { message: said } });
    case 'hub.unavailable':
    case 'hub.busy':
      return new PlanDeskError('UNAVAILABLE', `${message}（本地文件未改动）`, [{ field: 'hub', message: '城市枢纽暂时不可用' }], { reason: 'sync.hubUnavailable', params: { hub } });
    default:
      return new PlanDeskError(status === 403 ? 'FORBIDDEN' : status === 503 ? 'UNAVAILABLE' : 'INVALID_INPUT', message, [{ field: 'hub', message: said }], { reason: 'sync.hubRefused', params: { message: said } });
  }
}

export class HubSession {
  private cookie = '';
  private csrf = '';
  constructor(readonly base: URL) {}

  request(method: string, pathname: string, body?: Buffer, headers: Record<string, string> = {}): Promise<HubAnswer> {
    const url = new URL(pathname, this.base);
    const lib = url.protocol === 'https:' ? https : http;
    const all: Record<string, string> = {
      ...(this.cookie ? { cookie: `plandesk_hub_session=${this.cookie}` } : {}),
      ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      ...(body ? { 'content-length': String(body.length) } : {}),
      ...headers,
    };
    return new Promise((resolve, reject) => {
      // a hub that stops answering is given up after REQUEST_TIMEOUT_MS of silence (the socket's idle timeout)
      const req = lib.request(url, { method, headers: all, timeout: REQUEST_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', (err) => {
        const code = (err as NodeJS.ErrnoException).code ?? err.message;
        reject(new PlanDeskError('UNAVAILABLE', `连不上城市枢纽 ${this.base.origin}：${code}（本地文件未改动）`, [{ field: 'hub', message: `连不上：${code}` }], { reason: 'sync.hubUnreachable', params: { hub: this.base.origin, code } }));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.end(body);
    });
  }

  /** the answer's JSON, or the hub's refusal as a PlanDeskError */
  json(a: HubAnswer): Record<string, unknown> {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(a.body.toString('utf8'));
    } catch {
      /* not JSON: said below */
    }
    const obj: Record<string, unknown> = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
    if (a.status !== 200) {
      const e = hubError.safeParse(obj.error);
      throw hubRefusal(this.base, a.status, e.success ? e.data : undefined);
    }
    return obj;
  }

  async login(name: string, password: string): Promise<{ role: string; district: string | null }> {
    const a = await this.request('POST', '/api/session/login', Buffer.from(JSON.stringify({ name, password })), { 'content-type': 'application/json' });
    const body = this.json(a);
    const set = a.headers['set-cookie'];
    this.cookie = /plandesk_hub_session=([^;]*)/.exec((Array.isArray(set) ? set : [set ?? '']).join(';'))?.[1] ?? '';
    this.csrf = typeof body.csrfToken === 'string' ? body.csrfToken : '';
    const account = body.account;
    if (typeof account !== 'object' || account === null) throw hubRefusal(this.base, 500, { message: '登录的回答缺少账号' });
    const { role, district } = account as { role?: unknown; district?: unknown };
    return { role: String(role), district: typeof district === 'string' ? district : null };
  }
}
