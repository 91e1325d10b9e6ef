/**
 * Export and import of a 100,000-task plan, each beside raw ExcelJS streaming work on the same cells
 * in the same run: our whole-plan export (all sheets, styles, print setup, read from the plan file)
 * against a streaming write of the task cells alone; our import (guards, reading, header matching,
 * validation, diff against the plan, one transaction) against a streaming read of the same file.
 * Each side runs in its own process so its peak memory is its own, three times, interleaved with the
 * baseline so that a noisy moment hits both; the median time and the highest peak are reported.
 * The export is also run once without chart pictures (no CJK font found), to show what they cost.
 * The import reader (guards, then yauzl + saxes in the reading worker with every limit, number
 * formats, merged cells, and the rows handed back to the host) is measured beside the raw parser
 * pass of bench/raw-xlsx-read.ts (the same yauzl + saxes over the same sheets, none of our logic, in
 * the calling thread), the figure issue 11 asks for; the worker runs from the node bundle
 * (build/node/workers/read.worker.cjs, built here if stale), as the CLI and the hosts run it; the whole import (read, match, validate, diff,
 * one transaction) is printed beside it.
 * Targets: 1.25× write, 1.5× read.
 * Then the export jobs as a host runs them, with 50 edits made meanwhile: the event loop's longest
 * stall during a 100,000-task workbook and CSV export (perf_hooks monitorEventLoopDelay), beside the
 * same process's idle loop (the machine's own noise).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../db/store.ts';
import { generatePlanBundle } from './generate.ts';
import { report, type Figure } from './measure.ts';

const RUNS = 3;

function once(mode: string, db: string, xlsx: string, env: NodeJS.ProcessEnv = {}): { ms: number; peakRssMb: number; cpuMs?: number } {
  const out = execFileSync(path.resolve('node_modules/.bin/tsx'), [path.resolve('bench/transfer-child.ts'), mode, db, xlsx], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number; peakRssMb: number; cpuMs?: number };
}

/** Ours and the baseline, alternately, RUNS times each: medians of time, highest peak memory. */
type Run = { ms: number; peakRssMb: number; cpuMs?: number };
function pair(ours: [name: string, mode: string, xlsx: string], base: [name: string, mode: string, xlsx: string], db: string): [Figure & { cpuMs?: number }, Figure & { cpuMs?: number }] {
  const runs: [Run[], Run[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    runs[0].push(once(ours[1], db, ours[2]));
    runs[1].push(once(base[1], db, base[2]));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const figure = (name: string, r: Run[]): Figure & { cpuMs?: number } => ({
    name,
    ms: median(r.map((x) => x.ms)),
    peakRssMb: Math.max(...r.map((x) => x.peakRssMb)),
    ...(r.every((x) => x.cpuMs !== undefined) ? { cpuMs: median(r.map((x) => x.cpuMs!)) } : {}),
  });
  return [figure(ours[0], runs[0]), figure(base[0], runs[1])];
}

interface StallRun {
  ms: number;
  maxStallMs: number;
  p99Ms: number;
  idleMaxMs: number;
  edits: number;
  editsOk: number;
}

function stallFigures(db: string, dir: string, title: string): void {
  console.log(`\nEvent loop during export jobs with 50 edits made meanwhile: ${title}`);
  for (const [mode, name] of [['stall-xlsx', 'workbook (export.planXlsx)'], ['stall-csv', 'CSV ledger (export.tasks)']] as const) {
    // A copy per run: the edits change it.
    const copy = path.join(dir, `${mode}.plandesk`);
    fs.copyFileSync(db, copy);
    const out = execFileSync(path.resolve('node_modules/.bin/tsx'), [path.resolve('bench/transfer-child.ts'), mode, copy, path.join(dir, `${mode}.out`)], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as StallRun;
    console.log(`  ${name.padEnd(30)} longest stall ${r.maxStallMs.toFixed(0).padStart(5)} ms (p99 ${r.p99Ms.toFixed(0)} ms), job ${r.ms.toFixed(0)} ms, edits ok ${r.editsOk}/${r.edits}`);
    console.log(`  ${'  baseline: same process idle'.padEnd(30)} longest stall ${r.idleMaxMs.toFixed(0).padStart(5)} ms`);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
  }
}

export function benchTransfer(tasks = 100_000): void {
  // The children run the worker threads from the node bundle's copies, as users do: build it if stale.
  execFileSync(process.execPath, [path.resolve('scripts/build-node.mjs'), '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-transfer-'));
  try {
    const db = path.join(dir, 'bench.plandesk');
    openStore(db, { create: 'seed', seeds: generatePlanBundle({ tasks, districts: 40, years: 15 }) }).close();
    const ours = path.join(dir, 'ours.xlsx');
    const raw = path.join(dir, 'raw.xlsx');
    const title = `${tasks.toLocaleString('en')} tasks, 40 districts × 15 years`;
    const [exp, rawW] = pair(['PlanDesk workbook (styled, with charts)', 'ours-export', ours], ['raw ExcelJS streaming write, task cells', 'raw-write', raw], db);
    report(`Export a plan to .xlsx: ${title} (${(fs.statSync(ours).size / 1048576).toFixed(1)} MB), median of ${RUNS}`, exp, rawW, 1.25);
    const noFonts = fs.mkdtempSync(path.join(dir, 'no-fonts-'));
    const plain = once('ours-export', db, path.join(dir, 'plain.xlsx'), { PLANDESK_FONT_DIRS: noFonts });
    console.log(`  ${'(same export without charts, one run)'.padEnd(44)} ${plain.ms.toFixed(1).padStart(10)} ms, peak RSS ${plain.peakRssMb.toFixed(0)} MB`);
    const [reader, rawP] = pair(['PlanDesk import reader (worker, limits, formats)', 'reader', ours], ['raw yauzl + saxes pass, same sheets', 'raw-parse', ours], db);
    report(`Read that workbook for import: ${title}, median of ${RUNS}`, reader, rawP, 1.5);
    // Peak memory, and CPU time of all threads (wall time on a shared machine also counts waiting for a core).
    report(`  peak RSS of the same runs (MB, shown in the ms column)`, { name: 'PlanDesk import reader', ms: reader.peakRssMb ?? 0 }, { name: 'raw yauzl + saxes pass', ms: rawP.peakRssMb ?? 0 }, 1.5);
    report(`  CPU time of the same runs, all threads, median`, { name: 'PlanDesk import reader', ms: reader.cpuMs ?? 0 }, { name: 'raw yauzl + saxes pass', ms: rawP.cpuMs ?? 0 }, 1.5);
    stallFigures(db, dir, title);
    const [imp, rawR] = pair(['PlanDesk import (read, match, validate, diff)', 'ours-import', ours], ['raw ExcelJS streaming read, same file', 'raw-read', ours], db);
    report(`Import that workbook back: ${title}, median of ${RUNS}`, imp, rawR, 1.5);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
