/**
 * Opening a plan file safely. A file that is not a PlanDesk database, is damaged, or was written by a
 * newer PlanDesk is refused with a typed error and left exactly as it was. Migrating an existing file
 * first makes a backup copy beside it.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.ts';
import { PlanDeskError, fromSqliteError } from './errors.ts';

export type Db = Database.Database;

/** PRAGMA application_id written into every plan file: "PLND". */
export const APPLICATION_ID = 0x504c4e44;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** create the file (empty schema) when it does not exist; default false */
  create?: boolean;
  readonly?: boolean;
  /** path to a better_sqlite3.node built for another runtime (Electron) */
  nativeBinding?: string | undefined;
}

export interface OpenedFile {
  db: Db;
  created: boolean;
  migratedFrom: number | null;
  backupPath: string | null;
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

/** Reads what the file claims to be, without opening it for writing. */
export function inspectFile(file: string, nativeBinding?: string): { schemaVersion: number } {
  const header = readHeader(file);
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw new PlanDeskError('NOT_PLANDESK_FILE', `“${file}”不是规划工作台文件（不是 SQLite 数据库）。文件没有被修改。`);
  }
  let db: Db | null = null;
  let userVersion = 0;
  // A read-only look at a WAL file makes SQLite create -wal/-shm beside it; remove what we made.
  const sidecars = ['-wal', '-shm'].map((s) => file + s).filter((f) => !fs.existsSync(f));
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
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') {
      throw new PlanDeskError('DAMAGED_FILE', `“${file}”已损坏（完整性检查未通过）。文件没有被修改，请从备份恢复。`);
    }
  } catch (err) {
    if (err instanceof PlanDeskError) throw err;
    throw new PlanDeskError('DAMAGED_FILE', `“${file}”已损坏，无法读取。文件没有被修改，请从备份恢复。`);
  } finally {
    db?.close();
    const [wal, shm] = [file + '-wal', file + '-shm'];
    if (sidecars.includes(wal) && fs.existsSync(wal) && fs.statSync(wal).size === 0) {
      fs.rmSync(wal, { force: true });
      if (sidecars.includes(shm)) fs.rmSync(shm, { force: true });
    }
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
  fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
  for (const suffix of ['-wal']) {
    if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, target + suffix, fs.constants.COPYFILE_EXCL);
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

function privateCopy(file: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-readonly-'));
  const copy = path.join(dir, path.basename(file));
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  return copy;
}

export function openPlanFile(file: string, options: OpenOptions = {}): OpenedFile {
  const exists = fs.existsSync(file);
  if (!exists && !options.create) {
    throw new PlanDeskError('FILE_NOT_FOUND', `找不到规划文件“${file}”。`);
  }
  if (!exists) {
    try {
      const db = new Database(file, { nativeBinding: options.nativeBinding });
      // Written while still in rollback-journal mode, so the mark is in the main file from the start.
      db.pragma(`application_id = ${APPLICATION_ID}`);
      configure(db, false);
      migrate(db);
      return { db, created: true, migratedFrom: null, backupPath: null };
    } catch (err) {
      throw fromSqliteError(err);
    }
  }
  const readonly = options.readonly ?? false;
  if (!readonly && !(writable(file) && writable(path.dirname(file)))) {
    throw new PlanDeskError(
      'READ_ONLY',
      `“${file}”是只读的（或它所在的文件夹不可写），不能编辑。可以以只读方式查看，或把它另存到可写的位置。文件没有被修改。`,
    );
  }
  if (readonly && !writable(path.dirname(file))) {
    // SQLite needs to create its -shm file beside a WAL database even to read it: read a private copy.
    return openPlanFile(privateCopy(file), { ...options, create: false });
  }
  const { schemaVersion } = inspectFile(file, options.nativeBinding);
  if (readonly && schemaVersion < LATEST_SCHEMA_VERSION) {
    throw new PlanDeskError('READ_ONLY', `“${file}”需要升级数据结构，但它以只读方式打开。`);
  }
  const backupPath = !readonly && schemaVersion < LATEST_SCHEMA_VERSION ? backupBeforeMigration(file, schemaVersion) : null;
  try {
    const db = new Database(file, { readonly, fileMustExist: true, nativeBinding: options.nativeBinding });
    configure(db, readonly);
    if (!readonly) migrate(db);
    return { db, created: false, migratedFrom: backupPath ? schemaVersion : null, backupPath };
  } catch (err) {
    throw fromSqliteError(err);
  }
}
