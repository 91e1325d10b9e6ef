/** What every query and handler of the core works with: the open file and a clock. */
import type { Db } from './connection.ts';

export interface StoreContext {
  db: Db;
  file: string;
  readonly: boolean;
  /** ISO timestamp; replaceable in tests */
  now: () => string;
  /** better_sqlite3.node for another runtime (Electron), for the extra connections backups and restore open */
  nativeBinding?: string | undefined;
  /**
   * Closes the file, runs `whileClosed` (e.g. putting a backup in its place), and opens it again:
   * `db` is the new connection afterwards, on whatever file is there then, even when `whileClosed`
   * failed (its error is thrown after reopening). Provided by openStore.
   */
  reopen?: (whileClosed: () => void) => void;
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
