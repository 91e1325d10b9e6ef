/**
 * The user's own SM2 key pair, kept in the user's data folder (db/identity/folder.ts userDataDir:
 * PLANDESK_HOME, else the OS's per-user folder) beside identity.json, as `signing-key.json`:
 * `{ format, version, privateKey, publicKey, createdAt }`, readable by the user only (mode 0600).
 * The private key never leaves this file: nothing answers it, nothing exports it (keys.export writes
 * the public key only, db/keys/key-file.ts).
 *
 * Created on first need and never replaced: the pair is written under a temporary name, synced, then
 * given its name with link(), which fails when the name exists — so two processes creating a key at
 * once end up with the same one (the loser reads the winner's), and a kill at any moment leaves either
 * no key file or a whole one. A key file that is there but unreadable, damaged or whose public key does
 * not belong to its private key is refused (KEY_DAMAGED in the message), never overwritten: a new key
 * would silently make every district's trust in the old one worthless.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PlanDeskError } from '../errors.ts';
import { fsyncDir, fsyncFile, isDiskFull } from '../backups/durable.ts';
import { fingerprintOf, generateKeyPair, isPublicKeyHex, publicKeyOf, signWith, verifyWith, type Sm2KeyPair } from '../../package/sm2.ts';

export const KEY_FILE = 'signing-key.json';
const KEY_FORMAT = 'plandesk-sm2-signing-key';
const KEY_VERSION = 1;
/** A key file is a few hundred bytes. */
const MAX_KEY_FILE_BYTES = 16 * 1024;

const keyFileSchema = z.object({
  format: z.literal(KEY_FORMAT),
  version: z.literal(KEY_VERSION),
  privateKey: z.string().max(64),
  publicKey: z.string().max(130),
  createdAt: z.string().max(64),
});

interface KeptPair extends Sm2KeyPair {
  createdAt: string;
}

export interface UserKey {
  /** hex, uncompressed: 04 ‖ x ‖ y */
  publicKey: string;
  /** SM3 (hex) of the public key's 65 bytes */
  fingerprint: string;
}

export interface Signed extends UserKey {
  /** DER (hex) SM2 signature over the SM3 digest with the standard's Z value */
  signature: string;
}

/** The fingerprint of a public key: SM3 (hex) of its bytes (package/sm2.ts, the hub's too). */
export { fingerprintOf };

function damaged(file: string, what: string): PlanDeskError {
  return new PlanDeskError(
    'DAMAGED_FILE',
    `签名密钥文件“${file}”${what}，已停止使用（不会自动换成新密钥，否则别人对原密钥的信任将全部失效）。请从备份恢复该文件，或在确认后手动删除它以生成新密钥。`,
    [{ field: KEY_FILE, message: what }],
    { reason: 'keys.damaged', params: { file, what } },
  );
}

/** Reads the key pair kept in `dir`, or null when there is none; a file that is there but not a whole key is refused. */
function readPair(dir: string): KeptPair | null {
  const file = path.join(dir, KEY_FILE);
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw damaged(file, '不是普通文件');
    if (stat.size > MAX_KEY_FILE_BYTES) throw damaged(file, `过大（${stat.size} 字节）`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof PlanDeskError) throw err;
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') return null;
    throw damaged(file, `无法读取（${err instanceof Error ? err.message : String(err)}）`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(file, '不是有效的 JSON');
  }
  const parsed = keyFileSchema.safeParse(value);
  if (!parsed.success) throw damaged(file, '格式、版本或字段不对');
  const { privateKey, publicKey, createdAt } = parsed.data;
  if (!isPublicKeyHex(publicKey) || publicKeyOf(privateKey) !== publicKey) throw damaged(file, '私钥与公钥不匹配');
  return { privateKey, publicKey, createdAt };
}

/** Writes a new pair as `dir/signing-key.json` unless one is there already; answers the pair that is there afterwards. */
function createPair(dir: string, now: string): KeptPair {
  const file = path.join(dir, KEY_FILE);
  const temp = path.join(dir, `${KEY_FILE}.partial-${process.pid}-${Date.now()}`);
  const pair = generateKeyPair();
  const body = { format: KEY_FORMAT, version: KEY_VERSION, privateKey: pair.privateKey, publicKey: pair.publicKey, createdAt: now };
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(temp, `${JSON.stringify(body, null, 2)}\n`, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    fs.chmodSync(temp, 0o600); // the umask cannot widen it, but a filesystem may have ignored the mode at open
    fsyncFile(temp);
    try {
      fs.linkSync(temp, file);
    } catch (err) {
      if (!(typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST')) throw err;
      // another process made the key first: use that one
    }
    fsyncDir(dir);
  } catch (err) {
    throw new PlanDeskError(
      isDiskFull(err) ? 'DISK_FULL' : 'FORBIDDEN',
      `无法在用户数据文件夹“${dir}”中生成签名密钥：${err instanceof Error ? err.message : String(err)}。`,
      [],
      { reason: 'keys.cannotCreate', params: { dir } },
    );
  } finally {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      /* nothing was left */
    }
  }
  const kept = readPair(dir);
  if (!kept) throw damaged(file, '写入后读不到');
  return kept;
}

function pairOf(userDir: string): KeptPair {
  if (!userDir) {
    throw new PlanDeskError('FORBIDDEN', '此程序没有用户数据文件夹，无法使用签名密钥。', [], { reason: 'keys.noFolder' });
  }
  return readPair(userDir) ?? createPair(userDir, new Date().toISOString());
}

/** The user's public key and its fingerprint; makes the key pair on the first call. */
export function userKey(userDir: string): UserKey {
  const { publicKey } = pairOf(userDir);
  return { publicKey, fingerprint: fingerprintOf(publicKey) };
}

/** When the user's key pair was made (from its file), or null when there is none yet. Makes nothing. */
export function userKeyCreatedAt(userDir: string): string | null {
  return readPair(userDir)?.createdAt ?? null;
}

/** The fingerprint of the user's key if there is one (a damaged one counts as none here); makes nothing. */
export function ownFingerprint(userDir: string | null | undefined): string | null {
  if (!userDir) return null;
  try {
    const pair = readPair(userDir);
    return pair ? fingerprintOf(pair.publicKey) : null;
  } catch {
    return null;
  }
}

/** Signs `bytes` with the user's private key (made on first need). */
export function signBytes(userDir: string, bytes: Uint8Array): Signed {
  const pair = pairOf(userDir);
  return { signature: signWith(pair, bytes), publicKey: pair.publicKey, fingerprint: fingerprintOf(pair.publicKey) };
}

/** Whether `signature` is `publicKey`'s SM2 signature of `bytes`. Never throws: anything malformed is false. */
export function verifyBytes(publicKey: string, bytes: Uint8Array, signature: string): boolean {
  return verifyWith(publicKey, bytes, signature);
}
