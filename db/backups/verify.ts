/**
 * Checking a copy of a plan file before it becomes a backup or is restored: it must be a PlanDesk
 * file (inspectFile) and pass SQLite's full `integrity_check` (which, unlike quick_check, also
 * finds damaged indexes). The copy is made standalone on the way: a WAL beside it is folded in and
 * it is switched to rollback-journal mode, so it is one self-contained file.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { inspectFile } from '../connection.ts';
import { PlanDeskError } from '../errors.ts';
import { isDiskFull } from './durable.ts';

function damaged(file: string, detail: string): PlanDeskError {
  return new PlanDeskError('DAMAGED_FILE', `“${file}”已损坏（完整性检查未通过：${detail}）。`, [], { reason: 'file.damaged', params: { file, detail } });
}

/** Runs SQLite's full integrity check on `file`, opened as `open` says; `cleanup` runs after closing. */
function checkIntegrity(file: string, open: { readonly: boolean; journalDelete: boolean }, cleanup: () => void, nativeBinding?: string): void {
  inspectFile(file, nativeBinding, 'skip'); // what it claims to be; the full check follows here
  let rows: { integrity_check: string }[];
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: open.readonly, fileMustExist: true, nativeBinding });
    if (open.journalDelete) db.pragma('journal_mode = DELETE');
    rows = db.pragma('integrity_check') as { integrity_check: string }[];
  } catch (err) {
    if (isDiskFull(err)) throw err;
    throw damaged(file, err instanceof Error ? err.message : String(err));
  } finally {
    db?.close();
    cleanup();
  }
  if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') {
    throw damaged(file, rows.slice(0, 3).map((r) => r.integrity_check).join('；'));
  }
}

/** Throws DAMAGED_FILE (or NOT_PLANDESK_FILE / SCHEMA_TOO_NEW / DISK_FULL) unless our own copy `file` is a whole, intact plan file. */
export function verifyOwnCopy(file: string, nativeBinding?: string): void {
  // Folded into one self-contained file on the way (rollback-journal mode, no -wal/-shm left).
  checkIntegrity(file, { readonly: false, journalDelete: true }, () => {
    for (const s of ['-wal', '-shm']) fs.rmSync(file + s, { force: true });
  }, nativeBinding);
}

/** The same checks on a file we do not own (a backup being offered): read-only, leaving nothing beside it. */
export function verifyBackupFile(file: string, nativeBinding?: string): void {
  const made = ['-wal', '-shm'].map((s) => file + s).filter((f) => !fs.existsSync(f));
  checkIntegrity(file, { readonly: true, journalDelete: false }, () => {
    for (const f of made) if (fs.existsSync(f) && (f.endsWith('-shm') || fs.statSync(f).size === 0)) fs.rmSync(f, { force: true });
  }, nativeBinding);
}

/**
 * Switches our own copy to WAL mode (as every open plan file is) before it is put in place, so
 * opening the restored file never has to change its journal mode — a change SQLite makes through a
 * rollback journal, which a kill at that moment would leave hot beside the plan file.
 */
export function makeWal(file: string, nativeBinding?: string): void {
  const db = new Database(file, { fileMustExist: true, nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  for (const s of ['-wal', '-shm']) fs.rmSync(file + s, { force: true });
}
