/**
 * Password hashing: scrypt from node:crypto (memory-hard), a random 16-byte salt per password,
 * N = 2^15, r = 8, p = 1 (32 MiB and 0.1–0.3 s a hash on one core of this 2-core machine — OWASP's scrypt
 * minimum is N = 2^17 with r = 8, p = 1 at 128 MiB; 2^15 keeps a 2-core hub answering 40 districts'
 * logins at once; the parameters are stored with each hash, so raising them later rehashes nothing
 * and old hashes still verify). Compared in constant time (timingSafeEqual).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;
/** Shortest password accepted (characters, after the line end of the file is trimmed). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, { ...options, maxmem: 256 * options.N! * options.r! }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await derive(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A hash of a password nobody has: verified against when the account does not exist, so both take as long. */
let dummy: Promise<string> | undefined;
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(24).toString('base64')));

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length < 16) return false;
  const key = await derive(password, salt, expected.length, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** Why a new password is refused, or null: length counted in characters (code points). */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `密码太短：至少 ${MIN_PASSWORD_LENGTH} 个字符（现在 ${length} 个）。`;
  if (length > MAX_PASSWORD_LENGTH) return `密码太长：最多 ${MAX_PASSWORD_LENGTH} 个字符。`;
  if (/[\u0000-\u001f\u007f]/.test(password)) return '密码里不能有控制字符（换行、制表符等）。';
  return null;
}
