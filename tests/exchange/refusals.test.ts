/**
 * Packages refused with nothing written (issue 15): the plan file's every table is the same before and
 * after — one flipped byte, an untrusted key or one trusted in another role, out of scope, a newer
 * schema, a missing or different base, a gap in the sequence, and files that are not packages.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dumpTables, ok } from '../helpers/store.ts';
import { en } from '../../renderer/src/i18n/catalogue.ts';
import { DISTRICTS, PLAN, REVENUE, citySide, districtSide, exportTo, importInto, resign, setActual, trustBoth, type Side } from './helpers.ts';

const [JJ, JJ_ID] = DISTRICTS[0]!;
const [YC, YC_ID] = DISTRICTS[2]!;

function setup(exportNow = true) {
  const city = citySide();
  const d = districtSide(JJ);
  trustBoth(city, d, JJ, JJ_ID);
  importInto(d, exportTo(city, JJ_ID));
  setActual(d, JJ_ID, 2025, '612.5');
  return { city, d, file: exportNow ? exportTo(d, 'city') : '' };
}

/** The refusal's stable reason has an English text (no Chinese of its own): the English UI says what went wrong. */
function expectEnglish(reason: string | undefined, want: string): void {
  expect(reason).toBe(want);
  const text = (en as Record<string, string>)[`err.${want}`];
  expect(text, `err.${want} in the English catalogue`).toBeTruthy();
  expect(text).not.toMatch(/[\u3400-\u9fff]/);
}

function refused(s: Side, file: string, contains: string, reason?: string): void {
  const before = dumpTables(s.store);
  const r = s.store.call('packages.preview', { file, keep: true });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(`${r.error.message} ${JSON.stringify(r.error.issues)}`).toContain(contains);
    if (reason) expectEnglish(r.error.reason, reason);
  }
  expect(dumpTables(s.store)).toEqual(before);
}

