/**
 * Crash safety: the core runs in a child process applying a stream of edits and is killed with
 * SIGKILL at random moments. After every kill the file must pass PRAGMA integrity_check and hold
 * every edit that was acknowledged before the kill. `PLANDESK_LONG=1 npm test` kills 100 times.
 * The editor is bundled once (the CLI's esbuild options, as the app carries the core) and run by plain Node:
 * each of the kills then starts a process in a fraction of a second instead of loading the core through tsx.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { common, importMetaUrl } from '../../scripts/bundle-options.mjs';
import { openStore } from '../../db/store.ts';
import { seededStore, tempFile } from '../helpers/store.ts';

const PLAN = 'p-yufufa-2021-19';
const KILLS = process.env.PLANDESK_LONG ? 100 : 4;
// inside build/ so that the packages left external (better-sqlite3) resolve from node_modules, as in the app
const EDITOR = path.resolve('build/test-bundles/crash-editor.cjs');

function runAndKill(file: string, start: number, killAfterAcks: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    // Node itself runs the editor (no wrapper process), so SIGKILL hits the process that writes, not a
    // parent that would leave it running.
    const child = spawn(process.execPath, [EDITOR, file, PLAN], {
      env: { ...process.env, START: String(start) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) {
        const m = /^ack (\d+)$/.exec(l);
        if (m) acks.push(Number(m[1]));
      }
      if (acks.length >= killAfterAcks && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`editor exited on its own: ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  beforeAll(async () => {
    await build({ ...common, ...importMetaUrl, logLevel: 'silent', entryPoints: ['tests/safety/crash/editor.ts'], outfile: EDITOR });
  });
  it(`every acknowledged edit survives ${KILLS} SIGKILLs and the file stays intact`, async () => {
    const file = tempFile();
    seededStore(file).close();
    let next = 1;
    let totalAcked = 0;
    for (let k = 0; k < KILLS; k++) {
      // Kill after a random number of acknowledged edits (the kill lands mid-stream, often mid-transaction).
      const acks = await runAndKill(file, next, 1 + Math.floor(Math.random() * 60));
      totalAcked += acks.length;
      const store = openStore(file);
      try {
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = store.db.prepare<[string], { id: string; progress: string | null }>('SELECT id, progress FROM tasks WHERE plan_id = ?').all(PLAN);
        const latest = new Map(rows.map((r) => [r.id, Number(/^edit-(\d+)$/.exec(r.progress ?? '')?.[1] ?? 0)]));
        const ids = (store.call('tasks.list', { planId: PLAN, limit: 50 }) as { ok: true; value: { rows: { id: string }[] } }).value.rows.map((r) => r.id);
        for (const n of acks) {
          const id = ids[n % ids.length]!;
          // The task holds edit n or a later edit of the same task (committed but not yet acknowledged).
          if (latest.get(id)! < n) {
            const audit = store.db
              .prepare("SELECT a.new_value, c.kind, c.state FROM audit_log a JOIN change_sets c ON c.id = a.change_set_id WHERE a.entity = 'task' AND a.entity_id = ? AND a.field = 'progress' ORDER BY a.id DESC LIMIT 3")
              .all(id);
            expect.fail(`edit ${n} lost after kill ${k}: round started at ${next}, acked ${acks[0]}…${acks.at(-1)}, task holds edit-${latest.get(id)}; last audit rows ${JSON.stringify(audit)}`);
          }
          expect((latest.get(id)! - n) % ids.length).toBe(0);
        }
        const maxCommitted = Math.max(0, ...latest.values());
        next = Math.max(next, maxCommitted) + 1;
      } finally {
        store.close();
      }
    }
    expect(totalAcked).toBeGreaterThan(KILLS);
  }, 60_000 + KILLS * 10_000);
});
