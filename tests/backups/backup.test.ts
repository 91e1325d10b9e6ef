import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDir, createBackup, listBackups, newestGoodBackup, restoreBackupFile } from '../../db/backups/backups.ts';
import { backupName, backupsToDelete, isBackupDue } from '../../db/backups/policy.ts';
import { describeOpenFailure } from '../../db/backups/recovery.ts';
import { openStore } from '../../db/store.ts';
import { main } from '../../cli/main.ts';
import { ok, seededStore, tempFile } from '../helpers/store.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';
const firstTask = (s: ReturnType<typeof seededStore>) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('backup policy', () => {
  it('backs up after N minutes of editing, not when nothing changed', () => {
    const p = { everyMinutes: 10, keep: 3 };
    const min = 60_000;
    expect(isBackupDue(p, null, null, 0)).toBe(false);
    expect(isBackupDue(p, null, 5, 10)).toBe(true);
    expect(isBackupDue(p, 0, 5 * min, 9 * min)).toBe(false);
    expect(isBackupDue(p, 0, 5 * min, 10 * min)).toBe(true);
    expect(isBackupDue(p, 20 * min, 5 * min, 40 * min)).toBe(false);
    expect(backupsToDelete(['a', 'b', 'c', 'd', 'e'], 3)).toEqual(['d', 'e']);
    expect(backupsToDelete(['a'], 0)).toEqual([]);
    expect(backupName('plans.plandesk', new Date(2026, 10, 22, 3, 4, 5), 'auto')).toBe('plans-20261122-030405-auto.plandesk');
  });
});

describe('backups', () => {
  it('an online backup of an open, edited file is a complete plan file; old automatic ones rotate out', async () => {
    const file = tempFile();
    const s = seededStore(file);
    ok(s, 'tasks.update', { taskId: firstTask(s).id, patch: { progress: '备份前的修改' } });
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await createBackup(file, 'auto', { everyMinutes: 10, keep: 2 }));
    const list = listBackups(file);
    expect(list.filter((b) => b.reason === 'auto')).toHaveLength(2);
    expect(list[0]?.file).toBe(made[3]?.file);
    const copy = openStore(list[0]!.file, { readonly: true });
    expect(ok<{ rows: Task[] }>(copy, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]?.progress).toBe('备份前的修改');
    copy.close();
    expect(path.dirname(list[0]!.file)).toBe(backupDir(file));
  });

  it('a damaged plan file is refused untouched, with the newest good backup offered; restore moves the damaged file aside', async () => {
    const file = tempFile();
    const s = seededStore(file);
    ok(s, 'tasks.update', { taskId: firstTask(s).id, patch: { progress: '最后一次备份的内容' } });
    const good = await createBackup(file, 'manual');
    s.close();
    fs.writeFileSync(path.join(backupDir(file), 'plans-20200101-000000-auto.plandesk'), 'not a database at all, padded'.repeat(10));
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0x33), 0, 8192, 4096);
    fs.closeSync(fd);
    const damaged = fs.readFileSync(file);

    let failure;
    try {
      openStore(file);
    } catch (err) {
      failure = describeOpenFailure(file, err);
    }
    expect(failure?.message).toMatch(/已损坏/);
    expect(failure?.message).toContain(good.file);
    expect(failure?.backup?.file).toBe(good.file);
    expect(newestGoodBackup(file)?.file).toBe(good.file);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);

    const r = await cli('backup', 'restore', '--db', file, '--from', good.file);
    expect(r.code).toBe(0);
    const aside = /改名保留为 (.+)\n/.exec(r.out)?.[1];
    expect(aside && fs.readFileSync(aside).equals(damaged)).toBe(true);
    const back = openStore(file);
    expect(ok<{ rows: Task[] }>(back, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]?.progress).toBe('最后一次备份的内容');
    back.close();
  });

  it('refuses to restore a backup that is itself damaged, leaving the plan file as it was', () => {
    const file = tempFile();
    seededStore(file).close();
    const before = fs.readFileSync(file);
    const bad = tempFile('bad.plandesk');
    fs.writeFileSync(bad, 'junk');
    expect(() => restoreBackupFile(file, bad)).toThrow(/不是规划工作台文件/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('plandesk backup create and list', async () => {
    const file = tempFile();
    seededStore(file).close();
    expect((await cli('backup', 'create', '--db', file)).code).toBe(0);
    const listed = JSON.parse((await cli('backup', 'list', '--db', file, '--json')).out);
    expect(listed).toHaveLength(1);
    expect(listed[0].reason).toBe('manual');
    expect((await cli('backup', 'explode', '--db', file)).code).toBe(2);
  });
});
