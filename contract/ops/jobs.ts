/** Long work (exports, imports, the version comparison) runs as a job: `jobs.status` reports its progress and result. */
import { z } from 'zod';
import { op } from '../op.ts';
export { jobStarted } from '../op.ts';
import { exportedFile } from './export.ts';
import { importApplied, importPreview } from './import.ts';
import { backupInfo, restoreDone } from './backups.ts';
import { draftRead } from './draft.ts';
import { planDeleted, planUndeleted } from './plans.ts';
import { packageFileExported, packageFilePlan } from './packagefiles.ts';
import { syncDone } from './sync.ts'; // s7-sync16

export const jobStatus = z.object({
  jobId: z.string(),
  kind: z.enum(['export', 'preview', 'apply', 'backup', 'restore', 'draft', 'delete', 'undelete', 'package', 'packagePlan', 'sync']),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  file: exportedFile.nullable(),
  preview: importPreview.nullable(),
  applied: importApplied.nullable(),
  /** 立即备份's backup (backups.create) */
  backup: backupInfo.nullable(),
  /** a finished restore (backups.restore) */
  restore: restoreDone.nullable(),
  /** the drafts of a document read by draft.start */
  drafts: draftRead.nullable().optional(),
  /** a plan deleted by plans.deleteStart, with its change set */
  deleted: planDeleted.nullable().optional(),
  /** a plan's deletion undone by plans.undeleteStart: the undo's label (null: nothing was undone) */
  undeleted: planUndeleted.nullable().optional(),
  /** a 报送包 made by packagefiles.exportStart, as bytes to download */
  package: packageFileExported.nullable().optional(),
  /** what an export would carry now (packagefiles.planStart) */
  packagePlan: packageFilePlan.nullable().optional(),
  /** a finished 同步 (sync.run) */
  sync: syncDone.nullable().optional(), // s7-sync16
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.object({ field: z.string().optional(), row: z.number().optional(), message: z.string() })) }).nullable(),
});
export type JobStatusOut = z.infer<typeof jobStatus>;

export const jobOps = {
  'jobs.status': op(z.object({ jobId: z.string().max(100) }).strict(), jobStatus),
};
