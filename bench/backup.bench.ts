/**
 * Backups and restore of a large plan, run as the hosts run them: backups.create / backups.restore
 * start a job, jobs.status is polled every 20 ms and an edit is attempted each time. Printed:
 *  - the job's time beside the bare baseline doing the same file work synchronously (a bare VACUUM
 *    INTO; a bare file copy): what the checks, the temporary name and the swap cost;
 *  - the host's longest event-loop stall (perf_hooks monitorEventLoopDelay) during the job, beside
 *    the stall the bare synchronous baseline causes (its whole duration: it holds the thread) and
 *    the same process's idle loop (the machine's own noise). The copy and checks run in a worker
 *    (db/backups/copy.ts); only the restore's swap and reopen run on the host.
 *  - how many of the edits attempted meanwhile went through (all, during a backup; none, during a
 *    restore, which refuses writes until the restored file is open).
 * Worker threads run from the bundled copies in build/node/workers, as users run them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openStore, type PlanStore } from '../db/store.ts';
import { useBundledWorkers } from '../db/workers.ts';
import { generatePlanBundle } from './generate.ts';
import { report, time } from './measure.ts';

const TASKS = 100_000;
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function stalls<T>(during: () => Promise<T>): Promise<{ maxStallMs: number; value: T; ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await pause(20);
  const t0 = process.hrtime.bigint();
  const value = await during();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  h.disable();
  return { maxStallMs: h.max / 1e6, value, ms };
}

interface JobRun {
  status: { state: string; backup: { name: string } | null; error: { message: string } | null };
  edits: number;
  editsOk: number;
}

/** Starts the job and polls it as a host's client does, attempting an edit at each poll. */
async function runJob(s: PlanStore, name: 'backups.create' | 'backups.restore', input: object): Promise<JobRun> {
  const started = s.call(name, input);
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value as { jobId: string };
  let edits = 0;
  let editsOk = 0;
  for (;;) {
    const r = s.call('jobs.status', { jobId });
    if (!r.ok) throw new Error(r.error.message);
    const status = r.value as JobRun['status'];
    if (status.state !== 'running') {
      if (status.state === 'failed') throw new Error(status.error?.message ?? 'failed');
      return { status, edits, editsOk };
    }
    edits++;
    if (s.call('tasks.update', { taskId: `bt-${(edits * 1999) % TASKS}`, patch: { title: `备份期间改过${edits}` } }).ok) editsOk++;
    await pause(20);
  }
}

function line(name: string, r: { ms: number; maxStallMs: number }, extra = ''): void {
  console.log(`  ${name.padEnd(52)} ${r.ms.toFixed(0).padStart(6)} ms, longest event-loop stall ${r.maxStallMs.toFixed(0).padStart(5)} ms${extra}`);
}

export async function benchBackup(tasks = TASKS): Promise<void> {
  execFileSync(process.execPath, [path.resolve('scripts/build-node.mjs'), '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
  useBundledWorkers(path.resolve('build/node/workers'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-'));
  try {
    const file = path.join(dir, 'plans.plandesk');
    openStore(file, { create: 'seed', seeds: generatePlanBundle({ tasks, districts: 40, years: 15 }) }).close();
    const s = openStore(file);
    try {
      const size = `${(fs.statSync(file).size / 1e6).toFixed(0)} MB`;
      const idle = await stalls(() => pause(1500));
      const backup = await stalls(() => runJob(s, 'backups.create', {}));
      const name = backup.value.status.backup!.name;
      const raw = time(() => s.db.prepare('VACUUM INTO ?').run(path.join(dir, 'raw-vacuum.plandesk')));
      console.log(`\n立即备份 of a ${tasks.toLocaleString('en')}-task plan (${size}), as a job polled every 20 ms with an edit each time`);
      line('backups.create job (checks, VACUUM INTO, verify, rename)', backup, `, edits ok ${backup.value.editsOk}/${backup.value.edits}`);
      line('baseline: bare VACUUM INTO on the host (synchronous)', { ms: raw.ms, maxStallMs: raw.ms });
      line('baseline: same process idle', idle);
      report('  job time against the bare VACUUM INTO', { name: 'backups.create job', ms: backup.ms }, { name: 'bare VACUUM INTO', ms: raw.ms });

      const restore = await stalls(() => runJob(s, 'backups.restore', { name }));
      const copy = time(() => fs.copyFileSync(path.join(dir, 'raw-vacuum.plandesk'), path.join(dir, 'raw-copy.plandesk')));
      console.log(`\nRestore of a ${tasks.toLocaleString('en')}-task plan, as a job polled every 20 ms with an edit attempted each time`);
      line('backups.restore job (verified copy, kept file, swap, reopen)', restore, `, edits ok ${restore.value.editsOk}/${restore.value.edits} (refused while it runs)`);
      line('baseline: bare file copy on the host (synchronous)', { ms: copy.ms, maxStallMs: copy.ms });
      report('  job time against the bare copy', { name: 'backups.restore job', ms: restore.ms }, { name: 'bare file copy', ms: copy.ms });
    } finally {
      s.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
