/**
 * sm-crypto (what the core signs with, package/sm2.ts) cross-checked against Node's OpenSSL 3, which has
 * the SM2 curve and SM3 (Electron's BoringSSL has neither, hence sm-crypto).
 *
 * What Node could check, and how:
 * - SM3 digests: crypto.createHash('sm3') against sm-crypto's sm3 on lengths around the 64-byte block
 *   boundary, the empty input and 1 MB.
 * - Public keys: crypto.createECDH('SM2') derives the same 04‖x‖y from the same private key.
 * - SM2 signatures both ways, with OpenSSL's own signer id: Node's crypto.sign/verify('sm3', …) on an SM2
 *   key (SEC1/SPKI DER with the SM2 curve OID 1.2.156.10197.1.301) computes the Z value with an EMPTY
 *   id — OpenSSL 3's default when none is set — and Node has no way to set the distinguishing id
 *   (no sm2_id / EVP_PKEY_CTX_set1_id in its API). With userId '' sm-crypto verifies Node's signatures and
 *   Node verifies sm-crypto's, which shows the two compute Z, e and (r, s) the same way.
 * - Our real signatures use GM/T 0009's default id 1234567812345678, which Node's verify cannot be told.
 *   They are checked with Node's primitives instead: Z and e recomputed with Node's SM3, the nonce k
 *   recovered from the known private key (k = s(1+d) + rd mod n), kG computed by Node's ECDH, and
 *   r = (e + x(kG)) mod n — the signing equation of GB/T 32918.2 §6.1, with BigInt for the modular sums.
 * - package/sm2.ts computes ZA and e itself (for speed, with Node's SM3 where there is one) and lets
 *   sm-crypto sign e: its signatures are checked against sm-crypto's own hash: true path both ways.
 * - What Node's API cannot, OpenSSL's command line can: `openssl pkeyutl -verify -rawin -digest sm3
 *   -pkeyopt distid:1234567812345678` verifies our signatures with the standard's id, and `openssl pkeyutl
 *   -sign` with that id makes signatures ours verify (.ci/run installs openssl).
 * What Node could not check: a signature with the default id by Node's own crypto.verify (see above); the
 * Electron path (sm-crypto's SM3 instead of OpenSSL's) is checked in tests/keys/electron-path.test.ts.
 */
import crypto from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/store.ts';
import smCrypto from 'sm-crypto';
import { generateKeyPair, publicKeyOf, signWith, sm3Hex, sm3HexPortable, verifyWith } from '../../package/sm2.ts';

// GB/T 32918.5 recommended curve parameters
const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
const A = P - 3n;
const B = BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
const GX = BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7');
const GY = BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0');
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

const hex32 = (v: bigint) => v.toString(16).padStart(64, '0');
const nodeSm3 = (bytes: Uint8Array) => crypto.createHash('sm3').update(bytes).digest();

