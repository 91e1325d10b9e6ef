/**
 * The open-time integrity check in a worker thread. `PRAGMA integrity_check` reads every page and
 * compares every index with its table: about 0.4 s for a 100,000-task plan here (`npm run bench -- load`),
 * seconds on a slow disk. The web host runs it synchronously before it serves; the desktop main process
 * (whose event loop is the window's) runs it here, so the window stays responsive (openStoreAsync).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { damagedByCheck, missingSidecars, removeSidecarsWeMade, classifyOpenFailure } from './connection.ts';
import { onDisk, workerAnswer } from './workers.ts';

const requireHere = createRequire(import.meta.url);

/** The worker could not run the check at all (no driver it can load): the caller checks on its own thread. */
export class CheckUnavailable extends Error {}

// Plain CommonJS, evaluated by the worker: it needs no loader, in tsx, vitest, Node or Electron alike.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let reply;
let db = null;
let Database = null;
try {
  Database = require(workerData.driver);
} catch (err) {
  reply = { unavailable: String((err && err.message) || err) };
}
if (Database) try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  const rows = db.pragma('integrity_check(20)').map((r) => String(r.integrity_check));
  reply = { problems: rows.length === 1 && rows[0] === 'ok' ? [] : rows };
} catch (err) {
  const code = String((err && err.code) || '');
  const message = String((err && err.message) || err);
  // Only SQLite's and the file system's answers are about the file; anything else (a native module this
  // thread cannot load) means the check could not run here.
  reply = code.startsWith('SQLITE_') || /^E[A-Z]+$/.test(code) ? { error: { code, message } } : { unavailable: message };
}
// Closed before answering, so the -wal/-shm a read-only look made can be removed right after.
try { if (db) db.close(); } catch {}
parentPort.postMessage(reply);
`;

const driverPath = () => onDisk(requireHere.resolve('better-sqlite3'));

/** Runs the integrity check of `file` off this thread; throws DAMAGED_FILE (or DISK_FULL/READ_ONLY, truthfully). */
export async function verifyIntegrityInWorker(file: string, nativeBinding?: string): Promise<void> {
  const made = missingSidecars(file);
  try {
    type Reply = { problems?: string[]; error?: { code: string; message: string }; unavailable?: string };
    const worker = new Worker(WORKER, { eval: true, workerData: { driver: driverPath(), file, nativeBinding: nativeBinding ? onDisk(nativeBinding) : undefined } });
    const reply = await workerAnswer<Reply>(worker, {
      error: (err) => new CheckUnavailable(String(err)),
      exit: (code) => new CheckUnavailable(`完整性检查意外结束（${code}）`),
    });
    if (reply.unavailable !== undefined) throw new CheckUnavailable(reply.unavailable);
    if (reply.error) throw classifyOpenFailure(file, Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    if (reply.problems?.length) throw damagedByCheck(file, reply.problems);
  } finally {
    removeSidecarsWeMade(file, made);
  }
}
