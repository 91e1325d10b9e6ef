/**
 * Deleting a 100,000-task plan while the host answers other requests (issue 14): a probe asks plans.list
 * every 20 ms and notes how late each answer comes (from the moment it was due to its answer), during
 * (a) the old delete inside one request (deletePlan on the host's thread, what plans.delete does) and
 * (b) plans.deleteStart (one transaction in a worker thread, delete-job.ts), beside (c) the same probe on
 * an idle host. `npm run bench -- delete`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore, type PlanStore } from '../db/store.ts';
import { deletePlan } from '../db/plans/delete.ts';
import { startDeletePlanJob } from '../db/plans/delete-job.ts';
import { jobStatus } from '../db/jobs/jobs.ts';
import { BIG_PLAN_ID, generatePlanBundle } from './generate.ts';

const TASKS = 100_000;
const EVERY_MS = 20;

interface Probe {
  stop(): { count: number; medianMs: number; maxMs: number };
}

function probe(s: PlanStore): Probe {
  const lates: number[] = [];
  let due = 0;
  let timer: NodeJS.Timeout | null = null;
  // each request is due EVERY_MS after the last answer; its lateness is the host's: the wait for the event loop plus the call
  const next = () => {
    due = performance.now() + EVERY_MS;
    timer = setTimeout(tick, EVERY_MS);
  };
  const tick = () => {
    s.call('plans.list', {});
    lates.push(performance.now() - due);
    next();
  };
  next();
  return {
    stop() {
      if (timer) clearTimeout(timer);
      const sorted = [...lates].sort((a, b) => a - b);
      return { count: sorted.length, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, maxMs: sorted.at(-1) ?? 0 };
    },
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function line(name: string, r: { count: number; medianMs: number; maxMs: number }, total?: number) {
  console.log(`  ${name.padEnd(52)} answers ${String(r.count).padStart(4)}, median ${r.medianMs.toFixed(1).padStart(6)} ms, worst ${r.maxMs.toFixed(1).padStart(8)} ms${total === undefined ? '' : `, delete took ${total.toFixed(0)} ms`}`);
}

export async function benchDelete(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-delete-'));
  try {
    const master = path.join(dir, 'master.plandesk');
    openStore(master, { create: 'seed', seeds: generatePlanBundle({ tasks: TASKS, districts: 40, years: 15 }) }).close();
    const copy = (name: string) => {
      const f = path.join(dir, name);
      fs.copyFileSync(master, f);
      return openStore(f);
    };
    console.log(`\nplans.delete of a ${TASKS.toLocaleString('en')}-task plan: the answer time of a plans.list asked ${EVERY_MS} ms after the last answer (event-loop wait + call)`);

    const idle = copy('idle.plandesk');
    let p = probe(idle);
    await wait(3000);
    line('idle host (baseline)', p.stop());
    idle.close();

    const old = copy('old.plandesk');
    p = probe(old);
    await wait(200);
    const t0 = performance.now();
    deletePlan(old.ctx, BIG_PLAN_ID);
    const oldMs = performance.now() - t0;
    await wait(200);
    line('before: delete inside the request (old plans.delete)', p.stop(), oldMs);
    old.close();

    const job = copy('job.plandesk');
    p = probe(job);
    await wait(200);
    const t1 = performance.now();
    const { jobId } = startDeletePlanJob(job.ctx, BIG_PLAN_ID);
    for (;;) {
      const st = jobStatus(job.ctx, jobId);
      if (st.state !== 'running') break;
      await wait(50);
    }
    const jobMs = performance.now() - t1;
    await wait(200);
    line('after: plans.deleteStart (a job, worker thread)', p.stop(), jobMs);
    job.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