function nodeKeys(privateKey: string, publicKey: string) {
  const spki = Buffer.concat([Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex'), Buffer.from(publicKey, 'hex')]);
  const sec1 = Buffer.concat([
    Buffer.from('30770201010420', 'hex'),
    Buffer.from(privateKey, 'hex'),
    Buffer.from('a00a06082a811ccf5501822da144034200', 'hex'),
    Buffer.from(publicKey, 'hex'),
  ]);
  return {
    pub: crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' }),
    priv: crypto.createPrivateKey({ key: sec1, format: 'der', type: 'sec1' }),
  };
}

/** DER SEQUENCE { INTEGER r, INTEGER s } → r, s (test-only reader; asserts canonical lengths). */
function derRS(sig: string): { r: bigint; s: bigint } {
  const b = Buffer.from(sig, 'hex');
  expect(b[0]).toBe(0x30);
  expect(b[1]).toBe(b.length - 2);
  const ints: bigint[] = [];
  let i = 2;
  while (i < b.length) {
    expect(b[i]).toBe(0x02);
    const len = b[i + 1] ?? 0;
    const body = b.subarray(i + 2, i + 2 + len);
    ints.push(BigInt(`0x${body.toString('hex')}`));
    i += 2 + len;
  }
  expect(ints).toHaveLength(2);
  return { r: ints[0] ?? 0n, s: ints[1] ?? 0n };
}

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
/** GM/T 0009's default signer id, written out (not package/sm2.ts's constant: the tests hold the code to the standard) */
const STANDARD_ID = '1234567812345678';

describe('SM3: sm-crypto and Node OpenSSL agree', () => {
  it('on the empty input, around the 64-byte block boundary, on Chinese text and on 1 MB', () => {
    const inputs: Uint8Array[] = [new Uint8Array(0), Buffer.from('abc'), Buffer.from('江津区 报送 #3'), crypto.randomBytes(1 << 20)];
    for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129]) inputs.push(crypto.randomBytes(n));
    for (const bytes of inputs) {
      expect(sm3HexPortable(bytes), `${bytes.length} bytes`).toBe(nodeSm3(bytes).toString('hex'));
      expect(sm3Hex(bytes), `${bytes.length} bytes`).toBe(nodeSm3(bytes).toString('hex'));
    }
    // GB/T 32905 example 1
    expect(sm3HexPortable(Buffer.from('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

describe('SM2 keys: the same public key from the same private key', () => {
  it('for fresh key pairs (ECDH on the SM2 curve)', () => {
    for (let i = 0; i < 8; i += 1) {
      const pair = generateKeyPair();
      expect(pair.privateKey).toMatch(/^[0-9a-f]{64}$/);
      const ecdh = crypto.createECDH('SM2');
      ecdh.setPrivateKey(Buffer.from(pair.privateKey, 'hex'));
      expect(ecdh.getPublicKey('hex', 'uncompressed')).toBe(pair.publicKey);
      expect(publicKeyOf(pair.privateKey)).toBe(pair.publicKey);
    }
    // and the other way: a key Node made
    const ecdh = crypto.createECDH('SM2');
    ecdh.generateKeys();
    expect(publicKeyOf(ecdh.getPrivateKey('hex').padStart(64, '0'))).toBe(ecdh.getPublicKey('hex', 'uncompressed'));
    expect(publicKeyOf('00'.repeat(32))).toBeNull();
    expect(publicKeyOf(hex32(N))).toBeNull();
    expect(publicKeyOf('xyz')).toBeNull();
  });
});

describe('SM2 signatures: sm-crypto and Node OpenSSL verify each other', () => {
  it("with OpenSSL's default (empty) signer id, both ways", () => {
    for (let i = 0; i < 4; i += 1) {
      const pair = generateKeyPair();
      const { pub, priv } = nodeKeys(pair.privateKey, pair.publicKey);
      const msg = crypto.randomBytes(1 + i * 700);
      const bySm = smCrypto.sm2.doSignature(Array.from(msg), pair.privateKey, { der: true, hash: true, publicKey: pair.publicKey, userId: '' });
      expect(crypto.verify('sm3', msg, pub, Buffer.from(bySm, 'hex'))).toBe(true);
      const byNode = crypto.sign('sm3', msg, priv).toString('hex');
      expect(smCrypto.sm2.doVerifySignature(Array.from(msg), byNode, pair.publicKey, { der: true, hash: true, userId: '' })).toBe(true);
      // with the standard's id the same signature is not valid: the id is part of what is signed
      expect(smCrypto.sm2.doVerifySignature(Array.from(msg), byNode, pair.publicKey, { der: true, hash: true, userId: STANDARD_ID })).toBe(false);
      msg[0] = (msg[0] ?? 0) ^ 1;
      expect(crypto.verify('sm3', msg, pub, Buffer.from(bySm, 'hex'))).toBe(false);
    }
  });

  it('our signatures (id 1234567812345678) satisfy the signing equation, recomputed with Node SM3 and Node EC', () => {
    for (let i = 0; i < 6; i += 1) {
      const pair = generateKeyPair();
      const msg = crypto.randomBytes(10 + i * 333);
      const sig = signWith(pair, msg);
      expect(verifyWith(pair.publicKey, msg, sig)).toBe(true);
      const { r, s } = derRS(sig);
      expect(r > 0n && r < N && s > 0n && s < N).toBe(true);
      // ZA = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), e = SM3(ZA ‖ M)
      const id = Buffer.from(STANDARD_ID, 'utf8');
      const za = nodeSm3(
        Buffer.concat([
          Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff]),
          id,
          Buffer.from(hex32(A) + hex32(B) + hex32(GX) + hex32(GY) + pair.publicKey.slice(2), 'hex'),
        ]),
      );
      const e = BigInt(`0x${nodeSm3(Buffer.concat([za, msg])).toString('hex')}`);
      const d = BigInt(`0x${pair.privateKey}`);
      const k = mod(s * (1n + d) + r * d, N);
      const ecdh = crypto.createECDH('SM2');
      ecdh.setPrivateKey(Buffer.from(hex32(k), 'hex'));
      const x1 = BigInt(`0x${ecdh.getPublicKey('hex', 'uncompressed').slice(2, 66)}`);
      expect(mod(e + x1, N)).toBe(r);
    }
  });

  it("our digest (ZA and e computed in package/sm2.ts) is sm-crypto's own: each verifies the other's signatures", () => {
    for (let i = 0; i < 4; i += 1) {
      const pair = generateKeyPair();
      const msg = crypto.randomBytes(1 + i * 500);
      const ours = signWith(pair, msg);
      expect(smCrypto.sm2.doVerifySignature(Array.from(msg), ours, pair.publicKey, { der: true, hash: true, userId: STANDARD_ID })).toBe(true);
      const theirs = smCrypto.sm2.doSignature(Array.from(msg), pair.privateKey, { der: true, hash: true, publicKey: pair.publicKey, userId: STANDARD_ID });
      expect(verifyWith(pair.publicKey, msg, theirs)).toBe(true);
      // and a signature with OpenSSL's empty id is not ours
      const { priv } = nodeKeys(pair.privateKey, pair.publicKey);
      expect(verifyWith(pair.publicKey, msg, crypto.sign('sm3', msg, priv).toString('hex'))).toBe(false);
    }
  });

  it("our signatures (id 1234567812345678) and OpenSSL's command line verify each other", () => {
    const dir = tempDir('plandesk-openssl-');
    for (let i = 0; i < 3; i += 1) {
      const pair = generateKeyPair();
      const { pub, priv } = nodeKeys(pair.privateKey, pair.publicKey);
      const pubPem = path.join(dir, `pub${i}.pem`);
      const privPem = path.join(dir, `priv${i}.pem`);
      fs.writeFileSync(pubPem, pub.export({ type: 'spki', format: 'pem' }));
      fs.writeFileSync(privPem, priv.export({ type: 'pkcs8', format: 'pem' }));
      const msg = crypto.randomBytes(1 + i * 4000);
      const msgFile = path.join(dir, `msg${i}.bin`);
      fs.writeFileSync(msgFile, msg);
      const verify = (sigFile: string, id: string | null) =>
        spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pubPem, '-rawin', '-in', msgFile, '-sigfile', sigFile, '-digest', 'sm3', ...(id === null ? [] : ['-pkeyopt', `distid:${id}`])], { encoding: 'utf8' });
      const ours = path.join(dir, `ours${i}.der`);
      fs.writeFileSync(ours, Buffer.from(signWith(pair, msg), 'hex'));
      const ok = verify(ours, STANDARD_ID);
      expect(ok.stdout + ok.stderr).toContain('Signature Verified Successfully');
      expect(ok.status).toBe(0);
      // the id is part of what is signed: without it OpenSSL refuses ours
      expect(verify(ours, null).status).not.toBe(0);
      const theirs = execFileSync('openssl', ['pkeyutl', '-sign', '-inkey', privPem, '-rawin', '-in', msgFile, '-digest', 'sm3', '-pkeyopt', `distid:${STANDARD_ID}`]);
      expect(verifyWith(pair.publicKey, msg, theirs.toString('hex'))).toBe(true);
      msg[0] = (msg[0] ?? 0) ^ 1;
      expect(verifyWith(pair.publicKey, msg, theirs.toString('hex'))).toBe(false);
    }
  });

  it('every signature has a fresh nonce (two signatures of the same bytes differ, both valid)', () => {
    const pair = generateKeyPair();
    const msg = Buffer.from('同一份报送包');
    const a = signWith(pair, msg);
    const b = signWith(pair, msg);
    expect(a).not.toBe(b);
    expect(derRS(a).r).not.toBe(derRS(b).r);
    expect(verifyWith(pair.publicKey, msg, a) && verifyWith(pair.publicKey, msg, b)).toBe(true);
  });
});
