/**
 * A prepared statement, as the core's query maps (`preparedOnce` in context.ts) export it.
 *
 * Why our own name: better-sqlite3's types declare their Statement interface in a namespace the
 * package does not export, so the declarations `tsc -b` writes for db/ (tsconfig.db.json; electron/,
 * web/, cli/ and tests/ compile against them) could not name an inferred query map (TS4023). This is
 * the same shape: connection.ts's `Db` returns it from `prepare`, and a better-sqlite3 connection is
 * assigned to `Db` (and back) where a file is opened, so the compiler refuses the build if
 * better-sqlite3's statements stop matching it.
 */
import type Database from 'better-sqlite3';

export interface Statement<P extends unknown[] = unknown[], R = unknown> {
  database: Database.Database;
  source: string;
  reader: boolean;
  readonly: boolean;
  busy: boolean;
  run(...params: P): Database.RunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  bind(...params: P): this;
  pluck(toggleState?: boolean): this;
  expand(toggleState?: boolean): this;
  raw(toggleState?: boolean): this;
  columns(): Database.ColumnDefinition[];
  safeIntegers(toggleState?: boolean): this;
}
