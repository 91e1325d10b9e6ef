/**
 * Who may talk to the web host. Pure functions, unit-tested: a request is answered only when it
 * carries the token made at start, is addressed to our own loopback host and port (defeats DNS
 * rebinding) and, when a browser says where it comes from, comes from our own origin.
 */
import { timingSafeEqual } from 'node:crypto';

export interface GuardConfig {
  port: number;
  token: string;
}

export interface RequestFacts {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  /** X-PlanDesk-Token header */
  headerToken: string | undefined;
  /** ?token= in the URL (only for the first page load) */
  queryToken: string | null;
  /** pd_token cookie (set on the first page load; accepted for static files only) */
  cookieToken: string | undefined;
  isApi: boolean;
}

export type Verdict = { allow: true } | { allow: false; status: number; reason: string };

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function sameToken(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function judgeRequest(cfg: GuardConfig, req: RequestFacts): Verdict {
  if (!req.host || !allowedHosts(cfg.port).includes(req.host.toLowerCase())) {
    return { allow: false, status: 421, reason: '主机名不被接受' };
  }
  if (req.origin !== undefined && !allowedHosts(cfg.port).some((h) => req.origin === `http://${h}`)) {
    return { allow: false, status: 403, reason: '来源不被接受' };
  }
  if (req.isApi) {
    if (req.method !== 'POST') return { allow: false, status: 405, reason: '只接受 POST' };
    if (!sameToken(req.headerToken, cfg.token)) return { allow: false, status: 401, reason: '缺少或错误的访问令牌' };
    return { allow: true };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return { allow: false, status: 405, reason: '只接受 GET' };
  if (sameToken(req.queryToken, cfg.token) || sameToken(req.cookieToken, cfg.token)) return { allow: true };
  return { allow: false, status: 401, reason: '缺少或错误的访问令牌' };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
