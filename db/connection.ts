/**
 * Opening a plan file safely. A file that is not a PlanDesk database, is damaged, or was written by a
 * newer PlanDesk is refused with a typed error and left exactly as it was. Migrating an existing file
 * first makes a backup copy beside it.
 */
import Database from 'better-sqlite3';
import type { Statement } from './statement.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.ts';
import { DISK_FULL_FS_CODES, PlanDeskError, READ_ONLY_FS_CODES, diskFullAtOpen, errorCodeOf, readOnlyAtOpen } from './errors.ts';

/**
 * An open connection: better-sqlite3's, with `prepare` answering the core's own `Statement` type
 * (statement.ts says why). Both types are assignable to each other, so the compiler checks the shape.
 */
export interface Db extends Omit<Database.Database, 'prepare'> {
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(source: string): P extends unknown[] ? Statement<P, R> : Statement<[P], R>;
}

/** PRAGMA application_id written into every plan file: "PLND". */
export const APPLICATION_ID = 0x504c4e44;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** create the file (empty schema) when it does not exist; default false */
  create?: boolean;
  readonly?: boolean;
  /** path to a better_sqlite3.node built for another runtime (Electron) */
  nativeBinding?: string | undefined;
  /** 'skip' only when the caller has just run the integrity check on this file (openStoreAsync, in a worker) */
  integrity?: 'full' | 'skip';
  /** internal: this is the private copy of a file that could not be read where it is */
  copied?: boolean;
}

export interface OpenedFile {
  db: Db;
  created: boolean;
  migratedFrom: number | null;
  backupPath: string | null;
  /** closes the connection and removes the private copy a read-only open may have made */
  close: () => void;
}

