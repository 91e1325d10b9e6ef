/**
 * Backups that are not whole or not intact: leftovers of a crashed backup, -wal/-shm files beside
 * backups, a plan file with a damaged index, a damaged backup. None is ever offered or restored as
 * a good backup, and the leftovers are gone after the next backup.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDir, createBackup, listBackups, newestGoodBackup, restoreBackupFile, rotationVictims } from '../../db/backups/backups.ts';
import { backupName } from '../../db/backups/policy.ts';
import { openStore } from '../../db/store.ts';
import { ok, seededStore, tempFile } from '../helpers/store.ts';
import { backupNow, tryBackup, tryRestore } from './backup-jobs.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';
type Listed = { name: string; reason: string; size: number; complete?: boolean };
const firstTask = (s: ReturnType<typeof seededStore>) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;

/** Damages a file the way a bad sector in an index would: the index no longer matches its table (quick_check still passes). */
function damageIndex(file: string): void {
  const db = new Database(file);
  db.unsafeMode(true);
  db.exec('CREATE INDEX zz_damaged ON tasks(title)');
  db.pragma('writable_schema = ON');
  db.prepare("UPDATE sqlite_master SET sql = 'CREATE INDEX zz_damaged ON tasks(progress)' WHERE name = 'zz_damaged'").run();
  db.close();
}

describe('leftovers of a crashed backup', () => {
  it('truncated files, -journal, -wal, -shm and partial files are never listed as good backups, and are gone after the next backup', async () => {
    const file = tempFile();
    const s = seededStore(file);
    const good = await backupNow(s);
    const dir = backupDir(file);
    const goodFile = path.join(dir, good.name);
    const bytes = fs.readFileSync(goodFile);
    // What a kill during 立即备份 leaves (an older version wrote straight to the final name), and
    // what SQLite leaves beside a backup someone opened.
    const truncated = path.join(dir, 'plans-20200101-000000-manual.plandesk');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096));
    fs.writeFileSync(`${truncated}-journal`, Buffer.alloc(4096, 1));
    fs.writeFileSync(path.join(dir, 'plans-20200102-000000-auto.plandesk'), bytes.subarray(0, 3000));
    fs.writeFileSync(`${goodFile}-wal`, Buffer.alloc(0));
    fs.writeFileSync(`${goodFile}-shm`, Buffer.alloc(32768));
    fs.writeFileSync(path.join(dir, 'plans-20200103-000000-auto.plandesk.partial'), bytes.subarray(0, 8192));
    fs.writeFileSync(path.join(dir, 'plans-20200104-000000-manual.plandesk.partial-999999'), bytes.subarray(0, 8192));
    fs.writeFileSync(path.join(dir, 'plans-20200104-000000-manual.plandesk.partial-999999-journal'), Buffer.alloc(512));

    const listed = ok<Listed[]>(s, 'backups.list', {});
    expect(listed.map((b) => b.name).filter((n) => /-wal$|-shm$|-journal$|partial/.test(n))).toEqual([]);
    const usable = listed.filter((b) => b.complete === true).map((b) => b.name);
    expect(usable).toEqual([good.name]);
    expect(newestGoodBackup(file)?.name).toBe(good.name);
    // A leftover is refused if asked for by name.
    const r = await tryRestore(s, 'plans-20200101-000000-manual.plandesk');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/不完整/);

    const next = await backupNow(s);
    const left = fs.readdirSync(dir).sort();
    expect(left).toEqual([good.name, `${good.name}-shm`, `${good.name}-wal`, next.name].sort());
    expect(ok<Listed[]>(s, 'backups.list', {}).every((b) => b.complete === true)).toBe(true);
  });

  it('only complete backups count for rotation', async () => {
    const file = tempFile();
    seededStore(file);
    const dir = backupDir(file);
    fs.mkdirSync(dir, { recursive: true });
    // Three interrupted automatic backups, the newest names in the folder.
    for (const later of [20, 21, 22]) fs.writeFileSync(path.join(dir, backupName('plans.plandesk', new Date(Date.now() + later * 1000), 'auto')), 'SQLite format 3\u0000'.padEnd(600, 'x'));
    const fresh = [];
    for (let i = 0; i < 3; i++) fresh.push(await createBackup(file, 'auto', { everyMinutes: 10, keep: 2 }));
    const complete = listBackups(file).filter((b) => b.complete && b.reason === 'auto');
    expect(complete.length).toBe(2);
    expect(listBackups(file).filter((b) => !b.complete)).toEqual([]);
    // Where a leftover could not be removed, it still never counts: rotation keeps the two newest complete ones.
    const leftover = { file: 'x', name: backupName('plans.plandesk', new Date(Date.now() + 60_000), 'auto'), at: '', reason: 'auto', size: 600, complete: false };
    expect(rotationVictims([leftover, ...listBackups(file)], 2)).toEqual([]);
  });
});

