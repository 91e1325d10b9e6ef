/**
 * Opening a large plan: the open-time integrity check (PRAGMA integrity_check, which reads every page
 * and compares every index with its table) beside raw better-sqlite3 opens with quick_check and with
 * integrity_check, in the same run; and how long the desktop path (the check in a worker thread) holds
 * up the opening thread's event loop.
 */
import Database from 'better-sqlite3';
import { openStore, openStoreAsync } from '../db/store.ts';
import { bestOf, report, timeAsync } from './measure.ts';

function rawCheck(file: string, pragma: 'quick_check' | 'integrity_check'): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma(pragma);
  db.close();
}

export async function benchOpen(file: string, label: string): Promise<void> {
  rawCheck(file, 'quick_check'); // warm the page cache, so every figure below reads from memory alike
  const quick = bestOf(5, () => rawCheck(file, 'quick_check'));
  const integrity = bestOf(5, () => rawCheck(file, 'integrity_check'));
  const ours = bestOf(5, () => openStore(file).close());
  report(`Open ${label}: integrity_check decides read-write opening`, { name: 'PlanDesk openStore (read-write, integrity_check)', ms: ours.ms }, { name: 'raw better-sqlite3 open + quick_check', ms: quick.ms });
  report('  what the check itself costs over quick_check', { name: 'raw better-sqlite3 open + integrity_check', ms: integrity.ms }, { name: 'raw better-sqlite3 open + quick_check', ms: quick.ms });

  // The desktop path: the check in a worker thread; the opening thread's longest stall is what the window feels.
  let last = performance.now();
  let longest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 2);
  const desktop = await timeAsync(async () => (await openStoreAsync(file, { lockAs: 'bench' })).close());
  clearInterval(tick);
  report(
    `  desktop path (openStoreAsync, check in a worker; ${desktop.ms.toFixed(0)} ms in all): longest stall of the opening thread`,
    { name: 'longest event-loop stall, openStoreAsync', ms: longest },
    { name: 'openStore on the thread (one stall)', ms: ours.ms },
  );
}
