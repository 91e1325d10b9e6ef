/**
 * 立即备份 and restore run as jobs off the host's thread: what happens to the calls that arrive
 * while they run. Edits during a backup go through and the backup is the plan as it was when the
 * copy began; during a restore every write is refused (BUSY) — none lands in the file about to be
 * moved aside — reads go on, and afterwards the restored file is open and writable.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/store.ts';
import { backupDir } from '../../db/backups/backups.ts';
import type { JobStatusOut } from '../../contract/ops/jobs.ts';
import type { Task } from '../../contract/entities.ts';
import { ok, seededStore, tempFile } from '../helpers/store.ts';
import { backupNow } from './backup-jobs.ts';

const PLAN = 'p-yufu-2023-13';
const tasksOf = (s: ReturnType<typeof seededStore>) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 20 }).rows;
const pause = () => new Promise<void>((r) => setImmediate(r));

describe('calls arriving while a backup or restore job runs', () => {
  it('a backup job answers at once; edits made while it copies go through; the backup holds the plan as it was', async () => {
    const file = tempFile();
    const s = seededStore(file);
    const [a, b] = tasksOf(s);
    ok(s, 'tasks.update', { taskId: a!.id, patch: { progress: '备份之前' } });
    const { jobId } = ok<{ jobId: string }>(s, 'backups.create', {});
    // The job has not copied anything yet when the call answers: the copy runs in a worker.
    expect(fs.existsSync(backupDir(file)) ? fs.readdirSync(backupDir(file)).filter((n) => n.endsWith('.plandesk')) : []).toEqual([]);
    let edits = 0;
    let status: JobStatusOut;
    for (;;) {
      status = ok<JobStatusOut>(s, 'jobs.status', { jobId });
      if (status.state !== 'running') break;
      // every edit made meanwhile succeeds
      ok(s, 'tasks.update', { taskId: b!.id, patch: { progress: `备份期间的修改 ${++edits}` } });
      await pause();
    }
    expect(status.error).toBeNull();
    // the host answered calls while the backup ran (a copy made on the host's thread would allow one at most)
    expect(edits).toBeGreaterThanOrEqual(3);
    const copy = openStore(`${backupDir(file)}/${status.backup!.name}`, { readonly: true });
    const inBackup = tasksOf(copy);
    copy.close();
    expect(inBackup.find((t) => t.id === a!.id)?.progress).toBe('备份之前');
    s.close();
  });

  it('while a restore job runs every write is refused as BUSY and nothing lands in the replaced file; reads go on; afterwards the restored file is writable', async () => {
    const file = tempFile();
    const s = seededStore(file);
    const [a] = tasksOf(s);
    ok(s, 'tasks.update', { taskId: a!.id, patch: { progress: '备份里的内容' } });
    const backup = await backupNow(s);
    ok(s, 'tasks.update', { taskId: a!.id, patch: { progress: '恢复之前的修改' } });

    const { jobId } = ok<{ jobId: string }>(s, 'backups.restore', { name: backup.name });
    const refused: string[] = [];
    let reads = 0;
    let status: JobStatusOut;
    for (;;) {
      status = ok<JobStatusOut>(s, 'jobs.status', { jobId });
      if (status.state !== 'running') break;
      // the job is running: a write is refused, a second backup or restore too, reads answer
      const w = s.call('tasks.update', { taskId: a!.id, patch: { progress: '恢复期间的修改' } });
      if (w.ok) throw new Error(`a write went through during the restore (after ${refused.length} refused)`);
      refused.push(w.error.code);
      // writes not declared as writes in the contract are stopped by SQLite (query_only) and told as BUSY too
      for (const [name, input] of [['versions.create', { planId: PLAN, name: `恢复期间 ${reads}` }], ['preferences.set', { userName: '恢复期间' }]] as const) {
        const r = s.call(name, input);
        if (r.ok) throw new Error(`${name} went through during the restore`);
        refused.push(r.error.code);
      }
      const again = s.call('backups.create', {});
      expect(again.ok).toBe(false);
      expect(tasksOf(s).length).toBeGreaterThan(0);
      reads++;
      await pause();
    }
    expect(status.error).toBeNull();
    expect(reads).toBeGreaterThanOrEqual(3); // calls answered while the restore ran
    expect(new Set(refused)).toEqual(new Set(['BUSY']));
    // The plan is the backup's; the moved-aside file holds what was there before, and no write from during the restore.
    expect(tasksOf(s).find((t) => t.id === a!.id)?.progress).toBe('备份里的内容');
    const aside = openStore(status.restore!.movedAside!, { readonly: true });
    expect(tasksOf(aside).find((t) => t.id === a!.id)?.progress).toBe('恢复之前的修改');
    expect(ok<unknown[]>(aside, 'versions.list', { planId: PLAN })).toEqual(ok<unknown[]>(s, 'versions.list', { planId: PLAN }));
    aside.close();
    ok(s, 'tasks.update', { taskId: a!.id, patch: { progress: '恢复之后的修改' } });
    expect(tasksOf(s).find((t) => t.id === a!.id)?.progress).toBe('恢复之后的修改');
    s.close();
  });

  it('a restore that fails leaves the old file open and writable again', async () => {
    const file = tempFile();
    const s = seededStore(file);
    const [a] = tasksOf(s);
    const backup = await backupNow(s);
    // The backup disappears before the job copies it.
    const { jobId } = ok<{ jobId: string }>(s, 'backups.restore', { name: backup.name });
    fs.rmSync(`${backupDir(file)}/${backup.name}`);
    let status: JobStatusOut;
    for (;;) {
      status = ok<JobStatusOut>(s, 'jobs.status', { jobId });
      if (status.state !== 'running') break;
      await pause();
    }
    expect(status.state).toBe('failed');
    ok(s, 'tasks.update', { taskId: a!.id, patch: { progress: '失败之后的修改' } });
    expect(tasksOf(s).find((t) => t.id === a!.id)?.progress).toBe('失败之后的修改');
    s.close();
  });
});
