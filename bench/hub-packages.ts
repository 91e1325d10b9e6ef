/**
 * The packages of the hub-load bench (`npm run bench -- hub-load`), made once before the clock starts.
 *
 * The city's whole-plan 报送包 is made by the core itself (exportPackage from the city's file). The 40
 * district packages are ASSEMBLED with the core's own pieces — not exported from 40 district files,
 * because each district file would first have to import a 40,000-task whole-plan package (40 imports and
 * 40 exports of that size would take minutes of setup on this 2-core machine). They are made as a
 * district's export (db/exchange/export.ts) makes them, with its own functions, none copied:
 * the changes are `update task.progress` of the district's tasks, their base values the whole-plan
 * package's own rows (what the district's file holds after importing it), ordered by orderChanges and
 * turned into lines by toLine; the manifest has the district as sender (its districtId, its own key's
 * fingerprint), the city as recipient, seq 1, base = the city's whole-plan package (id, seq, state hash)
 * as the district's first report has it, lastSeen the same, stateHash = the base version with the
 * changes overlaid (versionStateHash), contentHash over the lines; signed over signedBytes(manifest)
 * with the district's own key (db/keys: a key pair per district user folder) and written by
 * writePackageFile. One difference from a real fleet: every district's base is the one whole-plan package
 * the city pushed to the hub (addressed to 测试区1) — a real city sends each district its own copy, of the
 * same plan state; the hub merges on the changes' base values against its rows, not on the base's id.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../db/store.ts';
import { APP_VERSION, exportPackage } from '../db/exchange/export.ts';
import { contentHash, signedBytes, versionStateHash } from '../db/exchange/canonical.ts';
import { commentsHash } from '../db/exchange/comments.ts';
import { readPackageFile, toLine, writePackageFile } from '../db/exchange/file.ts';
import { orderChanges } from '../db/exchange/state.ts';
import { SIGNATURE_ALGORITHM } from '../db/exchange/signing.ts';
import { signBytes, userKey } from '../db/keys/signing.ts';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.ts';
import type { Change } from '../domain/exchange/types.ts';
import { BIG_PLAN_ID, generatePlanBundle } from './generate.ts';

/** the manifest type, as the core's writer takes it (the bench layer does not import package/ itself) */
type Manifest = Parameters<typeof writePackageFile>[1];

export interface BenchPackage {
  district: string;
  districtId: string;
  packageId: string;
  bytes: Buffer;
  /** task row id → the progress this package sets */
  changed: Map<string, string>;
  /** the user folder holding the district's key (its public key file for `hub key trust`) */
  keyDir: string;
}

export interface BenchPackages {
  city: { packageId: string; bytes: Buffer; keyDir: string; recipient: string };
  districts: BenchPackage[];
  /** setup times, ms: the city's file and whole-plan export; the 40 district packages */
  ms: { city: number; districts: number };
}

export function makeHubPackages(dir: string, o: { districts: number; changes: number }): BenchPackages {
  const t0 = performance.now();
  const cityHome = path.join(dir, 'city-home');
  const bundle = generatePlanBundle({ tasks: o.districts * o.changes, districts: o.districts, years: 5 });
  const city = openStore(path.join(dir, 'city.plandesk'), { create: 'seed', seeds: bundle, userDir: cityHome });
  try {
    city.call('identity.set', { name: '市里', department: '市测试局1' });
    const full = exportPackage(city.ctx, { planId: BIG_PLAN_ID, to: 'bd-0', out: path.join(dir, 'city-full.pdpkg') });
    const cityBytes = fs.readFileSync(full.file);
    const content = readPackageFile(full.file);
    const baseHash = content.manifest.stateHash;
    // the version the export saved: the state the district's file holds after importing the package
    const baseSeq = city.db.prepare<[string, string], { seq: number }>('SELECT seq FROM versions WHERE plan_id = ? AND name = ?').get(BIG_PLAN_ID, full.versionName)?.seq;
    if (baseSeq === undefined) throw new Error(`no version ${full.versionName}`);
    const tasks = content.lines.filter((l) => l.op === 'insert' && l.entity === 'task');
    const t1 = performance.now();
    const districts: BenchPackage[] = [];
    for (let k = 0; k < o.districts; k++) {
      const districtId = `bd-${k}`;
      const district = `测试区${k + 1}`;
      const keyDir = path.join(dir, `district-home-${k}`);
      const key = userKey(keyDir);
      const mine = tasks.filter((l) => Array.isArray((l.value as { districts?: unknown } | null)?.districts) && ((l.value as { districts: string[] }).districts).includes(districtId)).slice(0, o.changes);
      if (mine.length !== o.changes) throw new Error(`${district} is named on ${mine.length} tasks, not ${o.changes}`);
      const at = new Date().toISOString();
      const author = `${district}规划员`;
      const changed = new Map<string, string>();
      const changes = orderChanges(
        mine.map((l, i): Change => {
          const row = l.value as Record<string, unknown>;
          const value = `${district}第 ${i + 1} 项已推进到第二阶段`;
          changed.set(l.rowId, value);
          return { op: 'update', entity: 'task', rowId: l.rowId, field: 'progress', base: (row.progress ?? null) as string | null, value, author, at };
        }),
      );
      const lines = changes.map(toLine);
      const packageId = crypto.randomUUID();
      const versionName = `报送 ${district} #1`;
      const manifest: Manifest = {
        format: content.manifest.format,
        formatVersion: content.manifest.formatVersion,
        packageId,
        schemaVersion: LATEST_SCHEMA_VERSION,
        appVersion: APP_VERSION,
        planId: BIG_PLAN_ID,
        planTitle: content.manifest.planTitle,
        sender: { role: 'district', name: author, department: null, district, districtId, fingerprint: key.fingerprint },
        recipient: { kind: 'city' },
        seq: 1,
        full: false,
        base: { packageId: full.packageId, seq: full.seq, hash: baseHash },
        lastSeen: { packageId: full.packageId, seq: full.seq },
        stateHash: versionStateHash(city.ctx, BIG_PLAN_ID, baseSeq, changes),
        contentHash: contentHash(lines),
        changeCount: lines.length,
        comments: { hash: commentsHash(new Map()), fromBase: true },
        versionName,
        createdAt: at,
      };
      const signed = signBytes(keyDir, signedBytes(manifest));
      const out = path.join(dir, `district-${k}.pdpkg`);
      writePackageFile(out, manifest, lines, { algorithm: SIGNATURE_ALGORITHM, signature: signed.signature, publicKey: signed.publicKey, fingerprint: signed.fingerprint });
      districts.push({ district, districtId, packageId, bytes: fs.readFileSync(out), changed, keyDir });
    }
    return { city: { packageId: full.packageId, bytes: cityBytes, keyDir: cityHome, recipient: '测试区1' }, districts, ms: { city: t1 - t0, districts: performance.now() - t1 } };
  } finally {
    city.close();
  }
}
