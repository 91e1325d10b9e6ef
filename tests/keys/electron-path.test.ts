/**
 * The signing API as the Electron main process runs it: bundled to CommonJS with the Electron bundle's
 * esbuild options, and run by a Node whose crypto is made to look like Electron's BoringSSL — no 'sm3'
 * hash, no 'SM2' curve (a preload removes them) — so sm-crypto's own SM3 does the hashing. Its signatures
 * must verify here (Node's OpenSSL path) and the other way round.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { common, importMetaUrl } from '../../scripts/bundle-options.mjs';
import { signBytes, verifyBytes } from '../../db/keys/signing.ts';
import { tempDir } from '../helpers/store.ts';

/** Removes SM2/SM3 from node:crypto before the bundle loads, and fails loudly if anything still asks for them. */
const NO_SM = `
const crypto = require('node:crypto');
const getHashes = crypto.getHashes, createHash = crypto.createHash, getCurves = crypto.getCurves, createECDH = crypto.createECDH;
crypto.getHashes = () => getHashes().filter((h) => !/sm3/i.test(h));
crypto.getCurves = () => getCurves().filter((c) => !/sm2/i.test(c));
crypto.createHash = (name, ...rest) => { if (/sm3/i.test(String(name))) throw new Error('Digest method not supported'); return createHash(name, ...rest); };
crypto.createECDH = (name) => { if (/sm2/i.test(String(name))) throw new Error('Invalid EC curve name'); return createECDH(name); };
`;

describe('signing inside the Electron main bundle, without OpenSSL SM2/SM3', () => {
  it('signs and verifies with sm-crypto alone, interchangeably with the OpenSSL path', { timeout: 120_000 }, async () => {
    const outfile = path.resolve('build/test-bundles/sign-bundled.cjs');
    await build({ ...common, ...importMetaUrl, logLevel: 'silent', entryPoints: ['tests/keys/fixtures/sign-bundled.ts'], outfile });
    const preload = path.join(tempDir('plandesk-nosm-'), 'no-sm.cjs');
    fs.writeFileSync(preload, NO_SM);
    const msg = crypto.randomBytes(300_000);
    const here = signBytes(tempDir('plandesk-home-'), msg);
    const home = tempDir('plandesk-home-');
    const msgFile = path.join(path.dirname(preload), 'message.bin');
    fs.writeFileSync(msgFile, msg);
    const r = spawnSync(process.execPath, ['-r', preload, outfile, home, msgFile, here.publicKey, here.signature], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const there = JSON.parse(r.stdout);
    expect(there.verifiedOther).toBe(true);
    expect(verifyBytes(there.publicKey, msg, there.signature)).toBe(true);
    expect(there.fingerprint).toBe(crypto.createHash('sm3').update(Buffer.from(there.publicKey, 'hex')).digest('hex'));
    // the preload really took OpenSSL's SM3 away
    const check = spawnSync(process.execPath, ['-r', preload, '-e', "require('node:crypto').createHash('sm3')"], { encoding: 'utf8' });
    expect(check.status).not.toBe(0);
  });
});