describe('a package is refused with nothing written', () => {
  it('one flipped byte in a change or in the manifest', () => {
    const { city, file } = setup();
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"612.5"'));
    expect(at).toBeGreaterThan(0);
    const flipped = Buffer.from(bytes);
    flipped[at + 1] = '7'.charCodeAt(0);
    const f1 = `${file}.flip1.pdpkg`;
    fs.writeFileSync(f1, flipped);
    refused(city, f1, '校验值不符', 'exchange.contentHash');
    const title = bytes.indexOf(Buffer.from('渝西跨越计划'));
    const m = Buffer.from(bytes);
    m[title + 1] = (m[title + 1] ?? 0) ^ 0x01;
    const f2 = `${file}.flip2.pdpkg`;
    fs.writeFileSync(f2, m);
    refused(city, f2, '签名不符', 'exchange.badSignature');
  });

  it('any flipped byte anywhere: refused, or read exactly as signed (a byte SQLite does not read)', () => {
    const { city, file } = setup();
    const bytes = fs.readFileSync(file);
    const good = ok<{ counts: unknown; items: unknown }>(city.store, 'packages.preview', { file, keep: false });
    const before = dumpTables(city.store);
    const rnd = crypto.createHash('sha256').update('seed').digest();
    let refusedCount = 0;
    for (let i = 0; i < 60; i++) {
      // a byte SQLite stores something in (most of a small file's pages are zeros)
      const used = [...bytes.keys()].filter((k) => bytes[k] !== 0);
      const pos = used[(rnd.readUInt32BE(i % 28) * (i + 1)) % used.length] ?? 0;
      const b = Buffer.from(bytes);
      b[pos] = (b[pos] ?? 0) ^ (1 << i % 8);
      const f = `${file}.r${i}.pdpkg`;
      fs.writeFileSync(f, b);
      const r = city.store.call('packages.preview', { file: f, keep: false });
      if (!r.ok) refusedCount++;
      if (r.ok) expect({ counts: (r.value as typeof good).counts, items: (r.value as typeof good).items }).toEqual({ counts: good.counts, items: good.items });
      fs.rmSync(f);
    }
    expect(refusedCount).toBeGreaterThan(30);
    expect(dumpTables(city.store)).toEqual(before);
  });

  it('a key the file does not trust, or trusts for another district', () => {
    const { city, d, file } = setup();
    const stranger = districtSide(YC);
    // a key the city never trusted, signing a package that says it is 江津's
    refused(city, resign(file, stranger, () => {}), '不受本文件信任', 'exchange.untrustedKey');
    // 江津's trusted key, with another key's fingerprint in the manifest
    refused(city, resign(file, d, (m) => { m.sender.fingerprint = 'x'; }), '签名密钥与清单', 'exchange.keyMismatch');
    // 江津's trusted key signing a package that claims to be 永川's
    refused(city, resign(file, d, (m) => { m.sender.districtId = YC_ID; m.sender.district = YC; }), '角色', 'exchange.trustedAsDistrict');
  });

  it('a change outside what a district may report', () => {
    const { city, d } = setup(false);
    ok(d.store, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JJ_ID, year: 2027, kind: 'target', value: '9999' });
    ok(d.store, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: YC_ID, year: 2025, kind: 'actual', value: '1' });
    const file = exportTo(d, 'city', 'scope');
    const before = dumpTables(city.store);
    const r = city.store.call('packages.preview', { file, keep: true });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('超出江津区可以报送的范围');
      expectEnglish(r.error.reason, 'exchange.outOfScope');
      expect(r.error.params).toMatchObject({ sender: '江津区' });
      expect(r.error.issues.map((i) => i.message).join('\n')).toMatch(/目标值由市里下达[\s\S]*目标值由市里下达/);
    }
    expect(dumpTables(city.store)).toEqual(before);
  });

  it('a newer schema, a missing base, another base, a gap', () => {
    const { city, d, file } = setup();
    refused(city, resign(file, d, (m) => { m.schemaVersion = 999; }), '较新的 PlanDesk', 'exchange.newerSchema');
    refused(city, resign(file, d, (m) => { if (m.base) m.base.packageId = crypto.randomUUID(); }), '缺少基线', 'exchange.missingBase');
    refused(city, resign(file, d, (m) => { if (m.base) m.base.hash = '0'.repeat(64); }), '基线不符', 'exchange.baseMismatch');
    refused(city, resign(file, d, (m) => { m.seq = 3; }), '缺少第 1 号报送包', 'exchange.seqGap');
    // a city file that never sent this plan to 江津 has no base for it
    const other = citySide();
    trustBoth(other, d, JJ, JJ_ID);
    refused(other, file, '缺少基线', 'exchange.missingBase');
  });

  it('values or references the file cannot take (a task naming a department the file lacks, a status not in the list)', () => {
    const city = citySide();
    const d = districtSide(JJ);
    trustBoth(city, d, JJ, JJ_ID);
    importInto(d, exportTo(city, JJ_ID));
    ok(city.store, 'tasks.update', { taskId: 'p-yufu-2023-13/t/4-1', patch: { progress: '市里的进展' } });
    const file = exportTo(city, JJ_ID, 'second');
    const mine = JSON.parse(d.store.db.prepare<[], { d: string }>(
      "SELECT json_object('lead', json((SELECT json_group_array(department_id) FROM task_departments WHERE task_id = t.id AND role = 'lead')), 'status', t.status) AS d FROM tasks t WHERE t.id = 'p-yufu-2023-13/t/4-1'",
    ).get()!.d) as { lead: string[]; status: string };
    refused(d, resign(file, city, (_m, lines) => {
      const l = lines.find((x) => x.field === 'progress')!;
      lines.push({ ...l, field: 'lead_departments', base: mine.lead, value: ['no-such-department'] });
    }), '本文件中没有部门 no-such-department');
    refused(d, resign(file, city, (_m, lines) => {
      const l = lines.find((x) => x.field === 'progress')!;
      lines.push({ ...l, field: 'status', base: mine.status, value: '差不多了' });
    }), '任务状态应为');
  });

  it('a city package addressed to another district, and a file over the size cap', () => {
    const { city } = setup(false);
    const yc = districtSide(YC);
    trustBoth(city, yc, YC, YC_ID);
    const jjFile = exportTo(city, JJ_ID, 'for-jj');
    refused(yc, jjFile, '发给江津区的，不是发给永川区的', 'exchange.wrongRecipient');
    const big = path.join(path.dirname(jjFile), 'big.pdpkg');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 300 * 1024 * 1024);
    refused(yc, big, '超过报送包的上限', 'exchange.file.tooBig');
  });

  it('files that are not packages, or packages with other tables, columns or rows', () => {
    const { city, file } = setup();
    const dir = path.dirname(file);
    const write = (name: string, fn: (db: Database.Database) => void) => {
      const f = path.join(dir, name);
      fs.copyFileSync(file, f);
      const db = new Database(f);
      fn(db);
      db.close();
      return f;
    };
    const text = path.join(dir, 'text.pdpkg');
    fs.writeFileSync(text, '这不是报送包'.repeat(50));
    refused(city, text, '不是报送包', 'exchange.file.notPackage');
    refused(city, write('extra.pdpkg', (db) => db.exec('CREATE TABLE extra (x)')), '表不符合', 'exchange.file.format');
    refused(city, write('view.pdpkg', (db) => db.exec('CREATE VIEW v AS SELECT 1')), '表不符合');
    refused(city, write('entity.pdpkg', (db) => db.exec("UPDATE changes SET entity = 'users'")), '记录类型');
    refused(city, write('json.pdpkg', (db) => db.exec("UPDATE changes SET value = '{oops'")), '新值', 'exchange.file.change');
    refused(city, write('manifest.pdpkg', (db) => db.exec("UPDATE manifest SET value = '\"x\"' WHERE key = 'seq'")), '序号');
    refused(city, write('count.pdpkg', (db) => db.exec("INSERT INTO changes (n, op, entity, row_id, field, base, value, author, at) VALUES (99, 'update', 'task', 't', 'status', null, '\"x\"', '', '')")), '修改条数', 'exchange.file.changeCount');
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    void PLAN;
  });
});
