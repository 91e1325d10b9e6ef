/**
 * A package kept pending in the plan file is checked again when it is reopened (报送情况's 继续处理, after a
 * reload) or applied: its signature is kept with it, so an altered kept copy, or a key revoked since, is refused.
 */
import { describe, expect, it } from 'vitest';
import { ok } from '../helpers/store.ts';
import { DISTRICTS, PLAN, actual, citySide, districtSide, exportTo, importInto, preview, reopenSide, setActual, trustBoth } from './helpers.ts';

const [JJ, JJ_ID] = DISTRICTS[0]!;

function pendingReport() {
  const city = citySide();
  const d = districtSide(JJ);
  trustBoth(city, d, JJ, JJ_ID);
  importInto(d, exportTo(city, JJ_ID));
  setActual(d, JJ_ID, 2025, '612.5');
  const p = preview(city, exportTo(d, 'city'));
  expect(p.status).toBe('ready');
  return { city: reopenSide(city), d, packageId: p.packageId };
}

const refusal = (r: { ok: boolean; error?: { message: string; reason?: string } }) => (r.ok ? null : { message: r.error?.message ?? '', reason: r.error?.reason });

describe('a pending package, reopened or applied after a reload', () => {
  it('is checked again and applies when nothing changed', () => {
    const { city, packageId } = pendingReport();
    const again = ok<{ status: string; kept: boolean }>(city.store, 'packagefiles.reopen', { packageId });
    expect(again).toMatchObject({ status: 'ready', kept: true });
    ok(city.store, 'packages.apply', { packageId });
    expect(actual(city, JJ_ID, 2025)).toBe('612.5');
    expect(city.store.db.prepare('SELECT count(*) AS n FROM package_pending_signatures').get()).toEqual({ n: 0 });
  });

  it('is refused, naming the altered copy, when a kept change or the kept manifest was altered in the file', () => {
    for (const alter of [
      // the district's value in the kept row changed (the kept change of the 612.5 insert)
      "UPDATE package_changes SET value = replace(value, '612.5', '999') WHERE value LIKE '%612.5%'",
      "UPDATE package_pending SET manifest = json_set(manifest, '$.planTitle', '改过的标题')",
      "DELETE FROM package_changes WHERE n = (SELECT max(n) FROM package_changes)",
      "UPDATE package_pending_signatures SET signature = 'MEUCIQ' || substr(signature, 7)",
    ]) {
      const { city, packageId } = pendingReport();
      expect(city.store.db.prepare(alter).run().changes).toBe(1);
      for (const [op, input] of [['packagefiles.reopen', { packageId }], ['packages.apply', { packageId }]] as const) {
        const r = refusal(city.store.call(op, input));
        expect(r?.message, `${op} after ${alter}`).toContain('本文件中保存的待合并报送包已被改动');
        expect(r?.reason).toBe('exchange.pendingTampered');
      }
      expect(actual(city, JJ_ID, 2025)).toBeNull();
    }
  });

  it('is refused when the sender key was revoked since the preview', () => {
    const { city, packageId } = pendingReport();
    const keys = ok<{ keys: { fingerprint: string; role: string }[] }>(city.store, 'keys.list', {});
    const districtKey = keys.keys.find((k) => k.role === 'district')!;
    ok(city.store, 'keys.revoke', { planId: PLAN, fingerprint: districtKey.fingerprint });
    for (const op of ['packagefiles.reopen', 'packages.apply'] as const) {
      const r = refusal(city.store.call(op, { packageId }));
      expect(r?.reason).toBe('exchange.untrustedKey');
      expect(r?.message).toContain('不受本文件信任');
    }
    expect(actual(city, JJ_ID, 2025)).toBeNull();
  });

  it('kept by an older version without its signature: refused, to be imported again', () => {
    const { city, packageId } = pendingReport();
    city.store.db.exec('DELETE FROM package_pending_signatures');
    const r = refusal(city.store.call('packagefiles.reopen', { packageId }));
    expect(r?.reason).toBe('exchange.pendingUnsigned');
    expect(r?.message).toContain('重新导入');
  });
});
