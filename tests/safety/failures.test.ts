/** Disk full, a file locked by another process, a read-only file or folder, a second instance: clear messages, nothing lost. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/store.ts';
import { acquirePlanLock, lockPath } from '../../db/lock.ts';
import { dumpTables, ok, seededStore, tempDir, tempFile } from '../helpers/store.ts';
import type { Task } from '../../contract/entities.ts';
import { PlanDeskError } from '../../db/errors.ts';
import { main as cliMain } from '../../cli/main.ts';
import { startWebHostProcess } from '../helpers/browser.ts';
import { hostApi, stopChild } from '../helpers/host.ts';

const PLAN = 'p-yufu-2023-13';
const firstTask = (s: ReturnType<typeof seededStore>) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;

describe('when the disk is full', () => {
  it('the edit is refused with a clear message and nothing is half-written', () => {
    const s = seededStore();
    const task = firstTask(s);
    const before = dumpTables(s);
    // SQLite reports SQLITE_FULL exactly as on a full disk once the file may not grow further.
    const pages = Number(s.db.pragma('page_count', { simple: true }));
    s.db.pragma(`max_page_count = ${pages}`);
    const r = s.call('tasks.update', { taskId: task.id, patch: { description: '很长的说明'.repeat(3000) } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('DISK_FULL');
    expect(!r.ok && r.error.message).toMatch(/磁盘空间已满/);
    expect(dumpTables(s)).toEqual(before);
  });
});

describe('when another process holds the file locked', () => {
  it('the edit is refused as busy and nothing is written', () => {
    const file = tempFile();
    const s = seededStore(file);
    s.db.pragma('busy_timeout = 100');
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const r = s.call('tasks.update', { taskId: firstTask(s).id, patch: { progress: 'x' } });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('BUSY');
      expect(!r.ok && r.error.message).toMatch(/正被另一个程序使用/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(firstTask(s).progress).toBeNull();
  });
});

describe('a second app on the same file', () => {
  it('is refused with a message naming the first; a lock left by a crashed process is taken over', () => {
    const file = tempFile();
    const first = openStore(file, { create: 'seed', lockAs: '桌面版' });
    expect(() => openStore(file, { lockAs: '网页版' })).toThrow(/已被另一个规划工作台打开（桌面版/);
    // Same process re-opening is a bug elsewhere, but another live pid is what matters: simulate it.
    first.close();
    expect(fs.existsSync(lockPath(file))).toBe(false);
    fs.writeFileSync(lockPath(file), JSON.stringify({ pid: 999_999, host: os.hostname(), app: '旧进程', at: '2026-01-01T00:00:00Z' }));
    const second = openStore(file, { lockAs: '网页版' });
    second.close();
  });

  it('a live process on the same host keeps the lock', () => {
    const file = tempFile();
    seededStore(file).close();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      fs.writeFileSync(lockPath(file), JSON.stringify({ pid: child.pid, host: os.hostname(), app: '桌面版', at: '2026-11-22T08:00:00Z' }));
      expect(() => acquirePlanLock(file, '网页版')).toThrow(/进程 \d+/);
    } finally {
      child.kill();
    }
  });
});

describe('a read-only file or folder', () => {
  const nobody = 65534;
  const canSwitchUser = process.getuid?.() === 0;

  it.runIf(canSwitchUser)('opening for editing is refused with a clear message; read-only viewing works; nothing changes', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'plans.plandesk');
    seededStore(file).close();
    fs.chmodSync(file, 0o644);
    const before = fs.readFileSync(file);
    const script = `
      import { openStore } from './db/store.ts';
      const out = {};
      try { openStore(${JSON.stringify(file)}); out.edit = 'opened'; } catch (e) { out.edit = e.code + ' ' + e.message; }
      try { const s = openStore(${JSON.stringify(file)}, { readonly: true }); out.plans = s.call('plans.list', {}).value.length; s.close(); } catch (e) { out.view = e.code + ' ' + e.message; }
      console.log(JSON.stringify(out));
    `;
    const r = spawnSync(path.resolve('node_modules/.bin/tsx'), ['--eval', script], { uid: nobody, gid: nobody, encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, HOME: '/tmp' } });
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
    expect(out.edit, r.stderr).toMatch(/^READ_ONLY .*只读/);
    expect(out.plans, JSON.stringify(out)).toBeGreaterThan(3);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('read-only media and folders', () => {
  const root = process.getuid?.() === 0;
  if (!root) console.warn('skipped: the read-only mount and other-user tests need root (mount --bind, runuser)');
  const tsx = path.resolve('node_modules/.bin/tsx');

  /** A folder holding an intact plan file, and the same folder bind-mounted read-only (like a CD or a locked USB stick). */
  function readOnlyMount(): { src: string; file: string; unmount: () => void } {
    const src = tempDir();
    seededStore(path.join(src, 'plans.plandesk')).close();
    const mnt = tempDir('plandesk-ro-');
    execFileSync('mount', ['--bind', src, mnt]);
    try {
      execFileSync('mount', ['-o', 'remount,ro,bind', mnt]);
    } catch (err) {
      execFileSync('umount', [mnt]);
      throw err;
    }
    return { src, file: path.join(mnt, 'plans.plandesk'), unmount: () => execFileSync('umount', ['-l', mnt]) };
  }

  const folderState = (dir: string) => fs.readdirSync(dir).sort().map((n) => `${n}:${crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, n))).digest('hex')}`);

  it.runIf(root)('a plan on a read-only mount: opening to edit says read-only (not a raw EROFS), viewing works, nothing is written', () => {
    const { src, file, unmount } = readOnlyMount();
    try {
      const before = folderState(src);
      let caught: unknown;
      try {
        openStore(file, { lockAs: '网页版' }).close();
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(PlanDeskError);
      expect((caught as PlanDeskError).code).toBe('READ_ONLY');
      expect((caught as PlanDeskError).message).toMatch(/只读/);
      const ro = openStore(file, { readonly: true });
      expect(ok<unknown[]>(ro, 'plans.list', {}).length).toBeGreaterThan(3);
      const refused = ro.call('plans.update', { planId: PLAN, patch: { title: '改' } });
      expect(!refused.ok && refused.error.code).toBe('READ_ONLY');
      ro.close();
      expect(folderState(src)).toEqual(before);
    } finally {
      unmount();
    }
  });

  it.runIf(root)('the web host serves a plan on a read-only mount read-only (app.info says so: the page shows its read-only badge); CLI reads work and CLI writes say read-only', async () => {
    const { src, file, unmount } = readOnlyMount();
    let child: import('node:child_process').ChildProcess | null = null;
    try {
      const before = folderState(src);
      let output = '';
      const started = await startWebHostProcess(file);
      child = started.child;
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      const api = hostApi(started.url);
      expect((await api('app.info', {})).value).toMatchObject({ readonly: true });
      expect((await api('plans.list', {})).value.length).toBeGreaterThan(3);
      const write = await api('plans.update', { planId: PLAN, patch: { title: '改' } });
      expect(write.ok).toBe(false);
      expect(write.error?.code).toBe('READ_ONLY');

      const plans = await cliRun('plans', '--db', file);
      expect(plans.code, plans.err).toBe(0);
      expect(plans.out).toContain('渝府〔2023〕13号');
      const show = await cliRun('show', '--db', file, '--plan', PLAN, '--json');
      expect(show.code, show.err).toBe(0);
      const create = await cliRun('version', 'create', '--db', file, '--plan', PLAN, '--name', 'v');
      expect(create.code).toBe(1);
      expect(create.err).toMatch(/只读/);
      await stopChild(child);
      expect(folderState(src)).toEqual(before);
    } finally {
      if (child) await stopChild(child);
      unmount();
    }
  });

  it.runIf(root)('another user: a folder they may not write (the lock cannot be made), or a -wal/-shm left by someone else, opens read-only', () => {
    const nobody = 65534;
    // 1: the folder is not theirs (no lock file can be made beside the plan).
    const dir1 = tempDir();
    fs.chmodSync(dir1, 0o755);
    const f1 = path.join(dir1, 'plans.plandesk');
    seededStore(f1).close();
    fs.chmodSync(f1, 0o666);
    // 2: folder and file writable, but a crashed PlanDesk of another user left its -wal/-shm (0644).
    const dir2 = tempDir();
    fs.chmodSync(dir2, 0o777);
    const f2 = path.join(dir2, 'plans.plandesk');
    seededStore(f2).close();
    const db = new Database(f2);
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("UPDATE tasks SET progress = '崩溃前的修改' WHERE rowid = 1").run();
    const [wal, shm] = [fs.readFileSync(`${f2}-wal`), fs.readFileSync(`${f2}-shm`)];
    db.close();
    fs.writeFileSync(`${f2}-wal`, wal, { mode: 0o644 });
    fs.writeFileSync(`${f2}-shm`, shm, { mode: 0o644 });
    fs.chmodSync(f2, 0o666);
    const before = [folderState(dir1), folderState(dir2)];
    const script = `
      import { openStore } from './db/store.ts';
      const out = {};
      for (const [k, f] of Object.entries({ folder: ${JSON.stringify(f1)}, wal: ${JSON.stringify(f2)} })) {
        try { openStore(f, { lockAs: '网页版' }).close(); out[k] = 'opened'; } catch (e) { out[k] = e.code + ' ' + e.message; }
        try { const s = openStore(f, { readonly: true }); out[k + 'View'] = s.db.prepare('SELECT progress FROM tasks WHERE rowid = 1').pluck().get() ?? 'null'; s.close(); } catch (e) { out[k + 'View'] = 'failed ' + e.code + ' ' + e.message; }
      }
      console.log(JSON.stringify(out));
    `;
    const r = spawnSync(tsx, ['--eval', script], { uid: nobody, gid: nobody, encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, HOME: '/tmp' } });
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Record<string, string>;
    expect(out.folder, r.stderr).toMatch(/^READ_ONLY .*只读/);
    expect(out.folderView).toBe('null');
    expect(out.wal, r.stderr).toMatch(/^READ_ONLY .*只读.*-wal/);
    expect(out.walView).toBe('崩溃前的修改');
    expect([folderState(dir1), folderState(dir2)]).toEqual(before);
  });
});

async function cliRun(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await cliMain(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
