/**
 * A real full disk (a small tmpfs) during restore and during backup: the plan file stays whole, the
 * store stays open and usable, nothing is listed as a backup that is not one. Root only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDir, createBackup } from '../../db/backups/backups.ts';
import { openStore, type PlanStore } from '../../db/store.ts';
import { canMountTmpfs, fullDiskSkipMessage, mountSmallDisk, type SmallDisk } from '../helpers/fulldisk.ts';
import { ok } from '../helpers/store.ts';
import { backupNow, restoreNow, tryBackup, tryRestore } from './backup-jobs.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';
type Listed = { name: string };
const firstTask = (s: PlanStore) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;

if (!canMountTmpfs) console.warn(`disk-full.test.ts ${fullDiskSkipMessage}`);

let disk: SmallDisk | null = null;
let store: PlanStore | null = null;
afterEach(() => {
  try {
    store?.close();
  } catch {
    /* closed */
  }
  store = null;
  disk?.unmount();
  disk = null;
});

/** A seeded plan on a 4 MB disk, checkpointed, with one backup and an edit made after it. */
async function planOnSmallDisk(): Promise<{ file: string; s: PlanStore; backup: string; task: Task }> {
  disk = mountSmallDisk('4m');
  const file = path.join(disk.dir, 'plans.plandesk');
  openStore(file, { create: 'seed' }).close();
  const s = openStore(file, { lockAs: '测试' });
  store = s;
  const task = firstTask(s);
  const backup = (await backupNow(s)).name;
  ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '备份之后的修改' } });
  return { file, s, backup, task };
}

describe.runIf(canMountTmpfs)('a full disk', () => {
  it('during restore: refused as disk full, the plan file is the old one, and the store still works', async () => {
    const { file, s, backup, task } = await planOnSmallDisk();
    const before = fs.readdirSync(disk!.dir).sort();
    disk!.fill(160 * 1024); // room for SQLite to reopen (-shm, a few WAL pages), not for a copy of the plan
    const r = await tryRestore(s, backup);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('DISK_FULL');
    expect(!r.ok && r.error.message).toMatch(/磁盘空间已满/);

    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readdirSync(disk!.dir).filter((n) => n !== 'filler.bin' && !/-(wal|shm)$/.test(n)).sort()).toEqual(before.filter((n) => !/-(wal|shm)$/.test(n)));
    // Calls still work on the file that is there: the old one, with the edit made after the backup.
    expect(firstTask(s).progress).toBe('备份之后的修改');
    ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '磁盘满之后的修改' } });
    expect(firstTask(s).progress).toBe('磁盘满之后的修改');

    // With space again, the same restore succeeds and keeps the replaced file.
    disk!.unfill();
    const done = await restoreNow(s, backup);
    expect(firstTask(s).progress).toBeNull();
    const kept = openStore(done.movedAside!, { readonly: true });
    expect(firstTask(kept).progress).toBe('磁盘满之后的修改');
    kept.close();
  });

  it('during 立即备份 and the automatic backup: refused as disk full, no backup listed, nothing left behind, edits still work', async () => {
    const { file, s, backup, task } = await planOnSmallDisk();
    disk!.fill(160 * 1024);
    const r = await tryBackup(s);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('DISK_FULL');
    await expect(createBackup(file, 'auto')).rejects.toThrow(/磁盘空间已满/);
    expect(ok<Listed[]>(s, 'backups.list', {}).map((b) => b.name)).toEqual([backup]);
    expect(fs.readdirSync(backupDir(file))).toEqual([backup]);
    ok(s, 'tasks.update', { taskId: task.id, patch: { progress: '备份失败之后的修改' } });
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    disk!.unfill();
    expect((await backupNow(s)).name).not.toBe(backup);
  });
});
