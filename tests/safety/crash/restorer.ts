/**
 * The restore/backup crash test's child. Opens a plan file as the hosts do (with the lock) and:
 *  - `loop`: edits, makes backups (立即备份 and the online automatic backup) and restores them, as
 *    fast as it can, printing what each finished step means for the file's content, until killed;
 *  - `step <name>`: restores the given backup and kills itself with SIGKILL right after that
 *    step of the restore (restore.ts), so every step boundary is hit.
 * Lines: `ack N` (edit N committed), `backup NAME N` (backup NAME holds edits up to N),
 * `restore-begin N` (restoring a backup holding edits up to N), `restored N`.
 */
import { createBackup, restoreBackupFile } from '../../../db/backups/backups.ts';
import type { RestoreStep } from '../../../db/backups/restore.ts';
import { openStore } from '../../../db/store.ts';
import { backupNow, restoreNow } from '../backup-jobs.ts';

const [file, planId, mode, arg] = process.argv.slice(2);
if (!file || !planId || !mode) throw new Error('usage: restorer.ts FILE PLAN loop|step STEP BACKUP');
const store = openStore(file, { lockAs: '崩溃测试' });
const ids = (store.call('tasks.list', { planId, limit: 50 }) as { ok: true; value: { rows: { id: string }[] } }).value.rows.map((r) => r.id);
const say = (line: string) => process.stdout.write(`${line}\n`);

function edit(n: number): void {
  const r = store.call('tasks.update', { taskId: ids[n % ids.length]!, patch: { progress: `edit-${n}` } });
  if (!r.ok) throw new Error(r.error.message);
  say(`ack ${n}`);
}

if (mode === 'step') {
  const backup = process.argv[6];
  if (!arg || !backup) throw new Error('step needs STEP BACKUP');
  say('ready');
  store.ctx.reopen?.(() => {
    restoreBackupFile(file, backup, {
      afterStep: (s: RestoreStep) => {
        if (s === arg) process.kill(process.pid, 'SIGKILL');
      },
    });
  });
  say('finished');
} else {
  const made: { name: string; upTo: number }[] = [];
  let n = Number(process.env.START ?? '1');
  say('ready');
  for (let op = 0; ; op++) {
    edit(n++);
    if (op % 5 === 2) {
      made.push({ name: (await backupNow(store)).name, upTo: n - 1 });
      say(`backup ${made.at(-1)!.name} ${n - 1}`);
    } else if (op % 5 === 3) {
      const b = await createBackup(store.ctx.file, 'auto', { everyMinutes: 10, keep: 4 });
      made.push({ name: b.name, upTo: n - 1 });
      say(`backup ${b.name} ${n - 1}`);
    } else if (op % 5 === 4 && made.length > 0) {
      // Restore a backup of this run that rotation has not removed yet.
      const listed = new Set(((store.call('backups.list', {}) as { ok: true; value: { name: string }[] }).value).map((b) => b.name));
      const pick = made.filter((b) => listed.has(b.name)).at(-1 - (op % 2));
      if (pick) {
        say(`restore-begin ${pick.upTo}`);
        await restoreNow(store, pick.name);
        say(`restored ${pick.upTo}`);
      }
    }
  }
}
