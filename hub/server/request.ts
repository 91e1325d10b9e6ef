/**
 * What the hub reads from a request before any route: who is asking from where (the client address,
 * the scheme and host the browser used: X-Forwarded-* only when the hub is told a proxy is in front,
 * `--trust-proxy`), the origin check of a state-changing request, the session cookie and the JSON
 * body (at most 64 KiB). Hand-written over node:http like the desktop's web host (web/): a handful of
 * routes, no framework needed; tests/hub/ prove each refusal.
 */
import type { IncomingMessage } from 'node:http';
import { HubError } from '../errors.ts';

export const SESSION_COOKIE = 'plandesk_hub_session';
export const CSRF_HEADER = 'x-csrf-token';
export const MAX_BODY_BYTES = 64 * 1024;

export interface Seen {
  address: string;
  /** the origin the browser addressed, e.g. https://hub.example.gov.cn */
  origin: string;
  secure: boolean;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** The last hop of X-Forwarded-For: the address our own proxy saw (earlier entries are the client's say-so). */
function forwardedFor(v: string | undefined): string | undefined {
  const hops = v?.split(',').map((s) => s.trim()).filter(Boolean);
  return hops?.[hops.length - 1];
}

export function seen(req: IncomingMessage, tls: boolean, trustProxy: boolean): Seen {
  let secure = tls;
  let host = first(req.headers.host);
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy) {
    const proto = first(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim().toLowerCase();
    if (proto === 'https') secure = true;
    else if (proto === 'http') secure = false;
    host = first(req.headers['x-forwarded-host'])?.split(',')[0]?.trim() || host;
    address = forwardedFor(first(req.headers['x-forwarded-for'])) ?? address;
  }
  if (!host || !/^[A-Za-z0-9.\-\[\]:]+$/.test(host)) throw new HubError('INVALID_INPUT', '请求缺少有效的 Host。', 'hub.badHost');
  return { address, origin: `${secure ? 'https' : 'http'}://${host.toLowerCase()}`, secure };
}

export const isStateChanging = (method: string | undefined): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method ?? 'GET');

/**
 * A state-changing request from a page of another origin is refused, whatever cookie it carries.
 * Browsers send Origin on every cross-origin request that can change state (and on same-origin
 * POSTs); Sec-Fetch-Site is the fallback for one that does not. A request with neither is no
 * browser's (the desktop's sync, curl): no cookie of a victim's browser rides on it, and it still
 * needs the session's CSRF token.
 */
export function checkOrigin(req: IncomingMessage, s: Seen): void {
  const origin = first(req.headers.origin);
  if (origin !== undefined) {
    if (origin.toLowerCase() !== s.origin)
      throw new HubError('FORBIDDEN', `拒绝来自其他网站（${origin.slice(0, 100)}）的请求。`, 'hub.crossOrigin', { origin: origin.slice(0, 100) });
    return;
  }
  const site = first(req.headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new HubError('FORBIDDEN', '拒绝来自其他网站的请求。', 'hub.crossOrigin', { origin: site });
}

export function cookieOf(req: IncomingMessage, name: string): string | undefined {
  const header = first(req.headers.cookie);
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookie(value: string, s: Seen, maxAgeSeconds: number): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(s.secure ? ['Secure'] : [])].join('; ');
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = first(req.headers['content-type']) ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk instanceof Buffer ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_BODY_BYTES) throw new HubError('PAYLOAD_TOO_LARGE', `请求太大：最多 ${MAX_BODY_BYTES / 1024} KB。`, 'hub.bodyTooLarge', { kb: MAX_BODY_BYTES / 1024 });
    chunks.push(b);
  }
  if (size === 0) return {};
  if (!/^application\/json\b/i.test(type)) throw new HubError('INVALID_INPUT', '请求体必须是 JSON（Content-Type: application/json）。', 'hub.notJson');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HubError('INVALID_INPUT', '请求体不是有效的 JSON。', 'hub.badJson');
  }
}

/** A raw body (a 报送包), at most `max` bytes: refused from its Content-Length before a byte is read when it says more. */
export async function readRaw(req: IncomingMessage, max: number): Promise<Buffer> {
  const tooLarge = () => new HubError('PAYLOAD_TOO_LARGE', `上传的内容太大：最多 ${Math.round(max / 1048576)} MB。`, 'hub.bodyTooLarge', { kb: Math.round(max / 1024) });
  const declared = Number(first(req.headers['content-length']) ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk instanceof Buffer ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > max) throw tooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks, size);
}
