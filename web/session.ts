/**
 * What the web host keeps between its runs, in the user's data folder (`web-host.json`, readable by
 * the user only, beside the identity): its access token and port. A restart of the host (`npm run web`
 * again) then listens on the same address with the same token, so an open tab goes on working and a
 * reload just works: the tab's token and cookie are still valid. `--new-token` makes a new token
 * (old tabs are then refused, with a page that says what to do, server.ts staleTokenPage).
 *
 * Keeping the token on disk weakens nothing a user has: the file is the user's own (0600), beside their
 * plan file, which holds the data itself; the token still keeps other web pages and other users out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsyncDir, fsyncFile } from '../db/backups/durable.ts';

export const HOST_SESSION_FILE = 'web-host.json';

export interface HostSession {
  token: string;
  port: number;
}

const TOKEN = /^[A-Za-z0-9_-]{24,128}$/;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The session kept in `dir`, or null (none, unreadable, or not one of ours: a new one is made). */
export function readHostSession(dir: string): HostSession | null {
  try {
    const file = path.join(dir, HOST_SESSION_FILE);
    if (fs.statSync(file).size > 4096) return null;
    const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof v !== 'object' || v === null || !('token' in v) || !('port' in v)) return null;
    const { token, port } = v;
    if (typeof token !== 'string' || !TOKEN.test(token) || typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) return null;
    return { token, port };
  } catch {
    return null;
  }
}

/** Writes the session (temp file 0600, fsync, rename). A folder that cannot be written only costs the reuse: reported, not fatal. */
export function writeHostSession(dir: string, session: HostSession): string | null {
  const file = path.join(dir, HOST_SESSION_FILE);
  const temp = `${file}.partial-${process.pid}`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temp, `${JSON.stringify(session)}\n`, { mode: 0o600 });
    fsyncFile(temp);
    fs.renameSync(temp, file);
    fsyncDir(dir);
    return null;
  } catch (err) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      /* the folder itself is not there or not a folder: nothing was left */
    }
    return `无法在“${dir}”中保存网页版的访问令牌（重启后已打开的页面需要重新打开地址）：${err instanceof Error ? err.message : String(err)}`;
  }
}
