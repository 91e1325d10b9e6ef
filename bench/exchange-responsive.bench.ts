/**
 * The host's responsiveness while 导出报送包 runs as a job (issue 15, packagefiles.exportStart: the export's one
 * transaction in a worker thread on its own connection, db/packagefiles/export-job.ts): a probe asks small reads
 * every 20 ms — app.info, and a 100-row page of tasks.list — and notes how late each answer comes (from the moment
 * it was due to its answer: the wait for the event loop plus the call), (a) on an idle host and (b) while the job
 * makes the full package of a 100,000-task plan (40 districts × 15 years of targets), in the same run.
 * `npm run bench -- exchange-responsive`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore, type PlanStore } from '../db/store.ts';
import { BIG_PLAN_ID, generatePlanBundle } from './generate.ts';

const EVERY_MS = 20;
const READS = [
  ['app.info', {}],
  ['tasks.list', { planId: BIG_PLAN_ID, offset: 5_000, limit: 100 }],
] as const;

type Stats = { count: number; medianMs: number; p95Ms: number; maxMs: number };

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { count: s.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: s.at(-1) ?? 0 };
}

/** Asks each read in turn, each due EVERY_MS after the last answer. */
function probe(s: PlanStore) {
  const lates = new Map<string, number[]>(READS.map(([name]) => [name, []]));
  let i = 0;
  let due = 0;
  let timer: NodeJS.Timeout | null = null;
  const next = () => {
    due = performance.now() + EVERY_MS;
    timer = setTimeout(tick, EVERY_MS);
  };
  const tick = () => {
    const [name, input] = READS[i++ % READS.length]!;
    const r = s.call(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    lates.get(name)?.push(performance.now() - due);
    next();
  };
  next();
  return {
    stop: () => {
      if (timer) clearTimeout(timer);
      return new Map([...lates].map(([name, xs]) => [name, stats(xs)]));
    },
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (x: Stats) =>
  `answers ${String(x.count).padStart(4)}, median ${x.medianMs.toFixed(1).padStart(6)} ms, p95 ${x.p95Ms.toFixed(1).padStart(7)} ms, worst ${x.maxMs.toFixed(1).padStart(8)} ms`;

export async function benchExchangeResponsive(tasks = 100_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-exchange-responsive-'));
  try {
    const home = path.join(dir, 'home');
    const s = openStore(path.join(dir, 'city.plandesk'), { create: 'seed', seeds: generatePlanBundle({ tasks, districts: 40, years: 15 }), userDir: home });
    try {
      const ok = (name: string, input: object) => {
        const r = s.call(name as 'app.info', input as never);
        if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
        return r.value as unknown;
      };
      ok('identity.set', { name: '市里', department: '市测试局1' });
      for (const [name, input] of READS) ok(name, input);
      // the signing key is made on first need: made here, outside the timed job
      ok('keys.show', {});

      // (a) idle host, for 4 s
      const idle = probe(s);
      await wait(4_000);
      const idleStats = idle.stop();

      // (b) while the job makes the full package
      const during = probe(s);
      const t0 = performance.now();
      const { jobId } = ok('packagefiles.exportStart', { planId: BIG_PLAN_ID, to: 'bd-0' }) as { jobId: string };
      let state = 'running';
      let result: { dataBase64?: string } | null = null;
      while (state === 'running') {
        await wait(100);
        const st = ok('jobs.status', { jobId }) as { state: string; package?: { dataBase64: string } | null; error?: { message: string } | null };
        state = st.state;
        if (state === 'failed') throw new Error(`export job failed: ${st.error?.message ?? ''}`);
        result = st.package ?? null;
      }
      const jobMs = performance.now() - t0;
      const duringStats = during.stop();

      console.log(`\n报送包 export job (full package of a ${tasks.toLocaleString('en')}-task plan${result?.dataBase64 ? `, ${(result.dataBase64.length * 0.75 / 1048576).toFixed(1)} MB` : ''}) took ${jobMs.toFixed(0)} ms; small reads every ${EVERY_MS} ms, lateness from due to answer:`);
      for (const [name] of READS) {
        const a = idleStats.get(name);
        const b = duringStats.get(name);
        if (!a || !b) continue;
        console.log(`  ${`${name}, idle host (baseline)`.padEnd(44)} ${fmt(a)}`);
        console.log(`  ${`${name}, during the export job`.padEnd(44)} ${fmt(b)}`);
        console.log(`  ratio of medians ${(b.medianMs / Math.max(a.medianMs, 0.001)).toFixed(2)}×, of worst ${(b.maxMs / Math.max(a.maxMs, 0.001)).toFixed(2)}×`);
      }
    } finally {
      s.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
