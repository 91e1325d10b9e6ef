/**
 * Who the audit log, versions, comments and exports name for what the user does now: the identity of
 * the user's data folder (ctx.userDir), else the plan file's old `preferences.userName` (files written
 * before identities existed), else 未署名.
 *
 * The identity file is read again when it changed (its size and mtime), so `plandesk identity set` run
 * beside an open workbench takes effect at its next edit; unchanged, a write costs one stat.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StoreContext } from '../context.ts';
import { auditQueries } from '../audit/queries.ts';
import { IDENTITY_FILE, readIdentity, type Identity } from './folder.ts';

export const DEFAULT_USER = '未署名';

export interface Author {
  name: string;
  department: string | null;
  district: string | null;
  source: 'identity' | 'plan' | 'none';
}

const cache = new Map<string, { stamp: string; identity: Identity | null }>();

/** The identity kept in the host's user data folder, or null (none set, no folder, or not readable). */
export function userIdentity(ctx: StoreContext): Identity | null {
  const dir = ctx.userDir;
  if (!dir) return null;
  let stamp: string;
  try {
    const st = fs.statSync(path.join(dir, IDENTITY_FILE));
    stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    cache.delete(dir);
    return null;
  }
  const hit = cache.get(dir);
  if (hit && hit.stamp === stamp) return hit.identity;
  const identity = readIdentity(dir);
  cache.set(dir, { stamp, identity });
  return identity;
}

export function forgetIdentityCache(dir: string): void {
  cache.delete(dir);
}

export function currentAuthor(ctx: StoreContext): Author {
  const id = userIdentity(ctx);
  if (id) return { name: id.name, department: id.department || null, district: id.district, source: 'identity' };
  const old = auditQueries(ctx.db).userName.get()?.value?.trim();
  if (old) return { name: old, department: null, district: null, source: 'plan' };
  return { name: DEFAULT_USER, department: null, district: null, source: 'none' };
}

/** "王五（市人力社保局 · 江津区）": how exports and the report name a person. */
export function authorLabel(a: { name: string; department: string | null; district: string | null }): string {
  const where = [a.department, a.district].filter(Boolean).join(' · ');
  return where ? `${a.name}（${where}）` : a.name;
}
