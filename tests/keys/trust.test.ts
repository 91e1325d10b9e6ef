/**
 * keys.* through the dispatcher on real plan files: a district exports its key file, the city inspects
 * and trusts it for that district (audited, undoable), revokes it; a district trusts the city's key.
 * Key files are hostile input: every refusal names the field and writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type PlanStore } from '../../db/store.ts';
import { trustedKeyFor } from '../../db/keys/signing.ts';
import { readableFingerprint } from '../../domain/keys.ts';
import { dumpTables, ok, tempDir, tempFile } from '../helpers/store.ts';

const PLAN = 'p-yufu-2023-13';
const JIANGJIN = 'd-500116';
const stores: PlanStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
});
function store(userDir: string, file = tempFile()): PlanStore {
  const s = openStore(file, { create: 'seed', userDir, now: () => '2026-12-01T04:00:00.000Z' });
  stores.push(s);
  return s;
}
function refusal(s: PlanStore, name: string, input: unknown) {
  const r = s.call(name, input);
  if (r.ok) throw new Error(`${name} was not refused`);
  return r.error;
}

type KeyFileOut = { fileName: string; text: string; fingerprint: string; readable: string };

/** A district user (江津区) with a key file, and a city user with a plan file. */
function parties() {
  const districtHome = tempDir('plandesk-home-');
  const district = store(districtHome);
  ok(district, 'identity.set', { name: '王五', department: '市发展改革委', district: '江津区' });
  const districtKey = ok<KeyFileOut>(district, 'keys.export', {});
  const cityHome = tempDir('plandesk-home-');
  const city = store(cityHome);
  ok(city, 'identity.set', { name: '张三', department: '市发展改革委' });
  const cityKey = ok<KeyFileOut>(city, 'keys.export', {});
  return { district, districtKey, city, cityKey, districtHome, cityHome };
}

describe('keys.show and keys.export', () => {
  it('show the own key and write a key file with the identity; the private key is in neither', () => {
    const home = tempDir('plandesk-home-');
    const s = store(home);
    const shown = ok<{ publicKey: string; fingerprint: string; readable: string; folder: string; createdAt: string }>(s, 'keys.show', {});
    expect(shown.readable).toBe(readableFingerprint(shown.fingerprint));
    expect(shown.folder).toBe(home);
    // no identity yet: the key file would name nobody
    expect(refusal(s, 'keys.export', {})).toMatchObject({ code: 'FORBIDDEN', reason: 'keys.noIdentity' });
    ok(s, 'identity.set', { name: '王五', department: '市发展改革委', district: '江津区' });
    const out = ok<KeyFileOut>(s, 'keys.export', {});
    expect(out.fileName).toBe(`plandesk-公钥-王五-${shown.readable.slice(0, 4)}.pdkey`);
    const file = JSON.parse(out.text);
    expect(file).toEqual({
      format: 'plandesk-public-key',
      version: 1,
      algorithm: 'SM2-SM3',
      publicKey: shown.publicKey,
      fingerprint: shown.fingerprint,
      holder: { name: '王五', department: '市发展改革委', district: '江津区' },
      createdAt: '2026-12-01T04:00:00.000Z',
    });
    expect(out.text.length).toBeLessThan(1000);
  });

  it('are refused by a host without a user data folder', () => {
    const s = openStore(tempFile(), { create: 'seed', userDir: null });
    stores.push(s);
    expect(refusal(s, 'keys.show', {})).toMatchObject({ code: 'FORBIDDEN', reason: 'keys.noFolder' });
  });
});

