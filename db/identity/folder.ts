/**
 * The user's data folder and the identity file in it. The identity belongs to the user, not to a plan
 * file, so it lives beside the user's settings: `PLANDESK_HOME` when set (tests, portable installs),
 * otherwise the OS's per-user folder (db/paths.ts defaultDataDir: ~/.config/PlanDesk, %APPDATA%\PlanDesk,
 * ~/Library/Application Support/PlanDesk), which is also Electron's userData.
 *
 * Written atomically: a temporary name in the same folder, fsync, rename, fsync of the folder (Node has
 * no such helper; db/backups/durable.ts has the fsync steps). A kill at any moment leaves the old file or
 * the new one. A damaged or hostile file is never trusted: it is read as "no identity" and named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../paths.ts';
import { fsyncDir, fsyncFile } from '../backups/durable.ts';
import { PlanDeskError } from '../errors.ts';
import { identity as identitySchema } from '../../contract/ops/identity.ts';
import type { z } from 'zod';

export type Identity = z.output<typeof identitySchema>;

export const IDENTITY_FILE = 'identity.json';
/** An identity file is a few hundred bytes; anything much larger is not ours. */
const MAX_IDENTITY_BYTES = 64 * 1024;

/** The user's data folder of a host: PLANDESK_HOME, else `fallback` (Electron's userData), else the OS's per-user folder. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, fallback?: string): string {
  const home = env.PLANDESK_HOME?.trim();
  if (home) return path.resolve(home);
  return fallback ?? defaultDataDir(env);
}

/** The identity kept in `dir`, or null when none is set or the file is not a valid identity. */
export function readIdentity(dir: string): Identity | null {
  const file = path.join(dir, IDENTITY_FILE);
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_IDENTITY_BYTES) return null;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = identitySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the identity into `dir` (created when missing): temp file, fsync, rename, fsync of the folder. */
export function writeIdentity(dir: string, value: Identity): void {
  const file = path.join(dir, IDENTITY_FILE);
  const temp = path.join(dir, `${IDENTITY_FILE}.partial-${process.pid}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    fsyncFile(temp);
    fs.renameSync(temp, file);
    fsyncDir(dir);
  } catch (err) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      /* the folder itself is not there or not a folder: nothing was left */
    }
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    throw new PlanDeskError(
      code === 'ENOSPC' || code === 'EDQUOT' ? 'DISK_FULL' : 'FORBIDDEN',
      `无法把身份信息写入用户数据文件夹“${dir}”：${err instanceof Error ? err.message : String(err)}。原有的身份信息未被改动。`,
    );
  }
}
