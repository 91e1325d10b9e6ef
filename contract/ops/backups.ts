import { z } from 'zod';
import { op, writeOp } from '../op.ts';

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
  'backups.create': op(z.object({}).strict(), backupInfo),
  /**
   * Puts a backup (named from backups.list, never a path) in place of the plan file. The current
   * file is moved aside, never overwritten; the restored file is the current plan file afterwards.
   */
  'backups.restore': writeOp(z.object({ name: z.string().max(300) }).strict(), z.object({ restored: backupInfo, movedAside: z.string().nullable() })),
};
