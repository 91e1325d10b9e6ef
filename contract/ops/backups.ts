import { z } from 'zod';
import { changes } from '../changes.ts';
import { jobStarted, op } from '../op.ts';

export const backupInfo = z.object({
  name: z.string(),
  at: z.string(),
  reason: z.string(),
  size: z.number().int(),
  /** false for a file left by an interrupted backup: shown, never restored */
  complete: z.boolean(),
});

export const backupOps = {
  /** the plan file's backups, newest first (incomplete leftovers of a crashed backup marked complete: false) */
  'backups.list': op(z.object({}).strict(), z.array(backupInfo)),
  /** 立即备份, a job: jobs.status gives the backup made (`backup`) */
  'backups.create': op(z.object({}).strict(), jobStarted),
  /**
   * Puts a backup (named from backups.list, never a path) in place of the plan file, a job: jobs.status
   * gives `restore`. The current file is moved aside, never overwritten; the restored file is the
   * current plan file afterwards. While it runs every write is refused (BUSY); reads go on.
   */
  'backups.restore': op(z.object({ name: z.string().max(300) }).strict(), jobStarted),
};

/** A finished restore (jobs.status `restore`): what was restored, where the old file went, and "everything changed". */
export const restoreDone = z.object({ restored: backupInfo, movedAside: z.string().nullable(), changes });
export type BackupInfoOut = z.infer<typeof backupInfo>;
export type RestoreDoneOut = z.infer<typeof restoreDone>;