describe('trusting a key', () => {
  it('the city trusts a district key for its district: inspected first, audited, undone and redone, revoked', () => {
    const { city, districtKey } = parties();
    const seen = ok<{ key: { holder: unknown; readable: string }; trusted: unknown; own: boolean }>(city, 'keys.inspect', { text: districtKey.text });
    expect(seen).toMatchObject({ key: { holder: { name: '王五', department: '市发展改革委', district: '江津区' }, readable: districtKey.readable }, trusted: null, own: false });
    expect(trustedKeyFor(city.ctx, districtKey.fingerprint)).toBeNull();

    const trusted = ok<{ key: Record<string, unknown>; alreadyTrusted: boolean; changes: { keys?: { added: string[] } } }>(city, 'keys.trust', {
      planId: PLAN,
      text: districtKey.text,
      role: 'district',
      district: '江津区',
      confirmReadable: districtKey.readable.toLowerCase().replace(/-/g, ' '),
    });
    expect(trusted.alreadyTrusted).toBe(false);
    expect(trusted.changes.keys?.added).toEqual([districtKey.fingerprint]);
    expect(trusted.key).toMatchObject({ role: 'district', districtId: JIANGJIN, districtName: '江津区', name: '王五', trustedBy: '张三（市发展改革委）', revokedAt: null });
    expect(trustedKeyFor(city.ctx, districtKey.fingerprint)).toEqual({
      fingerprint: districtKey.fingerprint,
      publicKey: JSON.parse(districtKey.text).publicKey,
      role: 'district',
      districtId: JIANGJIN,
      name: '王五',
      department: '市发展改革委',
      district: '江津区',
      trustedAt: '2026-12-01T04:00:00.000Z',
      trustedBy: '张三（市发展改革委）',
    });
    const set = city.db.prepare("SELECT label, user_name, plan_id FROM change_sets ORDER BY id DESC LIMIT 1").get();
    expect(set).toEqual({ label: '信任江津区的密钥（王五）', user_name: '张三', plan_id: PLAN });
    // trusting it again in the same role changes nothing
    expect(ok<{ alreadyTrusted: boolean }>(city, 'keys.trust', { planId: PLAN, text: districtKey.text, role: 'district', district: JIANGJIN }).alreadyTrusted).toBe(true);
    // in another role: refused
    expect(refusal(city, 'keys.trust', { planId: PLAN, text: districtKey.text, role: 'district', district: '铜梁区' })).toMatchObject({ code: 'INVALID_INPUT', reason: 'keys.districtMismatch' });

    ok(city, 'history.undo', { planId: PLAN });
    expect(trustedKeyFor(city.ctx, districtKey.fingerprint)).toBeNull();
    expect(ok<{ keys: unknown[] }>(city, 'keys.list', {}).keys).toEqual([]);
    ok(city, 'history.redo', { planId: PLAN });
    expect(trustedKeyFor(city.ctx, districtKey.fingerprint)?.districtId).toBe(JIANGJIN);

    const revoked = ok<{ key: { revokedAt: string; revokedBy: string } }>(city, 'keys.revoke', { planId: PLAN, fingerprint: districtKey.fingerprint });
    expect(revoked.key).toMatchObject({ revokedAt: '2026-12-01T04:00:00.000Z', revokedBy: '张三（市发展改革委）' });
    expect(trustedKeyFor(city.ctx, districtKey.fingerprint)).toBeNull();
    expect(ok<{ keys: unknown[] }>(city, 'keys.list', {}).keys).toEqual([]);
    expect(ok<{ keys: unknown[] }>(city, 'keys.list', { includeRevoked: true }).keys).toHaveLength(1);
    ok(city, 'history.undo', { planId: PLAN });
    expect(trustedKeyFor(city.ctx, districtKey.fingerprint)).not.toBeNull();
    ok(city, 'history.redo', { planId: PLAN });
    expect(trustedKeyFor(city.ctx, districtKey.fingerprint)).toBeNull();

    // a revoked key trusted again (after a new phone call): undo revokes it again
    ok(city, 'keys.trust', { planId: PLAN, text: districtKey.text, role: 'district', district: '江津区' });
    expect(trustedKeyFor(city.ctx, districtKey.fingerprint)).not.toBeNull();
    ok(city, 'history.undo', { planId: PLAN });
    expect(trustedKeyFor(city.ctx, districtKey.fingerprint)).toBeNull();
    expect(ok<{ keys: { revokedAt: string | null }[] }>(city, 'keys.list', { includeRevoked: true }).keys[0]?.revokedAt).toBe('2026-12-01T04:00:00.000Z');
  });

  it('a district trusts the city key; the roles are checked against the holder', () => {
    const { district, city, cityKey, districtKey } = parties();
    const r = ok<{ key: { role: string; districtId: string | null } }>(district, 'keys.trust', { text: cityKey.text, role: 'city' });
    expect(r.key).toMatchObject({ role: 'city', districtId: null });
    expect(trustedKeyFor(district.ctx, cityKey.fingerprint)?.role).toBe('city');
    // without a plan the step is audited but on no plan's undo stack
    expect(district.db.prepare('SELECT plan_id, label FROM change_sets ORDER BY id DESC LIMIT 1').get()).toEqual({ plan_id: null, label: '信任市级密钥（张三）' });
    // a district user's key is not the city's; a city key names no district; a district key needs its district
    expect(refusal(city, 'keys.trust', { text: districtKey.text, role: 'city' })).toMatchObject({ reason: 'keys.cityKeyOfDistrict' });
    expect(refusal(district, 'keys.trust', { text: cityKey.text, role: 'city', district: '江津区' })).toMatchObject({ reason: 'keys.cityWithDistrict' });
    expect(refusal(city, 'keys.trust', { text: districtKey.text, role: 'district' })).toMatchObject({ reason: 'keys.districtMissing' });
    expect(refusal(city, 'keys.trust', { text: districtKey.text, role: 'district', district: '火星区' })).toMatchObject({ reason: 'keys.unknownDistrict', params: { district: '火星区' } });
    // one's own key
    expect(refusal(city, 'keys.trust', { text: cityKey.text, role: 'city' })).toMatchObject({ reason: 'keys.own' });
    expect(ok<{ own: boolean }>(city, 'keys.inspect', { text: cityKey.text }).own).toBe(true);
    // a code read out that is not the file's
    const wrong = refusal(city, 'keys.trust', { text: districtKey.text, role: 'district', district: '江津区', confirmReadable: '2222-2222-2222-2222-2222' });
    expect(wrong).toMatchObject({ reason: 'keys.notConfirmed' });
    expect(wrong.message).toContain(districtKey.readable);
  });
});

