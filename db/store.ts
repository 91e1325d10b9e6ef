/**
 * A plan store: one open plan file with the core's handlers bound to it. This is the entry point
 * for the CLI, the web host, the Electron main process and the tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inspectFile, openPlanFile, type Db } from './connection.ts';
import { CheckUnavailable, verifyIntegrityInWorker } from './integrity.ts';
import type { StoreContext } from './context.ts';
import { dispatch } from './dispatch.ts';
import { PlanDeskError } from './errors.ts';
import { loadSeeds, type SeedBundle } from './seed/load.ts';
import { seedBundle } from './seed/files.ts';
import { addLeadersAfterUpgrade } from './leaders/load.ts';
import { acquirePlanLock } from './lock.ts';
import { restoreBackupFile } from './backups/restore.ts';

export { userDataDir } from './identity/folder.ts';
export { defaultPlanFile } from './paths.ts';

export interface PlanStore {
  ctx: StoreContext;
  db: Db;
  /** set when this open created the file */
  created: boolean;
  backupPath: string | null;
  call(name: unknown, input: unknown): ReturnType<typeof dispatch>;
  close(): void;
}

export interface OpenStoreOptions {
  /**
   * 'seed': create from the seed data when missing; 'reference': create a plan file with no plans but the
   * common reference lists (districts, departments) of the seeds; 'empty': create a bare plan file; false: must exist
   */
  create?: 'seed' | 'reference' | 'empty' | false;
  readonly?: boolean;
  nativeBinding?: string | undefined;
  now?: () => string;
  seeds?: SeedBundle;
  /** take the one-writer-per-file lock under this name (hosts and CLI writes do; read-only opens do not) */
  lockAs?: string;
  /** the release function of a lock the caller already holds on this file (另存为 takes it before copying) */
  heldLock?: () => void;
  /** the user's data folder (db/identity/folder.ts userDataDir); default: PLANDESK_HOME when set, else none */
  userDir?: string | null;
  /** internal: the integrity check has just run (openStoreAsync) */
  integrity?: 'full' | 'skip';
}

export function openStore(file: string, options: OpenStoreOptions = {}): PlanStore {
  const create = options.create ?? false;
  const absolute = path.resolve(file);
  if (create && !fs.existsSync(absolute)) fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const release = options.heldLock ?? (options.lockAs && !options.readonly ? acquirePlanLock(absolute, options.lockAs) : () => {});
  let opened;
  try {
    opened = openPlanFile(absolute, { create: create !== false, readonly: options.readonly, nativeBinding: options.nativeBinding, integrity: options.integrity });
  } catch (err) {
    release();
    throw err;
  }
  const ctx: StoreContext = {
    db: opened.db,
    file: absolute,
    readonly: options.readonly ?? false,
    now: options.now ?? (() => new Date().toISOString()),
    nativeBinding: options.nativeBinding,
    userDir: options.userDir !== undefined ? options.userDir : process.env.PLANDESK_HOME?.trim() ? path.resolve(process.env.PLANDESK_HOME.trim()) : null,
    reopen(whileClosed, reopenOptions) {
      ctx.db.close();
      let failure: unknown = null;
      try {
        whileClosed();
      } catch (err) {
        failure = err;
      }
      // Never left closed: open whatever file is there now (the restored one or the old one);
      // if it cannot be opened for writing (e.g. the disk is full), open it read-only.
      try {
        const integrity = failure === null ? (reopenOptions?.integrity ?? 'full') : 'full';
        ctx.db = openPlanFile(absolute, { readonly: ctx.readonly, nativeBinding: options.nativeBinding, integrity }).db;
      } catch (err) {
        failure ??= err;
        ctx.db = openPlanFile(absolute, { readonly: true, nativeBinding: options.nativeBinding }).db;
        ctx.readonly = true;
      }
      if (failure) throw failure;
    },
  };
  if (opened.created && (create === 'seed' || create === 'reference')) {
    try {
      const bundle = options.seeds ?? seedBundle;
      loadSeeds(ctx, create === 'seed' ? bundle : { ...bundle, plans: [] });
    } catch (err) {
      // Never leave a half-made file behind.
      opened.db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(absolute + suffix, { force: true });
      release();
      throw err;
    }
  }
  // reference data a migration cannot carry: the leaders' 分工 of migration 010 (db/leaders/load.ts)
  if (!opened.created && opened.migratedFrom !== null && opened.migratedFrom < 10 && !ctx.readonly && seedBundle.leaders !== undefined) {
    addLeadersAfterUpgrade(ctx, seedBundle.leaders);
  }
  return {
    ctx,
    get db() {
      return ctx.db;
    },
    created: opened.created,
    backupPath: opened.backupPath,
    call: (name, input) => dispatch(ctx, name, input),
    close: () => {
      if (ctx.db === opened.db) opened.close();
      else if (ctx.db.open) ctx.db.close();
      release();
    },
  };
}

/**
 * openStore for a host whose thread must stay responsive (the desktop main process): takes the lock,
 * runs the integrity check in a worker thread, then opens without checking again — the lock keeps
 * every other PlanDesk writer away in between.
 */
export async function openStoreAsync(file: string, options: OpenStoreOptions = {}): Promise<PlanStore> {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute) || options.readonly) return openStore(file, options);
  const release = options.heldLock ?? (options.lockAs && !options.readonly ? acquirePlanLock(absolute, options.lockAs) : () => {});
  try {
    inspectFile(absolute, options.nativeBinding, 'skip');
    let checked = true;
    try {
      await verifyIntegrityInWorker(absolute, options.nativeBinding);
    } catch (err) {
      // No worker could load the driver (e.g. a packaging mistake): check here rather than not at all.
      if (!(err instanceof CheckUnavailable)) throw err;
      checked = false;
    }
    return openStore(absolute, { ...options, heldLock: release, integrity: checked ? 'skip' : 'full' });
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * Creates a new plan file from the seeds (empty: with no plans, only the common reference lists of
 * districts and departments); refuses to overwrite an existing file.
 */
export function initPlanFile(file: string, options: Omit<OpenStoreOptions, 'create'> & { empty?: boolean } = {}): PlanStore {
  if (fs.existsSync(file)) {
    throw new PlanDeskError('FILE_EXISTS', `文件“${file}”已存在，不会覆盖。请换一个文件名或先移走原文件。`);
  }
  const { empty, ...rest } = options;
  return openStore(file, { ...rest, create: empty ? 'reference' : 'seed' });
}

/**
 * Puts a backup file in place of the plan file under the plan's lock, without opening the plan file:
 * `plandesk backup restore`, which must also work when the plan file is too damaged to open (the open
 * failure names the newest good backup). The backup is checked first; the current file is moved aside.
 */
export function restorePlanFile(file: string, backupFile: string, options: { lockAs: string }): { movedAside: string | null } {
  const release = acquirePlanLock(file, options.lockAs);
  try {
    return restoreBackupFile(file, backupFile);
  } finally {
    release();
  }
}