describe('a damaged plan file or backup', () => {
  it('a plan file whose index is damaged is not backed up as if good: 立即备份 and the automatic backup refuse and say so', async () => {
    const file = tempFile();
    const s = seededStore(file);
    await backupNow(s);
    const before = fs.readdirSync(backupDir(file)).sort();
    // The damage happens while the file is open (a failing disk under a running app).
    damageIndex(file);
    const r = await tryBackup(s);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('DAMAGED_FILE');
    expect(!r.ok && r.error.message).toMatch(/完整性检查.*没有备份/);
    await expect(createBackup(file, 'auto')).rejects.toThrow(/完整性检查.*没有备份/);
    expect(fs.readdirSync(backupDir(file)).sort()).toEqual(before);
  });

  it('a damaged backup is neither offered nor restored; the plan file stays as it was and the store keeps working', async () => {
    const file = tempFile();
    const s = seededStore(file);
    const task = firstTask(s);
    ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '第一个备份' } });
    const good = await backupNow(s);
    ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '第二个备份' } });
    const bad = await backupNow(s);
    damageIndex(path.join(backupDir(file), bad.name));
    ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '当前内容' } });

    expect(newestGoodBackup(file)?.name).toBe(good.name);
    const r = await tryRestore(s, bad.name);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('DAMAGED_FILE');
    expect(firstTask(s).progress).toBe('当前内容');
    expect(fs.readdirSync(path.dirname(file)).filter((n) => /restoring|replaced/.test(n))).toEqual([]);
    ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '恢复失败后仍可编辑' } });
    expect(() => restoreBackupFile(tempFile('other.plandesk'), path.join(backupDir(file), bad.name))).toThrow(/已损坏（完整性检查/);
  });
});

describe('restoring over a file with an un-checkpointed WAL', () => {
  it('the old WAL is folded into the kept file and never applied to the restored one', async () => {
    const file = tempFile();
    const s = seededStore(file);
    const task = firstTask(s);
    const backup = await backupNow(s);
    s.close();
    // A process that edited and was killed leaves its last commit only in the -wal.
    const script = `
      import { openStore } from './db/store.ts';
      const s = openStore(${JSON.stringify(file)});
      s.db.pragma('wal_autocheckpoint = 0');
      const r = s.call('tasks.update', { taskId: ${JSON.stringify(task.id)}, patch: { progress: '只在 WAL 里的修改' } });
      if (!r.ok) throw new Error(r.error.message);
      process.kill(process.pid, 'SIGKILL');
    `;
    spawnSync(path.resolve('node_modules/.bin/tsx'), ['--eval', script], { cwd: process.cwd(), encoding: 'utf8' });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const { movedAside } = restoreBackupFile(file, path.join(backupDir(file), backup.name));
    expect(fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0).toBe(false);
    // The WAL was folded into the kept file, which is one self-contained file (no -wal it depends on).
    expect(fs.existsSync(`${movedAside!}-wal`)).toBe(false);
    const restored = openStore(file);
    expect(restored.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(ok<{ rows: Task[] }>(restored, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]?.progress).toBeNull();
    restored.close();
    const kept = openStore(movedAside!, { readonly: true });
    expect(ok<{ rows: Task[] }>(kept, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]?.progress).toBe('只在 WAL 里的修改');
    kept.close();
  });
});
