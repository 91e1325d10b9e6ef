/** Real plan files for the exchange tests: the city's (seeded), the districts' (made from packages), keys trusted both ways. */
import path from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type PlanStore } from '../../db/store.ts';
import { ok, tempDir } from '../helpers/store.ts';
import { trustForTests } from '../../db/exchange/signing.ts';
import { readPackageFile, writePackageFile } from '../../db/exchange/file.ts';
import { contentHash, signedBytes } from '../../db/exchange/canonical.ts';
import { signBytes } from '../../db/exchange/signing.ts';
import type { Manifest } from '../../package/manifest.ts';
import type { ChangeLine } from '../../db/exchange/canonical.ts';

export const PLAN = 'p-yufu-2023-13';
export const REVENUE = 'p-yufu-2023-13/i/revenue';
/** 13号's eight districts (渝西), by GB/T 2260 code */
export const DISTRICTS: [string, string][] = [
  ['江津区', 'd-500116'], ['合川区', 'd-500117'], ['永川区', 'd-500118'], ['大足区', 'd-500111'],
  ['璧山区', 'd-500120'], ['铜梁区', 'd-500151'], ['潼南区', 'd-500152'], ['荣昌区', 'd-500153'],
];

const open: PlanStore[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});

export interface Side {
  store: PlanStore;
  home: string;
  file: string;
  dir: string;
}

let clock = 0;
/** a clock that only moves forward, so audit times order like edits */
export const now = () => new Date(Date.UTC(2026, 0, 1) + ++clock * 1000).toISOString();

export function citySide(): Side {
  const dir = tempDir('plandesk-city-');
  const home = path.join(dir, 'home');
  const file = path.join(dir, 'city.plandesk');
  const store = openStore(file, { create: 'seed', userDir: home, now });
  open.push(store);
  ok(store, 'identity.set', { name: '王经信', department: '市经济信息委' });
  return { store, home, file, dir };
}

export function districtSide(name: string): Side {
  const dir = tempDir('plandesk-district-');
  const home = path.join(dir, 'home');
  const file = path.join(dir, 'district.plandesk');
  const store = openStore(file, { create: 'reference', userDir: home, now });
  open.push(store);
  ok(store, 'identity.set', { name: `${name}联络员`, department: '市经济信息委', district: name });
  return { store, home, file, dir };
}

export function reopenSide(s: Side): Side {
  s.store.close();
  const store = openStore(s.file, { userDir: s.home, now });
  open.push(store);
  return { ...s, store };
}

/** The city trusts the district's key for its district, and the district the city's. */
export function trustBoth(city: Side, district: Side, name: string, id: string): void {
  trustForTests(city.store.ctx, district.home, { role: 'district', districtId: id, name: `${name}联络员`, department: '市经济信息委', district: name });
  trustForTests(district.store.ctx, city.home, { role: 'city', districtId: null, name: '王经信', department: '市经济信息委', district: null });
}

export function exportTo(from: Side, to: string, name = 'pkg'): string {
  const out = path.join(from.dir, `${name}-${Math.random().toString(36).slice(2)}.pdpkg`);
  ok(from.store, 'packages.export', { planId: PLAN, to, out });
  return out;
}

export interface PreviewOut {
  status: string;
  message: string;
  packageId: string;
  counts: { toApply: number; conflicts: number; unchanged: number };
  conflicts: { id: string; kind: string; base: unknown; mine: unknown; theirs: unknown; field: string | null; rowId: string }[];
}

export function preview(to: Side, file: string, keep = true): PreviewOut {
  return ok<PreviewOut>(to.store, 'packages.preview', { file, keep });
}

/** preview + apply (no conflicts expected) */
export function importInto(to: Side, file: string): PreviewOut {
  const p = preview(to, file);
  if (p.status === 'ready') ok(to.store, 'packages.apply', { packageId: p.packageId });
  return p;
}

export function setActual(s: Side, districtId: string, year: number, value: string | null): void {
  ok(s.store, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: districtId, year, kind: 'actual', value });
}

export function actual(s: Side, districtId: string, year: number): string | null {
  const r = s.store.db
    .prepare<[string, string, number], { value: string | null }>("SELECT value FROM target_values WHERE indicator_id = ? AND scope = 'district' AND scope_id = ? AND year = ? AND kind = 'actual' AND period = ''")
    .get(REVENUE, districtId, year);
  return r?.value ?? null;
}

/** The first task of the plan a district is named on. */
export function taskOf(s: Side, districtId: string): string {
  const r = s.store.db
    .prepare<[string, string], { id: string }>('SELECT t.id FROM tasks t JOIN task_districts x ON x.task_id = t.id WHERE t.plan_id = ? AND x.district_id = ? ORDER BY t.sort_order LIMIT 1')
    .get(PLAN, districtId);
  if (!r) throw new Error(`no task of ${districtId}`);
  return r.id;
}

/** A package re-signed by `signer` after `mutate` changed its manifest or changes (a well-signed package with other content). */
export function resign(file: string, signer: Side, mutate: (m: Manifest, lines: ChangeLine[]) => void): string {
  const c = readPackageFile(file);
  mutate(c.manifest, c.lines);
  c.manifest.contentHash = contentHash(c.lines);
  c.manifest.changeCount = c.lines.length;
  const sig = signBytes(signer.store.ctx, signedBytes(c.manifest));
  const out = file.replace(/\.pdpkg$/, `-resigned-${Math.random().toString(36).slice(2)}.pdpkg`);
  writePackageFile(out, c.manifest, c.lines, { algorithm: c.signature.algorithm, signature: sig.signature, publicKey: sig.publicKey, fingerprint: sig.fingerprint });
  return out;
}
