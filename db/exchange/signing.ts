/**
 * The one place the exchange signs and checks packages: everything else of db/exchange calls these.
 *
 * INTERIM until db/keys (issue 15 "Identity and keys", branch s6-keys15) is merged: the key pair is an
 * Ed25519 key of Node's crypto kept in the user's data folder, and trust is kept in the file's
 * preferences under `interim.exchangeTrust`. On merge this file calls db/keys's userKey / signBytes /
 * verifyBytes / trustedKeyFor (SM2 over SM3, trust table of migration 011) instead, with the same
 * signatures below, and `trustForTests` goes through keys.trust. Nothing outside this file changes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';

export interface TrustedKey {
  fingerprint: string;
  publicKey: string;
  role: 'city' | 'district';
  districtId: string | null;
  name: string;
  department: string | null;
  district: string | null;
}

export interface Signed {
  signature: string;
  publicKey: string;
  fingerprint: string;
}

const KEY_FILE = 'exchange-interim-key.json';

function keyPair(userDir: string): { privateKey: string; publicKey: string } {
  const file = path.join(userDir, KEY_FILE);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as { privateKey: string; publicKey: string };
  const pair = crypto.generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(pair), { mode: 0o600 });
  return pair;
}

const fingerprintOf = (publicKey: string) => crypto.createHash('sha256').update(publicKey).digest('hex');

function requireUserDir(ctx: StoreContext): string {
  if (!ctx.userDir) throw new PlanDeskError('FORBIDDEN', '没有用户数据文件夹，无法签名报送包（请设置 PLANDESK_HOME 或在桌面端操作）');
  return ctx.userDir;
}

export function userKey(ctx: StoreContext): { publicKey: string; fingerprint: string } {
  const { publicKey } = keyPair(requireUserDir(ctx));
  return { publicKey, fingerprint: fingerprintOf(publicKey) };
}

export function signBytes(ctx: StoreContext, bytes: Uint8Array): Signed {
  const { privateKey, publicKey } = keyPair(requireUserDir(ctx));
  const signature = crypto.sign(null, bytes, privateKey).toString('hex');
  return { signature, publicKey, fingerprint: fingerprintOf(publicKey) };
}

export function verifyBytes(publicKey: string, bytes: Uint8Array, signature: string): boolean {
  try {
    if (!/^[0-9a-f]{1,1024}$/.test(signature)) return false;
    return crypto.verify(null, bytes, publicKey, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}

function trustList(ctx: StoreContext): TrustedKey[] {
  const row = ctx.db.prepare<[], { value: string }>("SELECT value FROM preferences WHERE key = 'interim.exchangeTrust'").get();
  try {
    const list: unknown = row ? JSON.parse(row.value) : [];
    return Array.isArray(list) ? (list as TrustedKey[]) : [];
  } catch {
    return [];
  }
}

export function trustedKeyFor(ctx: StoreContext, fingerprint: string): TrustedKey | null {
  return trustList(ctx).find((k) => k.fingerprint === fingerprint) ?? null;
}

/** Tests and the CLI until keys.trust lands: trust `userDir`'s key in the role given. */
export function trustForTests(ctx: StoreContext, userDir: string, who: Omit<TrustedKey, 'fingerprint' | 'publicKey'>): void {
  const { publicKey } = keyPair(userDir);
  const list = trustList(ctx).filter((k) => k.publicKey !== publicKey);
  list.push({ ...who, publicKey, fingerprint: fingerprintOf(publicKey) });
  ctx.db.prepare("INSERT INTO preferences (key, value) VALUES ('interim.exchangeTrust', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(list));
}
