/**
 * The local web host: serves the built renderer and the API contract over HTTP on 127.0.0.1 only.
 * POST /api/<operation> with a JSON body → the same ApiResult the IPC bridge returns.
 * GET /events: a server-sent event stream of every write's change set (contract/changes.ts), so the
 * other tabs open on this host apply what one tab changed (the tab that wrote gets it in its answer
 * too; the renderer publishes each change set once, by its id).
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApiResult } from '../contract/result.ts';
import { judgeRequest, parseCookies } from './guard.ts';
import { changedSomething, changesIn } from '../contract/change-set.ts';

/**
 * Request body limit: an import sends the file as base64 (up to 32 MB of .xlsx, db/import/guards.ts
 * MAX_IMPORT_BYTES, is about 43 MB of base64), so 48 MB; everything else is far smaller.
 */
export const MAX_BODY_BYTES = 48 * 1024 * 1024;
const MAX_JSON_DEPTH = 64;

export interface WebHostOptions {
  call: (name: string, input: unknown) => ApiResult<unknown> | Promise<ApiResult<unknown>>;
  rendererDir: string;
  port?: number;
  /** when `port` is taken (another program has it since the last run): listen on a free port instead */
  portFallback?: boolean;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

function jsonDepth(value: unknown, depth = 0): number {
  if (depth > MAX_JSON_DEPTH) return depth;
  if (value === null || typeof value !== 'object') return depth;
  let max = depth;
  for (const v of Object.values(value)) max = Math.max(max, jsonDepth(v, depth + 1));
  return max;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    ...extra,
  });
  res.end(body);
}

const ms = (ns: bigint) => (Number(ns) / 1e6).toFixed(2);

function refusal(code: string, message: string): string {
  return JSON.stringify({ ok: false, error: { code, message, issues: [] } });
}

/** The API's answer to a call with a token this host did not make: the renderer shows it with a reload button (api/client.ts). */
export const STALE_TOKEN_CODE = 'FORBIDDEN';
export const STALE_TOKEN_MESSAGE = '访问令牌已失效：规划工作台后台已重新启动或换了令牌。请重新加载页面；若仍打不开，请打开后台启动时显示的新地址。';

/**
 * What a page load without a valid token gets (a bookmark of the bare address, a reload after the host
 * was started with a new token): a page that says what to do, in Chinese and English, never raw JSON.
 * Static: it carries no token and runs no script.
 */
