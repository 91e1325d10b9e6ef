/**
 * Start-up with a missing plan file: when traces of an earlier file exist (a `.replaced-…` file left
 * by an interrupted restore, a `.restoring` copy, backups) the app says so and offers them, and never
 * creates a seeded file in its place. A fresh seed only on a first start with no trace at all.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDir } from '../../db/backups/backups.ts';
import { planStart, startChoices } from '../../db/backups/startup.ts';
import { openStore } from '../../db/store.ts';
import { ok, seededStore, tempFile } from '../helpers/store.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';

/** Runs the real web host; stops it (SIGTERM) once its output matches `until`. */
function runWebHost(args: string[], until?: RegExp): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['web/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (until?.test(out)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** The state an interrupted restore of an older version left: the plan renamed aside, nothing in its place. */
function planMovedAside(): { file: string; aside: string } {
  const file = tempFile();
  const s = seededStore(file);
  const task = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
  ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '几个月的工作' } });
  s.close();
  const aside = `${file}.replaced-2026-11-30T08-15-00-000Z`;
  fs.renameSync(file, aside);
  return { file, aside };
}

describe('start-up decision (planStart)', () => {
  it('first start with no trace: create; an existing file: open', () => {
    const file = tempFile();
    expect(planStart(file).kind).toBe('create');
    seededStore(file).close();
    expect(planStart(file).kind).toBe('open');
  });

  it('a missing file with a .replaced- file, a .restoring copy and backups: lists them, good ones first, with the restore command', () => {
    const { file, aside } = planMovedAside();
    const s = openStore(aside, { readonly: true });
    s.close();
    fs.mkdirSync(backupDir(file), { recursive: true });
    fs.copyFileSync(aside, path.join(backupDir(file), 'plans-20261129-120000-auto.plandesk'));
    fs.writeFileSync(`${file}.restoring`, 'half a copy');
    const plan = planStart(file);
    expect(plan.kind).toBe('missing');
    if (plan.kind !== 'missing') return;
    expect(plan.traces.map((t) => [path.basename(t.file), t.kind, t.good])).toEqual([
      [path.basename(aside), 'replaced', true],
      ['plans-20261129-120000-auto.plandesk', 'backup', true],
      ['plans.plandesk.restoring', 'restoring', false],
    ]);
    expect(plan.message).toContain(aside);
    expect(plan.message).toContain(`npx plandesk backup restore --db "${file}" --from "${aside}"`);
    expect(plan.message).toMatch(/没有新建文件/);

    const c = startChoices(plan);
    expect(c.buttons).toEqual(['用恢复备份前改名保留的原文件恢复（2026-11-30 08:15:00）', '用备份恢复（2026-11-29 12:00:00）', '新建示例规划文件', '退出']);
    expect(c.actions[0]).toEqual({ kind: 'restore', from: aside });
    expect(c.defaultId).toBe(0);
    expect(c.cancelId).toBe(3);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('only damaged traces: nothing offered for restore, and the default button is 退出, not a new seeded file', () => {
    const file = tempFile();
    fs.writeFileSync(`${file}.replaced-2026-11-30T08-15-00-000Z`, 'damaged');
    const plan = planStart(file);
    expect(plan.kind).toBe('missing');
    if (plan.kind !== 'missing') return;
    const c = startChoices(plan);
    expect(c.actions).toEqual([{ kind: 'create' }, { kind: 'quit' }]);
    expect(c.actions[c.defaultId]).toEqual({ kind: 'quit' });
  });
});

describe('the web host with a missing plan file', () => {
  it('refuses to start, lists what it found and how to restore, and creates no seeded file', async () => {
    const { file, aside } = planMovedAside();
    const r = await runWebHost(['--db', file, '--port', '0']);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(`找不到规划文件“${file}”`);
    expect(r.out).toContain(aside);
    expect(r.out).toContain('plandesk backup restore');
    expect(r.out).not.toMatch(/已用种子数据创建/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => !n.startsWith('plans.plandesk.replaced-'))).toEqual([]);
  });

  it('--restore-from puts the kept file back and starts on it', async () => {
    const { file, aside } = planMovedAside();
    const r = await runWebHost(['--db', file, '--port', '0', '--restore-from', aside], /规划工作台已启动/);
    expect(r.out).toContain(`已从 ${aside} 恢复到 ${file}`);
    expect(r.out).toMatch(/规划工作台已启动/);
    const s = openStore(file, { readonly: true });
    expect(ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]?.progress).toBe('几个月的工作');
    s.close();
  }, 60_000);
});
