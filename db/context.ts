/** What every query and handler of the core works with: the open file and a clock. */
import Database from 'better-sqlite3';
import type { Db } from './connection.ts';

export interface StoreContext {
  db: Db;
  file: string;
  readonly: boolean;
  /** ISO timestamp; replaceable in tests */
  now: () => string;
  /** better_sqlite3.node for another runtime (Electron), for the extra connections backups, restore and read snapshots open */
  nativeBinding?: string | undefined;
  /** the user's data folder, where the identity is kept (db/identity/folder.ts); null or absent: none (identity.set refused) */
  userDir?: string | null | undefined;
  /**
   * Closes the file, runs `whileClosed` (e.g. putting a backup in its place), and opens it again:
   * `db` is the new connection afterwards, on whatever file is there then, even when `whileClosed`
   * failed (its error is thrown after reopening). Provided by openStore. `integrity: 'skip'` when
   * `whileClosed` put in place a file whose integrity check has just run (a restore's verified copy);
   * a file reopened after a failure is always checked.
   */
  reopen?: (whileClosed: () => void, options?: { integrity?: 'full' | 'skip' }) => void;
  /** set while a restore job is replacing the file: every write is refused with this message (db/dispatch.ts) */
  busyWith?: string | null;
  /** the refusal's reason while busyWith is set (renderer catalogue err.<reason>): 'busy.restore' when absent, 'busy.delete' while plans.deleteStart runs */
  busyReason?: string | null;
}

/** Prepares a domain's statements once per connection. */
export function preparedOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let q = cache.get(db);
    if (!q) {
      q = build(db);
      cache.set(db, q);
    }
    return q;
  };
}

/**
 * A read snapshot: the plan as it was when the snapshot was opened, on a connection of its own, for
 * long reads (exports) that walk the plan across many turns of the event loop.
 *
 * Why a second connection and not a worker thread: the export code (ExcelJS streaming, the chart
 * worker, the checks) then runs unchanged in every host — Node, tsx, vitest and the Electron main
 * bundle — with no second bundle entry and no copying of the whole result between threads; the
 * event loop is kept free by writing in short time slices instead (db/jobs/jobs.ts Slicer).
 * An export that holds a statement iterator open across yields on the store's own connection makes
 * every other call fail with "This database connection is busy executing a query"; on its own
 * connection nobody else is affected, and because SQLite's WAL lets one writer go on while readers
 * keep their snapshot, edits keep working and the export still shows the state at its start.
 *
 * - WAL file (every writable plan file, and read-only stores, including private copies): a
 *   read-only connection to the same file with a read transaction begun and started at once.
 * - anything else (an in-memory database, a file left in rollback-journal mode, where a reader
 *   would block the writer), or when that connection cannot be opened: an in-memory copy made with
 *   serialize(), which costs one copy of the file in memory (and one pause to copy it) but blocks nobody.
 * A snapshot ctx is read-only; passing one where a snapshot is wanted reuses it (nested calls).
 */
export interface ReadSnapshot {
  ctx: StoreContext;
  close(): void;
}

const snapshots = new WeakSet<StoreContext>();

export function isReadSnapshot(ctx: StoreContext): boolean {
  return snapshots.has(ctx);
}

function inMemoryCopy(main: Db, options: { nativeBinding: string | undefined }): Db {
  const image = main.serialize();
  // An image of a WAL file says so in its header (bytes 18-19 = 2), which an in-memory database
  // cannot open ("unable to open database file"): mark it as a rollback-journal image.
  image[18] = 1;
  image[19] = 1;
  return new Database(image, options);
}

export function openReadSnapshot(ctx: StoreContext): ReadSnapshot {
  if (snapshots.has(ctx)) return { ctx, close: () => {} };
  const main = ctx.db;
  const options = { nativeBinding: ctx.nativeBinding };
  const wal = !main.memory && String(main.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
  let db: Db | null = null;
  if (wal) {
    try {
      db = new Database(main.name, { ...options, readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 2000');
      db.exec('BEGIN');
      // BEGIN is deferred: the snapshot is taken by the first read, so read now.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      // A second connection could not be had (say, a share that refuses the -shm file's locks):
      // the in-memory copy below still gives the export a snapshot of its own.
      db?.close();
      db = null;
    }
  }
  const conn = db ?? inMemoryCopy(main, options);
  const snap: StoreContext = { db: conn, file: ctx.file, readonly: true, now: ctx.now, nativeBinding: ctx.nativeBinding, userDir: ctx.userDir };
  snapshots.add(snap);
  return {
    ctx: snap,
    close: () => {
      if (conn.open) conn.close(); // ends the read transaction: nothing was written
    },
  };
}

/** Runs `work` on a read snapshot (or on `ctx` itself when it is one) and closes it afterwards. */
export async function withReadSnapshot<T>(ctx: StoreContext, work: (snap: StoreContext) => Promise<T>): Promise<T> {
  const s = openReadSnapshot(ctx);
  try {
    return await work(s.ctx);
  } finally {
    s.close();
  }
}
