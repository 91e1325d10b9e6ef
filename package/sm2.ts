/**
 * SM2 signatures over an SM3 digest (GB/T 32918.2, GM/T 0009), through sm-crypto — a kept pure-JS
 * implementation, because the core also runs inside Electron, whose BoringSSL has neither SM2 nor SM3
 * (Node's OpenSSL has both; tests/keys/sm2-openssl.test.ts cross-checks the two, see there for what
 * Node could and could not check).
 *
 * What is ours here, and why:
 * - Randomness. sm-crypto draws private keys and signing nonces from its own ARC4 generator, seeded
 *   once per process with 32 bytes of crypto.getRandomValues and the clock (src/sm2/rng.js). ARC4's
 *   output is measurably biased, and a biased nonce is how (EC)DSA-style keys get recovered from many
 *   signatures. So both come from node:crypto's randomBytes instead, through sm-crypto's own public
 *   entry points: generateKeyPairHex(hex, 16) reduces our 320 random bits into [1, n-1] and derives
 *   the point; doSignature takes the nonce as its `pointPool` ({k, x1} of the point kG).
 * - The encoding. A signature is DER (SEQUENCE { r INTEGER, s INTEGER }, GM/T 0009 §7), in hex; sm-crypto
 *   decodes DER strictly on verify (no leading zeros, exact lengths), so one signature has one encoding.
 * - The user id (the "Z value", ZA = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA)) is the standard's default
 *   1234567812345678 (GM/T 0009 §10), which GmSSL, BouncyCastle and sm-crypto default to, so other SM2
 *   tools verify ours (OpenSSL 3 needs it named: `-sigopt distid:1234567812345678`).
 * - The digest e = SM3(ZA ‖ M). sm-crypto's SM3 runs at about 6 MB/s (it hashes arrays of numbers, and
 *   doSignature converts the message to hex and back), a 4 MB package took 2 s to sign and 3 s to verify.
 *   So ZA and e are computed here — with Node's OpenSSL SM3 where it has one (60× faster), with
 *   sm-crypto's where it has not (Electron) — and sm-crypto signs and verifies e itself (hash: false).
 *   tests/keys/sm2-openssl.test.ts holds this to sm-crypto's own hash: true path and to OpenSSL.
 */
import { createHash, getHashes, randomBytes } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { BigInteger } from 'jsbn';

const { sm2, sm3 } = smCrypto;

/** GM/T 0009's default signer id (ENTL = 128 bits). */
export const SM2_USER_ID = '1234567812345678';

/** An uncompressed SM2 public key in hex: 04 ‖ x ‖ y, 65 bytes. */
const PUBLIC_KEY = /^04[0-9a-f]{128}$/;
const PRIVATE_KEY = /^[0-9a-f]{64}$/;
/** A DER SM2 signature is at most 72 bytes (two 33-byte INTEGERs + headers). */
const MAX_SIGNATURE_HEX = 2 * 80;

export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

export function isPublicKeyHex(value: unknown): value is string {
  return typeof value === 'string' && PUBLIC_KEY.test(value);
}

/** 40 bytes (320 bits) from the OS, so reducing them modulo n (256 bits) leaves no usable bias. */
function randomHex(): string {
  return randomBytes(40).toString('hex');
}