export function staleTokenPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>规划工作台：需要新的访问地址</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:40em;margin:4em auto;padding:0 1em;line-height:1.7;color:#222}
h1{font-size:1.4em}code{background:#f3f3f3;padding:0 .3em}.en{color:#555;border-top:1px solid #ddd;margin-top:2em;padding-top:1em}</style></head>
<body data-testid="stale-token-page">
<h1>这个页面的访问令牌已失效</h1>
<p>规划工作台后台已重新启动并换了访问令牌，或者打开的地址不完整。为了安全，后台只接受带有本次令牌的页面。</p>
<p><strong>请这样做：</strong>打开启动后台的终端窗口，复制“规划工作台已启动：”后面的完整地址（形如 <code>http://127.0.0.1:端口/?token=…</code>），粘贴到浏览器地址栏中打开。修改都已保存在规划文件中，不会丢失。</p>
<div class="en" lang="en"><h1>This page's access token is no longer valid</h1>
<p>The PlanDesk host was restarted with a new token, or the address is incomplete. Open the full address the host printed in its terminal
(<code>http://127.0.0.1:PORT/?token=…</code>). Your edits are saved in the plan file.</p></div>
</body></html>
`;
}

/** A tab's id as the page makes it (api/client.ts: a random UUID); anything else names no tab. */
function tabId(value: string | string[] | null | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(v) ? v : null;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;
  // The open event streams (a handful of tabs at most), each with the tab that opened it (`/events?tab=…`,
  // null when it names none). Written to directly: SSE is a line format simple enough that a library would
  // only add a dependency.
  const streams = new Map<http.ServerResponse, string | null>();
  /**
   * The change set goes to every other tab: the tab that wrote (the request's X-PlanDesk-Tab) has it in its
   * answer already, and its copy on the stream only cost the host a second write and the page two more tasks
   * (parsed and dropped) right when it applies the answer.
   */
  const push = (name: string, result: ApiResult<unknown>, fromTab: string | null) => {
    const changes = result.ok ? changesIn(name, result.value) : null;
    const to = [...streams].filter(([, tab]) => tab === null || tab !== fromTab).map(([s]) => s);
    if (!changes || !changedSomething(changes) || to.length === 0) return;
    // The undo/redo state after the write (db/dispatch.ts) goes first: the other tabs' toolbars then ask no history.status for it.
    const history = result.ok && result.value !== null && typeof result.value === 'object' && 'history' in result.value ? result.value.history : undefined;
    const before = history !== undefined && changes.planId !== null ? `event: history\ndata: ${JSON.stringify({ planId: changes.planId, changeSetId: changes.changeSetId, history })}\n\n` : '';
    const frame = `${before}event: changes\ndata: ${JSON.stringify(changes)}\n\n`;
    for (const s of to) s.write(frame);
  };

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const isApi = url.pathname.startsWith('/api/');
      const header = req.headers['x-plandesk-token'];
      const verdict = judgeRequest(
        { port, token },
        {
          method: req.method ?? 'GET',
          host: req.headers.host,
          origin: req.headers.origin,
          headerToken: Array.isArray(header) ? header[0] : header,
          queryToken: url.searchParams.get('token'),
          cookieToken: parseCookies(req.headers.cookie).pd_token,
          isApi,
        },
      );
      if (!verdict.allow) {
        if (verdict.status === 401 && isApi) send(res, 401, refusal(STALE_TOKEN_CODE, STALE_TOKEN_MESSAGE));
        else if (verdict.status === 401 && url.pathname !== '/events' && req.method === 'GET' && String(req.headers.accept ?? '').includes('text/html'))
          send(res, 401, staleTokenPage(), 'text/html; charset=utf-8');
        else send(res, verdict.status, refusal('FORBIDDEN', verdict.reason));
        return;
      }
      if (isApi) {
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          send(res, 415, refusal('INVALID_INPUT', '请求必须是 JSON'));
          return;
        }
        const body = await readBody(req);
        if (body === null) {
          send(res, 413, refusal('INVALID_INPUT', '请求过大'));
          return;
        }
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          send(res, 400, refusal('INVALID_INPUT', '请求不是有效的 JSON'));
          return;
        }
        if (jsonDepth(input) > MAX_JSON_DEPTH) {
          send(res, 400, refusal('INVALID_INPUT', '请求的 JSON 嵌套过深'));
          return;
        }
        const name = decodeURIComponent(url.pathname.slice('/api/'.length));
        const t0 = process.hrtime.bigint();
        const result = await options.call(name, input);
        const t1 = process.hrtime.bigint();
        const json = JSON.stringify(result);
        const t2 = process.hrtime.bigint();
        // The host's own time (the call: validation, handler, change set check; then the JSON), for the
        // page's resource timing: the browser bench reads it to tell the host's part from the page's.
        send(res, 200, json, undefined, { 'Server-Timing': `call;dur=${ms(t1 - t0)}, json;dur=${ms(t2 - t1)}` });
        push(name, result, tabId(req.headers['x-plandesk-tab']));
        return;
      }
      if (url.pathname === '/events') {
        // Authorised like a page load (the pd_token cookie): EventSource cannot send headers.
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
          Connection: 'keep-alive',
        });
        res.write(': PlanDesk change sets\n\n');
        streams.set(res, tabId(url.searchParams.get('tab')));
        req.on('close', () => streams.delete(res));
        return;
      }
      // Static files of the built renderer; anything else falls back to index.html.
      const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
      let file = path.resolve(rendererDir, rel);
      if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        file = path.join(rendererDir, 'index.html');
      }
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      const extra: Record<string, string> = {};
      if (url.searchParams.get('token')) extra['Set-Cookie'] = `pd_token=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
      send(res, 200, fs.readFileSync(file), type, extra);
    } catch (err) {
      send(res, 500, refusal('INTERNAL', `内部错误：${err instanceof Error ? err.message : String(err)}`));
    }
  });

  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(options.port ?? 0);
  } catch (err) {
    const inUse = typeof err === 'object' && err !== null && 'code' in err && err.code === 'EADDRINUSE';
    if (!options.portFallback || !inUse || !options.port) throw err;
    await listen(0);
  }
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams.keys()) s.end();
        streams.clear();
        server.close(() => resolve());
        // A tab's keep-alive or reconnecting event stream must not hold the host open (a restart would hang).
        server.closeAllConnections();
      }),
  };
}