function readHeader(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Bytes this user may still write in the folder holding `file`, or null where the OS cannot say. */
export function freeBytes(file: string): number | null {
  try {
    const s = fs.statfsSync(path.dirname(file));
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/**
 * Below this much free space an I/O failure at open is the full disk, not damage: SQLite must create
 * the 32 KB -shm and the first -wal frames of a WAL file even to read it.
 */
const OPEN_NEEDS_BYTES = 1024 * 1024;

/**
 * What a failure while opening or checking `file` truly is. A full disk and a read-only medium are
 * said as such (they lead the user to free space or to read-only viewing, never into restore);
 * only what SQLite reports as unreadable is called damaged.
 */
export function classifyOpenFailure(file: string, err: unknown): PlanDeskError {
  if (err instanceof PlanDeskError) return err;
  const code = errorCodeOf(err);
  if (code === 'SQLITE_FULL' || DISK_FULL_FS_CODES.includes(code)) return diskFullAtOpen(file, freeBytes(file));
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    const free = freeBytes(file);
    if (free !== null && free < OPEN_NEEDS_BYTES) return diskFullAtOpen(file, free);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH' || READ_ONLY_FS_CODES.includes(code))
    return readOnlyAtOpen(file, '文件、它的 -wal/-shm 文件或所在文件夹不可写');
  if (code.startsWith('SQLITE_CANTOPEN') && !writable(path.dirname(file))) return readOnlyAtOpen(file, '所在文件夹不可写');
  return new PlanDeskError('DAMAGED_FILE', `“${file}”已损坏，无法读取。文件没有被修改，请从备份恢复。`);
}

/** `PRAGMA integrity_check` (not quick_check: that one does not compare indexes with their tables). */
export function integrityProblems(db: Db): string[] {
  const rows = db.pragma('integrity_check(20)') as { integrity_check: string }[];
  const texts = rows.map((r) => String(r.integrity_check));
  return texts.length === 1 && texts[0] === 'ok' ? [] : texts;
}

export function damagedByCheck(file: string, problems: readonly string[]): PlanDeskError {
  return new PlanDeskError(
    'DAMAGED_FILE',
    `“${file}”已损坏（完整性检查发现 ${problems.length >= 20 ? '至少 20' : problems.length} 处问题）。文件没有被修改，请从备份恢复。`,
    problems.map((message) => ({ message })),
  );
}

/** A read-only look at a WAL file makes SQLite create -wal/-shm beside it: these are the ones to remove after. */
export function missingSidecars(file: string): string[] {
  return ['-wal', '-shm'].map((s) => file + s).filter((f) => !fs.existsSync(f));
}

export function removeSidecarsWeMade(file: string, made: readonly string[]): void {
  const [wal, shm] = [file + '-wal', file + '-shm'];
  try {
    if (made.includes(wal) && fs.existsSync(wal) && fs.statSync(wal).size === 0) {
      fs.rmSync(wal, { force: true });
      if (made.includes(shm)) fs.rmSync(shm, { force: true });
    }
  } catch {
    /* a read-only folder: SQLite could not have made them either */
  }
}

/**
 * Reads what the file claims to be, without opening it for writing, and checks every page and index
 * (`integrity: 'full'`, the default) unless the caller has just done so (openStoreAsync, in a worker).
 */
export function inspectFile(file: string, nativeBinding?: string, integrity: 'full' | 'skip' = 'full'): { schemaVersion: number } {
  let header: Buffer;
  try {
    header = readHeader(file);
  } catch (err) {
    throw classifyOpenFailure(file, err);
  }
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw new PlanDeskError('NOT_PLANDESK_FILE', `“${file}”不是规划工作台文件（不是 SQLite 数据库）。文件没有被修改。`);
  }
  let db: Db | null = null;
  let userVersion = 0;
  const sidecars = missingSidecars(file);
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    // Read through SQLite rather than from the raw header: after a crash, page 1 may live in the WAL.
    const appId = db.pragma('application_id', { simple: true });
    userVersion = Number(db.pragma('user_version', { simple: true }));
    if (appId !== APPLICATION_ID) {
      throw new PlanDeskError('NOT_PLANDESK_FILE', `“${file}”是其他程序的数据库，不是规划工作台文件。文件没有被修改。`);
    }
    if (userVersion > LATEST_SCHEMA_VERSION) {
      throw new PlanDeskError(
        'SCHEMA_TOO_NEW',
        `“${file}”由更新版本的规划工作台创建（数据结构版本 ${userVersion}，本程序支持到 ${LATEST_SCHEMA_VERSION}）。请升级程序后再打开。文件没有被修改。`,
      );
    }
    if (integrity === 'full') {
      const problems = integrityProblems(db);
      if (problems.length) throw damagedByCheck(file, problems);
    }
  } catch (err) {
    throw classifyOpenFailure(file, err);
  } finally {
    db?.close();
    removeSidecarsWeMade(file, sidecars);
  }
  return { schemaVersion: userVersion };
}

function configure(db: Db, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 2000');
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  // Nothing to do: write nothing (opening must not need free space or a writable file beyond SQLite's own).
  if (pending.length === 0 && db.pragma('application_id', { simple: true }) === APPLICATION_ID) return;
  const run = db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  });
  run();
}