export function generateKeyPair(): Sm2KeyPair {
  const pair = sm2.generateKeyPairHex(randomHex(), 16);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/** The public key of a private key (hex), or null when it is not one. */
export function publicKeyOf(privateKey: string): string | null {
  if (!PRIVATE_KEY.test(privateKey)) return null;
  const d = new BigInteger(privateKey, 16);
  if (d.signum() <= 0) return null;
  // generateKeyPairHex(hex, 16) computes (d mod (n-1)) + 1: given d - 1 it returns d's own point for 1 ≤ d < n-1
  const pair = sm2.generateKeyPairHex(d.subtract(BigInteger.ONE).toString(16), 16);
  return pair.privateKey === privateKey ? pair.publicKey : null;
}

/** SM3 (hex) by sm-crypto: runs everywhere, Electron included. */
export function sm3HexPortable(bytes: Uint8Array): string {
  return sm3(Array.from(bytes));
}

/** SM3 (hex) by Node's OpenSSL; only where it has SM3 (not in Electron's BoringSSL). */
export function sm3HexOpenSsl(bytes: Uint8Array): string {
  return createHash('sm3').update(bytes).digest('hex');
}

const HAS_NODE_SM3 = getHashes().includes('sm3');

/** SM3 of the bytes, hex: OpenSSL's where this runtime has it, else sm-crypto's (the same digest, tested). */
export function sm3Hex(bytes: Uint8Array): string {
  return HAS_NODE_SM3 ? sm3HexOpenSsl(bytes) : sm3HexPortable(bytes);
}

/** The curve's a, b, xG, yG (GB/T 32918.5), as they enter ZA. */
const CURVE_HEX =
  'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC' +
  '28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93' +
  '32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7' +
  'BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0';

/** e = SM3(ZA ‖ M), ZA = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2 §5.5, §6.1), as bytes. */
export function signedDigest(publicKey: string, bytes: Uint8Array): number[] {
  const id = Buffer.from(SM2_USER_ID, 'utf8');
  const entl = id.length * 8;
  const za = Buffer.from(
    sm3Hex(Buffer.concat([Buffer.from([entl >> 8, entl & 0xff]), id, Buffer.from(CURVE_HEX + publicKey.slice(2), 'hex')])),
    'hex',
  );
  return Array.from(Buffer.from(sm3Hex(Buffer.concat([za, bytes])), 'hex'));
}

/** A fresh nonce k with x1 of kG, in the shape doSignature's pointPool takes. */
function freshNonce(): { k: BigInteger; x1: BigInteger } {
  const pair = sm2.generateKeyPairHex(randomHex(), 16);
  return { k: new BigInteger(pair.privateKey, 16), x1: new BigInteger(pair.publicKey.slice(2, 66), 16) };
}

/** The DER signature (hex) of `bytes` by the key pair: e = SM3(ZA ‖ bytes), with the default user id. */
export function signWith(pair: Sm2KeyPair, bytes: Uint8Array): string {
  const nonce = freshNonce();
  return sm2.doSignature(signedDigest(pair.publicKey, bytes), pair.privateKey, {
    der: true,
    hash: false,
    pointPool: [{ privateKey: '', publicKey: '', k: nonce.k, x1: nonce.x1 }],
  });
}

/** Whether `signature` (DER hex) is the SM2 signature of `bytes` by `publicKey`. Garbage of any kind is false. */
export function verifyWith(publicKey: unknown, bytes: unknown, signature: unknown): boolean {
  try {
    if (!isPublicKeyHex(publicKey)) return false;
    if (!(bytes instanceof Uint8Array)) return false;
    if (typeof signature !== 'string' || signature.length > MAX_SIGNATURE_HEX || signature.length % 2 !== 0) return false;
    if (!/^30[0-9a-f]+$/.test(signature)) return false;
    return sm2.doVerifySignature(signedDigest(publicKey, bytes), signature, publicKey, { der: true, hash: false }) === true;
  } catch {
    return false;
  }
}

/** A key's fingerprint: SM3 of its public key's bytes, hex (what packages and trusted keys name it by). */
export function fingerprintOf(publicKey: string): string {
  return sm3Hex(Uint8Array.from(Buffer.from(publicKey, 'hex')));
}

/** Whether an uncompressed public key (hex) is a point of the SM2 curve (not the point at infinity). */
export function isOnCurve(publicKey: string): boolean {
  try {
    return isPublicKeyHex(publicKey) && sm2.verifyPublicKey(publicKey);
  } catch {
    return false;
  }
}
