/**
 * 报送包 on a generated plan (100,000 tasks, 40 districts × 15 years of targets): the city sends the
 * whole plan to a district (the district's plan is made from it), then changes 10,000 task cells
 * (progress of 5,000 tasks, status of 5,000) and sends a package of those 10,000 changes. Printed:
 * the export, and the district's import with the merge (checks, preview, apply as one undoable step
 * and a saved version), each beside raw better-sqlite3 applying the same 10,000 UPDATEs in one
 * transaction on a copy of the district's file, in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../db/store.ts';
import { runChange } from '../db/audit/recorder.ts';
import { exportPackage } from '../db/exchange/export.ts';
import { applyPackage, previewPackage } from '../db/exchange/import.ts';
import { trustForTests } from '../db/exchange/signing.ts';
import { BIG_PLAN_ID, generatePlanBundle } from './generate.ts';
import { TASK_STATUS } from '../domain/tasks.ts';
import { report, time } from './measure.ts';

export function benchExchange(tasks = 100_000, changes = 10_000): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-exchange-'));
  try {
    const [cityHome, dHome] = [path.join(dir, 'city-home'), path.join(dir, 'd-home')];
    const bundle = generatePlanBundle({ tasks, districts: 40, years: 15 });
    const city = openStore(path.join(dir, 'city.plandesk'), { create: 'seed', seeds: bundle, userDir: cityHome });
    const district = openStore(path.join(dir, 'district.plandesk'), { create: 'seed', seeds: { ...bundle, plans: [] }, userDir: dHome });
    city.call('identity.set', { name: '市里', department: '市测试局1' });
    district.call('identity.set', { name: '区里', department: '市测试局1', district: '测试区1' });
    trustForTests(city.ctx, dHome, { role: 'district', districtId: 'bd-0', name: '区里', department: '市测试局1', district: '测试区1' });
    trustForTests(district.ctx, cityHome, { role: 'city', districtId: null, name: '市里', department: '市测试局1', district: null });

    const full = path.join(dir, 'full.pdpkg');
    const fullOut = time(() => exportPackage(city.ctx, { planId: BIG_PLAN_ID, to: 'bd-0', out: full }));
    const fullIn = time(() => {
      const p = previewPackage(district.ctx, { file: full, keep: true });
      return applyPackage(district.ctx, { packageId: p.packageId });
    });
    console.log(`\n(full package of the ${tasks.toLocaleString('en')}-task plan: ${fullOut.value.changeCount.toLocaleString('en')} rows, ${(fs.statSync(full).size / 1048576).toFixed(1)} MB; export ${fullOut.ms.toFixed(0)} ms, district plan made from it ${fullIn.ms.toFixed(0)} ms)`);

    // the city's 10,000 cell changes, as one edit
    const ids = city.db.prepare<[string, number], { id: string }>('SELECT id FROM tasks WHERE plan_id = ? ORDER BY sort_order LIMIT ?').all(BIG_PLAN_ID, changes / 2).map((r) => r.id);
    const updates: { id: string; field: 'progress' | 'status'; value: string }[] = [];
    ids.forEach((id, i) => {
      updates.push({ id, field: 'progress', value: `第 ${i} 项已推进到第二阶段` });
      updates.push({ id, field: 'status', value: i % 2 ? TASK_STATUS.done : TASK_STATUS.late });
    });
    const setProgress = city.db.prepare<[string, string]>('UPDATE tasks SET progress = ? WHERE id = ?');
    const setStatus = city.db.prepare<[string, string]>('UPDATE tasks SET status = ? WHERE id = ?');
    const getRow = city.db.prepare<[string], { progress: string | null; status: string }>('SELECT progress, status FROM tasks WHERE id = ?');
    runChange(city.ctx, { label: '批量修改', planId: BIG_PLAN_ID }, (rec) => {
      for (const u of updates) {
        const old = getRow.get(u.id);
        (u.field === 'progress' ? setProgress : setStatus).run(u.value, u.id);
        rec.update('task', u.id, u.field, old?.[u.field] ?? null, u.value);
      }
    });

    const pkg = path.join(dir, 'changes.pdpkg');
    const copy = path.join(dir, 'raw.plandesk');
    district.db.exec(`VACUUM INTO '${copy}'`);
    const out = time(() => exportPackage(city.ctx, { planId: BIG_PLAN_ID, to: 'bd-0', out: pkg }));
    const merged = time(() => {
      const p = previewPackage(district.ctx, { file: pkg, keep: true });
      if (p.counts.conflicts) throw new Error('unexpected conflicts');
      return { p, a: applyPackage(district.ctx, { packageId: p.packageId }) };
    });
    if (out.value.changeCount !== changes || merged.value.a.applied !== changes) throw new Error(`expected ${changes} changes, got ${out.value.changeCount} / ${merged.value.a.applied}`);

    const raw = new Database(copy);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    const rp = raw.prepare<[string, string]>('UPDATE tasks SET progress = ? WHERE id = ?');
    const rs = raw.prepare<[string, string]>('UPDATE tasks SET status = ? WHERE id = ?');
    const rawMs = time(() => raw.transaction(() => {
      for (const u of updates) (u.field === 'progress' ? rp : rs).run(u.value, u.id);
    })()).ms;
    raw.close();

    const size = (fs.statSync(pkg).size / 1048576).toFixed(2);
    report(`报送包 export: ${changes.toLocaleString('en')} changes of a ${tasks.toLocaleString('en')}-task plan (${size} MB package, signed SM2)`, { name: 'packages.export (diff, version, hash, sign, write)', ms: out.ms }, { name: 'raw better-sqlite3: same UPDATEs, one transaction', ms: rawMs }, 5);
    report(`报送包 import with merge: ${changes.toLocaleString('en')} changes into a ${tasks.toLocaleString('en')}-task plan`, { name: 'preview + apply (checks, merge, audit, version)', ms: merged.ms }, { name: 'raw better-sqlite3: same UPDATEs, one transaction', ms: rawMs }, 5);
    city.close();
    district.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
