/**
 * The hub's web pages (issue 16: "the same renderer, the same i18n"): the renderer's second Vite page,
 * build/renderer/hub.html, and its assets, built by `npm run build:renderer` with the workbench. Only
 * GET / (the page) and GET /assets/<one file name> are served: a file name is one path segment of
 * letters, digits, `.`, `_`, `-` (no `..`, no `/`, no `\`, no percent-escapes), looked up in the assets
 * folder and checked again after symlinks are resolved, so nothing outside build/renderer is ever read.
 * Hand-written (a few lines over node:fs) rather than a static-file library: two kinds of path, no
 * directory listing, no ranges. Every answer carries the page's Content-Security-Policy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Seen } from './request.ts';

export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json; charset=utf-8',
};

/** The checkout's build/renderer, from hub/server/static.ts or from its bundle (build/node/cli.cjs) alike. */
export function defaultPagesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'build', 'renderer');
}

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

/** The file a path names inside `root`, or null: '/' is hub.html, '/assets/<name>' an asset; nothing else. */
export function pageFile(root: string, pathname: string): string | null {
  if (pathname === '/' || pathname === '/hub.html') return path.join(root, 'hub.html');
  const m = /^\/assets\/([^/]+)$/.exec(pathname);
  if (!m || !SAFE_NAME.test(m[1]!) || m[1]!.includes('..')) return null;
  return path.join(root, 'assets', m[1]!);
}

/**
 * The file's real path when it is a regular file inside the (resolved) pages folder, else null. The real path
 * is what is read next, so a link swapped in after this check is not followed.
 */
async function inside(root: string, file: string): Promise<string | null> {
  try {
    const [r, f] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(file)]);
    return f.startsWith(r + path.sep) && (await fs.promises.lstat(f)).isFile() ? f : null;
  } catch {
    return null;
  }
}

function headers(s: Seen, type: string, cache: string, length: number): Record<string, string> {
  return {
    'content-type': type,
    'content-length': String(length),
    'cache-control': cache,
    'content-security-policy': PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    ...(s.secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

/**
 * Answers a GET/HEAD of the pages or their assets; false when the path is not one of them (the caller
 * answers it as an unknown call). A page that is not built is told so in Chinese.
 */
export async function servePage(req: IncomingMessage, res: ServerResponse, url: URL, s: Seen, root = defaultPagesDir()): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (url.pathname.startsWith('/api/')) return false;
  const file = pageFile(root, url.pathname);
  if (!file) return false;
  const real = await inside(root, file);
  if (real === null) {
    const isPage = file.endsWith('hub.html');
    const text = isPage ? '城市枢纽的网页还没有构建：请在程序目录运行 npm run build:renderer。' : '没有这个文件。';
    const body = Buffer.from(`<!doctype html><meta charset="utf-8"><title>PlanDesk</title><p>${text}</p>`);
    res.writeHead(404, headers(s, 'text/html; charset=utf-8', 'no-store', body.length));
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  const data = await fs.promises.readFile(real);
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  // assets carry a hash of their content in their name (Vite): kept; the page is asked for again each time
  const cache = file.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable';
  res.writeHead(200, headers(s, type, cache, data.length));
  res.end(req.method === 'HEAD' ? undefined : data);
  return true;
}
