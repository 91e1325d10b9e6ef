/**
 * Backups and restore of a large plan: 立即备份 (live integrity_check, VACUUM INTO a temporary name,
 * verify, fsync, rename) beside a bare VACUUM INTO; restoring (verified copy, kept old file, atomic
 * rename, reopen) beside a bare file copy. The difference is what verification costs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../db/store.ts';
import { generatePlanBundle } from './generate.ts';
import { report, time } from './measure.ts';

export function benchBackup(tasks = 100_000): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-'));
  try {
    const file = path.join(dir, 'plans.plandesk');
    openStore(file, { create: 'seed', seeds: generatePlanBundle({ tasks, districts: 40, years: 15 }) }).close();
    const s = openStore(file);
    try {
      const size = `${(fs.statSync(file).size / 1e6).toFixed(0)} MB`;
      const ours = time(() => s.call('backups.create', {}));
      if (!ours.value.ok) throw new Error(ours.value.error.message);
      const name = (ours.value.value as { name: string }).name;
      const raw = time(() => s.db.prepare('VACUUM INTO ?').run(path.join(dir, 'raw-vacuum.plandesk')));
      report(`立即备份 of a ${tasks.toLocaleString('en')}-task plan (${size})`, { name: 'backups.create (integrity_check, temp name, verify, fsync, rename)', ms: ours.ms }, { name: 'bare VACUUM INTO', ms: raw.ms });
      const restore = time(() => s.call('backups.restore', { name }));
      if (!restore.value.ok) throw new Error(restore.value.error.message);
      const copy = time(() => fs.copyFileSync(path.join(dir, 'raw-vacuum.plandesk'), path.join(dir, 'raw-copy.plandesk')));
      report(`Restore of a ${tasks.toLocaleString('en')}-task plan`, { name: 'backups.restore (verified copy, kept file, atomic rename, reopen)', ms: restore.ms }, { name: 'bare file copy', ms: copy.ms });
    } finally {
      s.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
