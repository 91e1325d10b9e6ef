/**
 * Long exports and the calls made while they run, as a user meets them: a 100,000-task plan is being
 * exported while the user goes on editing. Every edit must go through (the export reads a snapshot
 * of its own, never the store's connection), the host must answer meanwhile (the work is written in
 * time slices), and the file must show the plan as it was when the export was asked for.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type PlanStore } from '../../db/store.ts';
import { seededStore, tempDir, ok } from '../helpers/store.ts';
import { generatePlanBundle, BIG_PLAN_ID } from '../../bench/generate.ts';
import { getTask } from '../../db/tasks/handlers.ts';
import { exportLedger } from '../../db/export/ledger.ts';
import Database from 'better-sqlite3';
import type { JobStatusOut } from '../../contract/ops/jobs.ts';
import { PYTHON, openpyxlSummary, runJob } from '../helpers/transfer.ts';

// Ten times the ~2,000 tasks where exports once broke under edits, and an export that lasts seconds (the
// edits below overlap it; the test checks they did). 100,000 tasks proved nothing more and cost CI 40 s.
const TASKS = 20_000;
const EDITS = 50;
let bigDir = '';
let bigPlan = '';

beforeAll(() => {
  // Made once and copied for each test.
  bigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-big-'));
  bigPlan = path.join(bigDir, 'big.plandesk');
  openStore(bigPlan, { create: 'seed', seeds: generatePlanBundle({ tasks: TASKS, districts: 40, years: 15 }) }).close();
}, 120_000);
afterAll(() => fs.rmSync(bigDir, { recursive: true, force: true }));

function bigStore(): PlanStore {
  const file = path.join(tempDir(), 'plan.plandesk');
  fs.copyFileSync(bigPlan, file);
  return openStore(file);
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls a job like the workbench; the first answer that is not 'running' is kept (it is collected then). */
class Job {
  private final: JobStatusOut | null = null;
  /** rows written so far, as last reported */
  done = 0;
  constructor(private readonly store: PlanStore, private readonly jobId: string) {}

  get running(): boolean {
    if (this.final) return false;
    const s = ok<JobStatusOut>(this.store, 'jobs.status', { jobId: this.jobId });
    this.done = s.done;
    if (s.state === 'running') return true;
    this.final = s;
    return false;
  }

  async end(): Promise<JobStatusOut> {
    while (this.running) await pause(20);
    return this.final!;
  }
}

