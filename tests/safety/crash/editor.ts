/**
 * The crash test's child: opens a plan file with the real core and edits it as fast as it can,
 * printing "ack N" after edit N has been committed. The parent kills it with SIGKILL at random.
 */
import { openStore } from '../../../db/store.ts';

const [file, planId] = process.argv.slice(2);
if (!file || !planId) throw new Error('usage: editor.ts FILE PLAN');
const store = openStore(file);
const ids = (store.call('tasks.list', { planId, limit: 50 }) as { ok: true; value: { rows: { id: string }[] } }).value.rows.map((r) => r.id);
const start = Number(process.env.START ?? '1');
for (let n = start; ; n++) {
  const taskId = ids[n % ids.length]!;
  const r = store.call('tasks.update', { taskId, patch: { progress: `edit-${n}` } });
  if (!r.ok) throw new Error(r.error.message);
  process.stdout.write(`ack ${n}\n`);
}