describe('a hostile key file', () => {
  it('is refused naming the field, and nothing is written', () => {
    const { city, districtKey } = parties();
    const good = JSON.parse(districtKey.text);
    const variants: Array<[string, string, string]> = [
      ['not JSON', '{"format":', 'file'],
      ['too large', JSON.stringify({ ...good, pad: 'x'.repeat(20_000) }), 'file'],
      ['an extra field', JSON.stringify({ ...good, privateKey: '00' }), 'file'],
      ['another format', JSON.stringify({ ...good, format: 'pgp' }), 'format'],
      ['a newer version', JSON.stringify({ ...good, version: 2 }), 'version'],
      ['no public key', JSON.stringify({ ...good, publicKey: undefined }), 'publicKey'],
      ['a compressed public key', JSON.stringify({ ...good, publicKey: `02${good.publicKey.slice(2, 66)}` }), 'publicKey'],
      ['a point off the curve', JSON.stringify({ ...good, publicKey: `04${good.publicKey.slice(2, 66)}${'1'.repeat(64)}` }), 'publicKey'],
      ['a fingerprint of another key', JSON.stringify({ ...good, fingerprint: 'a'.repeat(64) }), 'fingerprint'],
      ['a public key swapped (fingerprint kept)', JSON.stringify({ ...good, publicKey: swapKey(good.publicKey) }), 'fingerprint'],
      ['no holder name', JSON.stringify({ ...good, holder: { ...good.holder, name: ' ' } }), 'holder.name'],
      ['a NUL in the department', JSON.stringify({ ...good, holder: { ...good.holder, department: 'a\u0000b' } }), 'holder.department'],
      ['an array', '[]', 'file'],
    ];
    const before = dumpTables(city);
    for (const [what, text, field] of variants) {
      const e = refusal(city, 'keys.trust', { planId: PLAN, text, role: 'district', district: '江津区' });
      expect(e.code, what).toBe('INVALID_INPUT');
      expect(e.message, what).toMatch(/^密钥文件不能使用：/);
      expect(e.issues[0]?.field, what).toBe(field);
      expect(refusal(city, 'keys.inspect', { text }).issues[0]?.field, what).toBe(field);
    }
    expect(dumpTables(city)).toEqual(before);
    // the same file with a BOM and CRLF line ends is fine
    expect(ok<{ key: { fingerprint: string } }>(city, 'keys.inspect', { text: `\uFEFF${districtKey.text.replace(/\n/g, '\r\n')}` }).key.fingerprint).toBe(districtKey.fingerprint);
  });
});

/** Another valid point: the same x with the other y (p - y). */
function swapKey(publicKey: string): string {
  const p = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
  const y = BigInt(`0x${publicKey.slice(66)}`);
  return `04${publicKey.slice(2, 66)}${(p - y).toString(16).padStart(64, '0')}`;
}