/** The edited tasks' titles and the row count of the 任务台账 sheet, read with openpyxl (streaming mode). */
function ledgerTitles(file: string, ids: string[]): { rows: number; titles: Record<string, string> } {
  const script = path.join(tempDir('plandesk-py-'), 'ledger.py');
  fs.writeFileSync(
    script,
    `import json, sys
import openpyxl
wanted = set(json.loads(sys.argv[2]))
ws = openpyxl.load_workbook(sys.argv[1], read_only=True)["任务台账"]
rows, titles = 0, {}
for i, r in enumerate(ws.iter_rows(min_row=3, values_only=True)):
    rows += 1
    if r[13] in wanted: titles[r[13]] = r[2]
print(json.dumps({"rows": rows, "titles": titles}, ensure_ascii=False))
`,
  );
  const r = spawnSync(PYTHON, [script, file, JSON.stringify(ids)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('exports while the plan is being edited', () => {
  it(`${EDITS} edits made during a ${TASKS.toLocaleString('en')}-task workbook export succeed, and the workbook shows the plan as it was when asked for`, { timeout: 600_000 }, async () => {
    const store = bigStore();
    const ids = Array.from({ length: EDITS }, (_, i) => `bt-${i * Math.floor(TASKS / EDITS - 1)}`);
    const before = Object.fromEntries(ids.map((id) => [id, getTask(store.ctx, id).title]));
    const job = new Job(store, ok<{ jobId: string }>(store, 'export.planXlsx', { planId: BIG_PLAN_ID }).jobId);

    let succeeded = 0;
    let whileRunning = 0;
    const failures: string[] = [];
    for (const [i, id] of ids.entries()) {
      await pause(10);
      if (job.running) whileRunning++;
      const r = store.call('tasks.update', { taskId: id, patch: { title: `导出期间改过的任务${i}` } });
      if (r.ok) succeeded++;
      else failures.push(r.error.message);
    }
    // The edits really overlapped the export (otherwise this test would prove nothing).
    expect(whileRunning).toBe(EDITS);
    const done = await job.end();
    expect(done.error).toBeNull();
    expect(done.state).toBe('done');
    expect(succeeded / EDITS, failures[0]).toBeGreaterThanOrEqual(0.95);

    // The edits are in the plan…
    for (const [i, id] of ids.entries()) expect(getTask(store.ctx, id).title).toBe(`导出期间改过的任务${i}`);
    // …and not in the workbook, which is the plan at the export's start.
    const file = path.join(tempDir(), 'big.xlsx');
    fs.writeFileSync(file, Buffer.from(done.file!.dataBase64, 'base64'));
    const read = ledgerTitles(file, ids);
    expect(read.rows).toBe(TASKS);
    expect(read.titles).toEqual(before);
    store.close();
  });

  it(`the host answers other calls while a ${TASKS.toLocaleString('en')}-task CSV ledger is written, and the CSV shows the ledger at its start`, { timeout: 300_000 }, async () => {
    const store = bigStore();
    const job = new Job(store, ok<{ jobId: string }>(store, 'export.tasks', { planId: BIG_PLAN_ID, filter: {}, format: 'csv' }).jobId);
    let answeredWhileRunning = 0;
    let edited = false;
    // A few calls answered while it is under way (rows written, not all) show the host answers; then let it finish.
    while (answeredWhileRunning < 10 && job.running) {
      const page = ok<{ total: number }>(store, 'tasks.list', { planId: BIG_PLAN_ID, offset: 0, limit: 50 });
      expect(page.total).toBe(TASKS);
      if (job.running && job.done > 0) answeredWhileRunning++;
      if (!edited) edited = store.call('tasks.update', { taskId: 'bt-7', patch: { title: '导出期间改过' } }).ok;
      await pause(20);
    }
    expect(answeredWhileRunning).toBeGreaterThan(0);
    expect(edited).toBe(true);
    const done = await job.end();
    expect(done.error).toBeNull();
    const csv = path.join(tempDir(), 'ledger.csv');
    fs.writeFileSync(csv, Buffer.from(done.file!.dataBase64, 'base64'));
    // Read back with Python's csv module (an independent reader; ExcelJS's CSV reader takes minutes here).
    const r = spawnSync(
      PYTHON,
      ['-c', 'import csv, json, sys\nrows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))\nprint(json.dumps([len(rows), rows[0], rows[1], rows[2], rows[10]], ensure_ascii=False))', csv],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    expect(r.stderr).toBe('');
    const [count, title, stamp, header, row] = JSON.parse(r.stdout) as [number, string[], string[], string[], string[]];
    // the title and the line under it (filter, 导出人, 导出时间), as in the workbook, then the header
    expect(count).toBe(TASKS + 3);
    expect(title[0]).toMatch(/任务台账$/);
    expect(stamp[0]).toMatch(/导出人 .*导出时间 /);
    expect(header[2]).toBe('任务名称');
    expect(row[13]).toBe('bt-7'); // header, then bt-0 … bt-7
    expect(row[2]).toBe('任务8：推进重点项目建设');
    store.close();
  });
});

describe('exports of stores that cannot have a second connection of the usual kind', () => {
  it('a store opened read-only exports its workbook', async () => {
    const file = path.join(tempDir(), 'ro.plandesk');
    seededStore(file).close();
    const store = openStore(file, { readonly: true });
    try {
      const job = await runJob(store, 'export.planXlsx', { planId: 'p-yufu-2023-13' });
      expect(job.error).toBeNull();
      const out = path.join(tempDir(), 'ro.xlsx');
      fs.writeFileSync(out, Buffer.from(job.file!.dataBase64, 'base64'));
      expect(Object.keys(openpyxlSummary(out))).toContain('任务台账');
    } finally {
      store.close();
    }
  });

  it('a file in rollback-journal mode (no WAL) exports from an in-memory copy and edits still go through', async () => {
    const file = path.join(tempDir(), 'journal.plandesk');
    const seeded = seededStore(file);
    const taskId = ok<{ rows: { id: string; title: string }[] }>(seeded, 'tasks.list', { planId: 'p-yufu-2023-13', limit: 1 }).rows[0]!;
    seeded.db.pragma('journal_mode = DELETE');
    const job = new Job(seeded, ok<{ jobId: string }>(seeded, 'export.tasks', { planId: 'p-yufu-2023-13', filter: {}, format: 'csv' }).jobId);
    expect(seeded.call('tasks.update', { taskId: taskId.id, patch: { title: '改过的' } }).ok).toBe(true);
    const done = await job.end();
    expect(done.error).toBeNull();
    const text = Buffer.from(done.file!.dataBase64, 'base64').toString('utf8');
    expect(text).toContain(taskId.title);
    expect(text).not.toContain('改过的');
  });

  it('an in-memory store exports (from an in-memory copy)', async () => {
    const seeded = seededStore();
    const image = seeded.db.serialize();
    image[18] = 1; // a WAL file's image, opened in memory, must say rollback journal
    image[19] = 1;
    const memory = new Database(image);
    try {
      const ctx = { ...seeded.ctx, db: memory };
      const { bytes } = await exportLedger(ctx, { planId: 'p-yufu-2023-13', filter: {}, format: 'csv' });
      const title = ok<{ rows: { title: string }[] }>(seeded, 'tasks.list', { planId: 'p-yufu-2023-13', limit: 1 }).rows[0]!.title;
      expect(bytes.toString('utf8')).toContain(title);
    } finally {
      memory.close();
    }
  });
});
