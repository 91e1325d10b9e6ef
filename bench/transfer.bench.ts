/**
 * Export and import of a 100,000-task plan, each beside raw ExcelJS streaming work on the same cells
 * in the same run: our whole-plan export (all sheets, styles, print setup, read from the plan file)
 * against a streaming write of the task cells alone; our import (guards, reading, header matching,
 * validation, diff against the plan, one transaction) against a streaming read of the same file.
 * Each side runs in its own process so its peak memory is its own. Targets: 1.25× write, 1.5× read.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../db/store.ts';
import { generatePlanBundle } from './generate.ts';
import { report, type Figure } from './measure.ts';

function side(name: string, mode: string, db: string, xlsx: string): Figure {
  const out = execFileSync(path.resolve('node_modules/.bin/tsx'), [path.resolve('bench/transfer-child.ts'), mode, db, xlsx], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number; peakRssMb: number };
  return { name, ms: r.ms, peakRssMb: r.peakRssMb };
}

export function benchTransfer(tasks = 100_000): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-transfer-'));
  try {
    const db = path.join(dir, 'bench.plandesk');
    openStore(db, { create: 'seed', seeds: generatePlanBundle({ tasks, districts: 40, years: 15 }) }).close();
    const ours = path.join(dir, 'ours.xlsx');
    const raw = path.join(dir, 'raw.xlsx');
    const title = `${tasks.toLocaleString('en')} tasks, 40 districts × 15 years`;
    const exp = side('PlanDesk plan workbook (all sheets, styled)', 'ours-export', db, ours);
    const rawW = side('raw ExcelJS streaming write, task cells', 'raw-write', db, raw);
    report(`Export a plan to .xlsx: ${title} (${(fs.statSync(ours).size / 1048576).toFixed(1)} MB)`, exp, rawW, 1.25);
    const imp = side('PlanDesk import (read, match, validate, diff)', 'ours-import', db, ours);
    const rawR = side('raw ExcelJS streaming read, same file', 'raw-read', db, ours);
    report(`Import that workbook back: ${title}`, imp, rawR, 1.5);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
