/**
 * The signing API (db/keys/signing.ts): the user's SM2 key pair in the user's data folder, made on first
 * need, kept 0600, never replaced; signatures over bytes; verification that never throws; the readable
 * fingerprint code (domain/keys.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, readableFingerprint, signBytes, userKey, verifyBytes } from '../../db/keys/signing.ts';
import { KEY_FILE } from '../../db/keys/user-key.ts';
import { FINGERPRINT_ALPHABET, normaliseReadableFingerprint } from '../../domain/keys.ts';
import { PlanDeskError } from '../../db/errors.ts';
import { tempDir } from '../helpers/store.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the user key', () => {
  it('is made on the first call, kept in the folder with mode 0600, and the same on every later call', () => {
    const home = path.join(tempDir('plandesk-home-'), 'not-yet-there');
    const first = userKey(home);
    expect(first.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(first.fingerprint).toBe(fingerprintOf(first.publicKey));
    expect(Object.keys(first).sort()).toEqual(['fingerprint', 'publicKey']);
    const file = path.join(home, KEY_FILE);
    const stat = fs.statSync(file);
    if (process.platform !== 'win32') expect(stat.mode & 0o777).toBe(0o600);
    expect(userKey(home)).toEqual(first);
    expect(fs.readdirSync(home)).toEqual([KEY_FILE]); // no temporary file left
    const kept = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(kept.publicKey).toBe(first.publicKey);
    expect(kept.privateKey).toMatch(/^[0-9a-f]{64}$/);
    // the private key is in no answer
    const signed = signBytes(home, bytes('x'));
    expect(JSON.stringify([first, signed])).not.toContain(kept.privateKey);
    // two users, two keys
    expect(userKey(tempDir('plandesk-home-')).publicKey).not.toBe(first.publicKey);
  });

  it('signs bytes that verifyBytes accepts with its public key, and nothing else', () => {
    const home = tempDir('plandesk-home-');
    const msg = bytes('合并 江津区 报送 #3');
    const s = signBytes(home, msg);
    expect(s.publicKey).toBe(userKey(home).publicKey);
    expect(s.fingerprint).toBe(userKey(home).fingerprint);
    expect(verifyBytes(s.publicKey, msg, s.signature)).toBe(true);
    expect(verifyBytes(s.publicKey, bytes('合并 江津区 报送 #4'), s.signature)).toBe(false);
    const flipped = Uint8Array.from(msg);
    flipped[3] = (flipped[3] ?? 0) ^ 0x40;
    expect(verifyBytes(s.publicKey, flipped, s.signature)).toBe(false);
    expect(verifyBytes(userKey(tempDir('plandesk-home-')).publicKey, msg, s.signature)).toBe(false);
    // every byte of the signature matters
    for (let i = 0; i < s.signature.length; i += 2) {
      const b = Number.parseInt(s.signature.slice(i, i + 2), 16) ^ 0x01;
      const bad = s.signature.slice(0, i) + b.toString(16).padStart(2, '0') + s.signature.slice(i + 2);
      expect(verifyBytes(s.publicKey, msg, bad), `byte ${i / 2}`).toBe(false);
    }
    // large input
    const big = new Uint8Array(3 << 20).fill(7);
    expect(verifyBytes(s.publicKey, big, signBytes(home, big).signature)).toBe(true);
  });

  it('verifyBytes never throws on garbage: it answers false', () => {
    const home = tempDir('plandesk-home-');
    const msg = bytes('报送包');
    const { signature, publicKey } = signBytes(home, msg);
    const garbage: unknown[] = [undefined, null, 0, 1.5, {}, [], '', 'zz', '04', '30', 'x'.repeat(10_000), '0'.repeat(130), `04${'f'.repeat(128)}`, Symbol('s'), () => 1];
    for (const g of garbage) {
      // deliberately wrong types, as a hostile package could carry them
      const call = verifyBytes as (p: unknown, b: unknown, s: unknown) => boolean;
      expect(call(g, msg, signature)).toBe(false);
      expect(call(publicKey, g, signature)).toBe(false);
      expect(call(publicKey, msg, g)).toBe(false);
    }
    // a point not on the curve, the point at infinity, a compressed key
    expect(verifyBytes(`04${publicKey.slice(2, 66)}${'0'.repeat(64)}`, msg, signature)).toBe(false);
    expect(verifyBytes(`00${'0'.repeat(128)}`, msg, signature)).toBe(false);
    expect(verifyBytes(`02${publicKey.slice(2, 66)}`, msg, signature)).toBe(false);
    // non-canonical DER (a needless leading zero in r), truncated, trailing bytes, upper case, raw r‖s
    const len = Number.parseInt(signature.slice(6, 8), 16);
    const r = signature.slice(8, 8 + len * 2);
    const rest = signature.slice(8 + len * 2);
    const padded = `30${(Number.parseInt(signature.slice(2, 4), 16) + 1).toString(16).padStart(2, '0')}02${(len + 1).toString(16).padStart(2, '0')}00${r}${rest}`;
    expect(verifyBytes(publicKey, msg, padded)).toBe(false);
    expect(verifyBytes(publicKey, msg, signature.slice(0, -2))).toBe(false);
    expect(verifyBytes(publicKey, msg, `${signature}00`)).toBe(false);
    expect(verifyBytes(publicKey.toUpperCase(), msg, signature)).toBe(false);
    expect(verifyBytes(publicKey, msg, signature.toUpperCase())).toBe(false);
    // r = 0, s = n
    expect(verifyBytes(publicKey, msg, '3006020100020100')).toBe(false);
    expect(verifyBytes(publicKey, msg, `3026020101022100${'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123'.toLowerCase()}`)).toBe(false);
    // random hex of every plausible length
    for (let n = 0; n < 200; n += 1) {
      const junk = `30${Array.from({ length: n % 80 }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0')).join('')}`;
      expect(verifyBytes(publicKey, msg, junk)).toBe(false);
    }
  });

  it('a damaged key file is refused, named, and never replaced by a new key', () => {
    const cases: Array<[string, string | null]> = [
      ['not json', '{'],
      ['wrong format', JSON.stringify({ format: 'x', version: 1 })],
      ['public key of another pair', null],
      ['a folder', null],
    ];
    for (const [what, body] of cases) {
      const home = tempDir('plandesk-home-');
      const file = path.join(home, KEY_FILE);
      if (what === 'a folder') fs.mkdirSync(file);
      else if (body === null) {
        userKey(home);
        const kept = JSON.parse(fs.readFileSync(file, 'utf8'));
        kept.publicKey = userKey(tempDir('plandesk-home-')).publicKey;
        fs.writeFileSync(file, JSON.stringify(kept));
      } else fs.writeFileSync(file, body);
      const before = what === 'a folder' ? null : fs.readFileSync(file, 'utf8');
      let error: unknown = null;
      try {
        signBytes(home, bytes('x'));
      } catch (err) {
        error = err;
      }
      expect(error, what).toBeInstanceOf(PlanDeskError);
      expect(error instanceof PlanDeskError && error.code).toBe('DAMAGED_FILE');
      expect(error instanceof PlanDeskError && error.message).toContain(KEY_FILE);
      expect(error instanceof PlanDeskError && error.reason).toBe('keys.damaged');
      if (before !== null) expect(fs.readFileSync(file, 'utf8'), what).toBe(before);
      expect(() => userKey(home), what).toThrow(PlanDeskError);
    }
  });

  it('four processes making the first key at once all end up with the same key', async () => {
    const home = tempDir('plandesk-home-');
    const script = `import { userKey } from ${JSON.stringify(path.resolve('db/keys/signing.ts'))}; process.stdout.write(userKey(process.argv[1]).publicKey);`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, home], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
      });
    const keys = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBe(userKey(home).publicKey);
    expect(fs.readdirSync(home)).toEqual([KEY_FILE]);
  }, 60_000);
});

describe('the readable fingerprint', () => {
  it('is 5 groups of 4 unambiguous characters from the first 100 bits, the same for the same key', () => {
    const home = tempDir('plandesk-home-');
    const { fingerprint } = userKey(home);
    const code = readableFingerprint(fingerprint);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){4}$/);
    expect(code).toBe(readableFingerprint(userKey(home).fingerprint));
    expect(FINGERPRINT_ALPHABET).toHaveLength(32);
    expect(FINGERPRINT_ALPHABET).not.toMatch(/[01IO]/);
    // known values: all zero bits, all one bits, and one bit in the 100th place
    expect(readableFingerprint('0'.repeat(64))).toBe('2222-2222-2222-2222-2222');
    expect(readableFingerprint('f'.repeat(64))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(readableFingerprint(`${'0'.repeat(24)}1${'0'.repeat(39)}`)).toBe('2222-2222-2222-2222-2223');
    // bits after the 100th do not count; every bit before does
    expect(readableFingerprint(`${'0'.repeat(25)}${'f'.repeat(39)}`)).toBe('2222-2222-2222-2222-2222');
    expect(readableFingerprint(`8${'0'.repeat(63)}`)).toBe('J222-2222-2222-2222-2222');
    for (const bad of ['', 'abc', 'F'.repeat(64), 'g'.repeat(64), '0'.repeat(63)]) expect(() => readableFingerprint(bad)).toThrow(RangeError);
    expect(normaliseReadableFingerprint(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normaliseReadableFingerprint('0000-2222-2222-2222-2222')).toBeNull();
  });
});
