/**
 * Kills during restore and backup, as a power cut or a crash would land: a child process running
 * the real core (tests/safety/crash/restorer.ts) is killed with SIGKILL, then the plan path must
 * hold a complete, intact file with every acknowledged edit (or the restored content, when the
 * restore had been acknowledged), the app must start on it, and nothing may be listed as a backup
 * that is not one. `PLANDESK_LONG=1 npm test` runs 100 random kills.
 * The child is bundled once with the app's bundle options (as an ES module; its workers beside it, as the hosts
 * carry it) and run by plain Node: each kill then starts a process in a fraction of a second, not through tsx.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { common, importMetaUrl, workerEntries } from '../../scripts/bundle-options.mjs';
import { backupDir, listBackups } from '../../db/backups/backups.ts';
import { verifyBackupFile } from '../../db/backups/verify.ts';
import { planStart } from '../../db/backups/startup.ts';
import { openStore, type PlanStore } from '../../db/store.ts';
import { ok, seededStore, tempFile } from '../helpers/store.ts';
import { backupNow, restoreNow } from './backup-jobs.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufufa-2021-19';
const TRIALS = process.env.PLANDESK_LONG ? 100 : 6;
const STEPS = ['copied', 'verified', 'settled', 'kept', 'swapped'] as const;
// inside build/ so that the packages left external (better-sqlite3) resolve from node_modules, as in the app
const RESTORER = path.resolve('build/test-bundles/crash-restorer.mjs');

beforeAll(async () => {
  const bundle = { ...common, ...importMetaUrl, logLevel: 'silent' } as const;
  // an ES module (the child awaits at its top level), with a require for the packages left external
  await build({
    ...common,
    logLevel: 'silent',
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    entryPoints: ['tests/safety/crash/restorer.ts'],
    outfile: RESTORER,
  });
  // every worker the core may start, as workers/<name>.cjs beside the host (db/workers.ts)
  for (const entry of workerEntries) await build({ ...bundle, entryPoints: [entry], outfile: path.join(path.dirname(RESTORER), 'workers', `${path.basename(entry, '.ts')}.cjs`) });
}, 120_000);

interface Run {
  lines: string[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the child; kills it `killAfterMs` after it says ready (or lets it kill itself). */
function runChild(args: string[], env: NodeJS.ProcessEnv, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RESTORER, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const l of parts) {
        lines.push(l);
        if (l === 'ready' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (_code, signal) => resolve({ lines, signal, stderr }));
  });
}

const progressOf = (s: PlanStore) => s.db.prepare<[string], { progress: string | null }>('SELECT progress FROM tasks WHERE plan_id = ?').all(PLAN).map((r) => r.progress);
const maxEdit = (s: PlanStore) => Math.max(0, ...progressOf(s).map((p) => Number(/^edit-(\d+)$/.exec(p ?? '')?.[1] ?? 0)));

/** What the app does at start: planStart must say open, and the store opens with the lock (taking over the dead child's). */
function startApp(file: string, context = ''): PlanStore {
  const listing = () => `${context}\nfolder: ${fs.readdirSync(path.dirname(file)).join(', ')}`;
  expect(fs.existsSync(file), `the plan path holds a file; ${listing()}`).toBe(true);
  expect(planStart(file).kind).toBe('open');
  let s: PlanStore;
  try {
    s = openStore(file, { lockAs: '检查' });
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; ${listing()}`);
  }
  expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
  return s;
}

/** Every backup offered is whole and intact; after the next backup nothing but real backups is left in the folder. */
async function checkBackups(file: string, s: PlanStore): Promise<void> {
  for (const b of ok<{ name: string; complete?: boolean }[]>(s, 'backups.list', {})) {
    if (b.complete === false) continue;
    expect(() => verifyBackupFile(path.join(backupDir(file), b.name)), `listed backup ${b.name}`).not.toThrow();
  }
  await backupNow(s);
  const listed = new Set(listBackups(file).map((b) => b.name));
  expect(fs.readdirSync(backupDir(file)).filter((n) => !listed.has(n))).toEqual([]);
  // Keep the folder small across trials: the newest three backups are enough to restore from.
  for (const old of listBackups(file).slice(3)) fs.rmSync(old.file);
}

describe('kill during restore', () => {
  it.each(STEPS)('killed right after the step "%s": the plan path holds the old or the restored file, whole, and the app starts on it', async (step) => {
    const file = tempFile();
    const s = seededStore(file);
    const task = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
    ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '备份里的内容' } });
    const backup = path.join(backupDir(file), (await backupNow(s)).name);
    ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '备份之后的修改' } });
    s.close();

    const run = await runChild([file, PLAN, 'step', step, backup], {}, null);
    expect(run.signal, run.stderr).toBe('SIGKILL');
    const after = startApp(file);
    const swapped = step === 'swapped';
    expect(progressOf(after)).toContain(swapped ? '备份里的内容' : '备份之后的修改');
    expect(progressOf(after)).not.toContain(swapped ? '备份之后的修改' : '备份里的内容');
    const kept = fs.readdirSync(path.dirname(file)).filter((n) => /\.replaced-[^/]*\d$|\.replaced-[^/]*Z$/.test(n));
    // Before the final rename the second name is the plan file itself (a hard link): the start removes it.
    expect(kept).toHaveLength(swapped ? 1 : 0);
    if (swapped) {
      const old = openStore(path.join(path.dirname(file), kept[0]!), { readonly: true });
      expect(progressOf(old)).toContain('备份之后的修改');
      old.close();
    }
    // Restoring again after the crash works and leaves no temporary copy.
    await restoreNow(after, path.basename(backup));
    expect(progressOf(after)).toContain('备份里的内容');
    expect(fs.existsSync(`${file}.restoring`)).toBe(false);
    after.close();
  });
});

describe('kill at random moments while editing, backing up and restoring', () => {
  it(`${TRIALS} SIGKILLs: every acknowledged edit or restore holds, and nothing but real backups is listed`, async () => {
    const file = tempFile();
    seededStore(file).close();
    let current = 0;
    let start = 1;
    const landed = { restore: 0, other: 0 };
    for (let k = 0; k < TRIALS; k++) {
      const run = await runChild([file, PLAN, 'loop'], { START: String(start) }, 50 + Math.floor(Math.random() * 900));
      expect(run.signal, run.stderr).toBe('SIGKILL');
      let lastEdit = start - 1;
      let pending: number | null = null;
      for (const l of run.lines) {
        const [word, a, b] = l.split(' ');
        if (word === 'ack') [current, lastEdit, pending] = [Number(a), Number(a), null];
        else if (word === 'restore-begin') pending = Number(a);
        else if (word === 'restored') [current, pending] = [Number(a), null];
        else if (word === 'backup') void b;
      }
      if (pending !== null) landed.restore++;
      else landed.other++;
      const s = startApp(file, `kill ${k}, last lines: ${run.lines.slice(-4).join(' | ')}`);
      try {
        const m = maxEdit(s);
        const allowed = pending !== null ? [current, pending] : [current, lastEdit + 1];
        expect(allowed, `kill ${k}: file holds edits up to ${m}; last lines ${run.lines.slice(-4).join(' | ')}`).toContain(m);
        await checkBackups(file, s);
        current = m;
        start = Math.max(lastEdit, m) + 2;
      } finally {
        s.close();
      }
    }
    console.log(`restore-crash: ${TRIALS} kills, ${landed.restore} during a restore, ${landed.other} during edits or backups`);
  }, 120_000 + TRIALS * 15_000);
});
