/**
 * packagefiles.export / packagefiles.preview (db/packagefiles/files.ts): the bytes the browser downloads
 * and uploads are the exchange's real package; temp files are always removed; the upload is capped.
 */
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { citySide, districtSide, DISTRICTS, PLAN, reopenSide, setActual, trustBoth, actual } from '../exchange/helpers.ts';
import { ok } from '../helpers/store.ts';
import { MAX_PACKAGE_UPLOAD_BYTES } from '../../contract/ops/packagefiles.ts';

const [JIANGJIN, JIANGJIN_ID] = DISTRICTS[0]!;
const tempsNow = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('plandesk-pkgfile-')).sort();

interface FileOut { fileName: string; mimeType: string; dataBase64: string; seq: number; full: boolean; changeCount: number; versionName: string; recipient: string; packageId: string }

describe('报送包 as bytes', () => {
  it('city → district → city through bytes only, temp files removed', () => {
    const before = tempsNow();
    const city = citySide();
    const district = districtSide(JIANGJIN);
    trustBoth(city, district, JIANGJIN, JIANGJIN_ID);

    const down = ok<FileOut>(city.store, 'packagefiles.export', { planId: PLAN, to: JIANGJIN });
    expect(down).toMatchObject({ full: true, seq: 1, recipient: JIANGJIN, mimeType: 'application/x-plandesk-package' });
    expect(down.fileName).toMatch(/^报送包-.+-江津区-#1\.pdpkg$/);
    expect(Buffer.from(down.dataBase64, 'base64').subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');

    const p = ok<{ status: string; packageId: string; full: boolean; senderLabel: string; senderCode: string }>(district.store, 'packagefiles.preview', { fileName: down.fileName, dataBase64: down.dataBase64 });
    const labels = (p as unknown as { labels: Record<string, { name: string; year?: number; kind?: string }> }).labels;
    // a target the full package creates is named by its indicator (also new) and district
    expect(Object.values(labels)).toContainEqual({ name: '规模以上工业企业营业收入 · 江津区', year: 2027, kind: 'target' });
    expect(p.senderCode).toBe(ok<{ readable: string }>(city.store, 'keys.show', {}).readable);
    expect(p).toMatchObject({ status: 'ready', full: true });
    ok(district.store, 'packages.apply', { packageId: p.packageId });

    setActual(district, JIANGJIN_ID, 2024, '1234');
    const up = ok<FileOut>(district.store, 'packagefiles.export', { planId: PLAN, to: 'city' });
    expect(up).toMatchObject({ full: false, seq: 1, recipient: '市' });
    expect(up.changeCount).toBeGreaterThan(0);
    const back = ok<{ status: string; packageId: string }>(city.store, 'packagefiles.preview', { fileName: up.fileName, dataBase64: up.dataBase64 });
    expect(back.status).toBe('ready');
    ok(city.store, 'packages.apply', { packageId: back.packageId });
    expect(actual(city, JIANGJIN_ID, 2024)).toBe('1234');
    // the merged state goes back: what it would carry, then the package itself
    const next = ok<{ full: boolean; seq: number; changeCount: number }>(city.store, 'packagefiles.plan', { planId: PLAN, to: JIANGJIN });
    expect(next).toMatchObject({ full: false, seq: 2 });
    expect(ok<FileOut>(city.store, 'packagefiles.export', { planId: PLAN, to: JIANGJIN })).toMatchObject({ seq: 2, changeCount: next.changeCount });
    expect(tempsNow()).toEqual(before);
  });

  it('refuses a flipped byte, an empty or oversized upload, and still removes its temp file', () => {
    const before = tempsNow();
    const city = citySide();
    const district = districtSide(JIANGJIN);
    trustBoth(city, district, JIANGJIN, JIANGJIN_ID);
    const down = ok<FileOut>(city.store, 'packagefiles.export', { planId: PLAN, to: JIANGJIN });
    const bytes = Buffer.from(down.dataBase64, 'base64');
    // flip a byte of the package's content (past the SQLite header)
    const i = bytes.length - 200;
    bytes[i] = bytes[i]! ^ 0xff;
    const flipped = district.store.call('packagefiles.preview', { fileName: 'x.pdpkg', dataBase64: bytes.toString('base64') });
    expect(flipped.ok).toBe(false);
    const big = district.store.call('packagefiles.preview', { fileName: 'big.pdpkg', dataBase64: Buffer.alloc(MAX_PACKAGE_UPLOAD_BYTES + 3).toString('base64') });
    expect(big.ok).toBe(false);
    const empty = district.store.call('packagefiles.preview', { fileName: 'e.pdpkg', dataBase64: '' });
    expect(empty.ok).toBe(false);
    const junk = district.store.call('packagefiles.preview', { fileName: 'j.pdpkg', dataBase64: Buffer.from('not a package').toString('base64') });
    expect(junk.ok).toBe(false);
    if (!junk.ok) expect(junk.error.message).toMatch(/[\u4e00-\u9fff]/);
    // nothing was created in the district's file
    expect(district.store.db.prepare('SELECT count(*) AS n FROM plans WHERE id = ?').get(PLAN)).toEqual({ n: 0 });
    expect(tempsNow()).toEqual(before);
  });
});

describe('packagefiles.plan: what the export would carry', () => {
  it('a trial on a fresh connection breaks nothing of the connection (the TEMP table of versions is made outside the savepoint)', () => {
    const city = citySide();
    const district = districtSide(JIANGJIN);
    trustBoth(city, district, JIANGJIN, JIANGJIN_ID);
    const down = ok<FileOut>(city.store, 'packagefiles.export', { planId: PLAN, to: JIANGJIN });
    ok(district.store, 'packages.apply', { packageId: ok<{ packageId: string }>(district.store, 'packagefiles.preview', { fileName: 'a.pdpkg', dataBase64: down.dataBase64 }).packageId });
    setActual(district, JIANGJIN_ID, 2024, '1500');
    const up = ok<FileOut>(district.store, 'packagefiles.export', { planId: PLAN, to: 'city' });
    ok(city.store, 'packages.apply', { packageId: ok<{ packageId: string }>(city.store, 'packagefiles.preview', { fileName: 'b.pdpkg', dataBase64: up.dataBase64 }).packageId });
    const fresh = reopenSide(city);
    const trial = ok<{ seq: number; changeCount: number }>(fresh.store, 'packagefiles.plan', { planId: PLAN, to: JIANGJIN });
    // the next real export (against a base, so the versions' rebuild runs) still works on the same connection
    expect(ok<FileOut>(fresh.store, 'packagefiles.export', { planId: PLAN, to: JIANGJIN })).toMatchObject({ seq: trial.seq, changeCount: trial.changeCount });
  });

  it('tells full / count / seq and leaves nothing behind', () => {
    const city = citySide();
    const district = districtSide(JIANGJIN);
    trustBoth(city, district, JIANGJIN, JIANGJIN_ID);
    const count = (s: typeof city, sql: string) => (s.store.db.prepare(sql).get() as { n: number }).n;
    const versions = count(city, 'SELECT count(*) AS n FROM versions');
    const first = ok<{ full: boolean; seq: number; changeCount: number }>(city.store, 'packagefiles.plan', { planId: PLAN, to: JIANGJIN });
    expect(first).toMatchObject({ full: true, seq: 1 });
    expect(count(city, 'SELECT count(*) AS n FROM versions')).toBe(versions);
    expect(count(city, 'SELECT count(*) AS n FROM package_log')).toBe(0);
    const down = ok<FileOut>(city.store, 'packagefiles.export', { planId: PLAN, to: JIANGJIN });
    expect(down).toMatchObject({ full: true, seq: 1, changeCount: first.changeCount });
    const p = ok<{ packageId: string }>(district.store, 'packagefiles.preview', { fileName: down.fileName, dataBase64: down.dataBase64 });
    ok(district.store, 'packages.apply', { packageId: p.packageId });
    setActual(district, JIANGJIN_ID, 2024, '1234');
    setActual(district, JIANGJIN_ID, 2025, '1300');
    const up = ok<{ full: boolean; seq: number; changeCount: number }>(district.store, 'packagefiles.plan', { planId: PLAN, to: 'city' });
    expect(up).toMatchObject({ full: false, seq: 1, changeCount: 2 });
    expect(ok<FileOut>(district.store, 'packagefiles.export', { planId: PLAN, to: 'city' }).changeCount).toBe(2);
  });
});