function backupBeforeMigration(file: string, fromVersion: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.v${fromVersion}-${stamp}.bak`;
  try {
    fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
    for (const suffix of ['-wal']) {
      if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, target + suffix, fs.constants.COPYFILE_EXCL);
    }
  } catch (err) {
    fs.rmSync(target, { force: true });
    fs.rmSync(`${target}-wal`, { force: true });
    throw classifyOpenFailure(file, err);
  }
  return target;
}

function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why `file` cannot be opened for writing (file, folder, or a -wal/-shm left by another user), or null. */
function notWritableBecause(file: string): string | null {
  if (!writable(file)) return '文件不可写';
  if (!writable(path.dirname(file))) return '所在文件夹不可写';
  for (const s of ['-wal', '-shm']) if (fs.existsSync(file + s) && !writable(file + s)) return `它的 ${s} 文件不可写`;
  return null;
}

/** A copy in the temp folder, for reading a WAL file where SQLite cannot make its -shm beside it. */
function privateCopy(file: string): { copy: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-readonly-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const copy = path.join(dir, path.basename(file));
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    return { copy, remove };
  } catch (err) {
    remove();
    throw classifyOpenFailure(file, err);
  }
}

const upgradeRefusals = new WeakSet<PlanDeskError>();
function needsUpgrade(file: string): PlanDeskError {
  const err = new PlanDeskError('READ_ONLY', `“${file}”需要升级数据结构，但它以只读方式打开。`);
  upgradeRefusals.add(err);
  return err;
}

/** Opens the file read-only where it is; where that needs writing beside it and cannot, reads a private copy. */
function openReadOnly(file: string, options: OpenOptions): OpenedFile {
  const direct = (): OpenedFile => {
    const { schemaVersion } = inspectFile(file, options.nativeBinding, options.integrity ?? 'full');
    if (schemaVersion < LATEST_SCHEMA_VERSION) throw needsUpgrade(file);
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
      configure(db, true);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return { db, created: false, migratedFrom: null, backupPath: null, close: () => db.close() };
    } catch (err) {
      throw classifyOpenFailure(file, err);
    }
  };
  const viaCopy = (): OpenedFile => {
    const { copy, remove } = privateCopy(file);
    try {
      const opened = openReadOnly(copy, { ...options, create: false, copied: true });
      return { ...opened, close: () => (opened.db.open && opened.db.close(), remove()) };
    } catch (err) {
      remove();
      throw err;
    }
  };
  if (options.copied) return direct();
  if (!writable(path.dirname(file))) return viaCopy();
  try {
    return direct();
  } catch (err) {
    // A -shm or -wal SQLite may not write (another user's, a read-only mount), or no room for them here:
    // read a copy in the temp folder instead.
    if (err instanceof PlanDeskError && ((err.code === 'READ_ONLY' && !upgradeRefusals.has(err)) || err.code === 'DISK_FULL')) return viaCopy();
    throw err;
  }
}

export function openPlanFile(file: string, options: OpenOptions = {}): OpenedFile {
  const exists = fs.existsSync(file);
  if (!exists && !options.create) {
    throw new PlanDeskError('FILE_NOT_FOUND', `找不到规划文件“${file}”。`);
  }
  if (!exists) {
    let db: Db | null = null;
    try {
      db = new Database(file, { nativeBinding: options.nativeBinding });
      // Written while still in rollback-journal mode, so the mark is in the main file from the start.
      db.pragma(`application_id = ${APPLICATION_ID}`);
      configure(db, false);
      migrate(db);
      const made = db;
      return { db: made, created: true, migratedFrom: null, backupPath: null, close: () => made.close() };
    } catch (err) {
      db?.close();
      throw classifyOpenFailure(file, err);
    }
  }
  if (options.readonly) return openReadOnly(file, options);
  const why = notWritableBecause(file);
  if (why) throw readOnlyAtOpen(file, why);
  const { schemaVersion } = inspectFile(file, options.nativeBinding, options.integrity ?? 'full');
  const backupPath = schemaVersion < LATEST_SCHEMA_VERSION ? backupBeforeMigration(file, schemaVersion) : null;
  let db: Db | null = null;
  try {
    db = new Database(file, { fileMustExist: true, nativeBinding: options.nativeBinding });
    configure(db, false);
    migrate(db);
    probeWrite(db);
    const opened = db;
    return { db: opened, created: false, migratedFrom: backupPath ? schemaVersion : null, backupPath, close: () => opened.close() };
  } catch (err) {
    db?.close();
    throw classifyOpenFailure(file, err);
  }
}

/**
 * Takes and drops the write lock once, so a -wal/-shm SQLite can only read (a read-only mount it cannot
 * tell from the file's own mode) is found at open, not at the first edit. Another program writing at
 * this moment is not a reason to refuse opening.
 */
function probeWrite(db: Db): void {
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (errorCodeOf(err).startsWith('SQLITE_BUSY')) return;
    throw err;
  }
}
