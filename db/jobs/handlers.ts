/** jobs.status (contract/ops/jobs.ts): the progress and, at the end, the result of a job started by an export or import. */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { jobOps, JobStatusOut } from '../../contract/ops/jobs.ts';
import type { ExportedFile } from '../../contract/ops/export.ts';
import type { ImportPreview } from '../import/run.ts';
import type { ApplyResult } from '../import/apply.ts';
import type { BackupInfoOut, RestoreDoneOut } from '../../contract/ops/backups.ts';
import { jobStatus } from './jobs.ts';
import type { DraftRead } from '../../contract/ops/draft.ts';
import type { PlanDeleted } from '../plans/delete.ts';
import type { PlanUndeleted } from '../plans/delete.worker.ts';
import type { PackageExported, PackagePlanned } from '../packagefiles/export.worker.ts';
import type { SyncDone } from '../sync/run.ts'; // s7-sync16

export const jobHandlers = {
  'jobs.status': (ctx, input): JobStatusOut => {
    const j = jobStatus(ctx, input.jobId);
    const done = j.state === 'done';
    return {
      jobId: j.jobId,
      kind: j.kind,
      state: j.state,
      done: j.done,
      total: j.total,
      file: done && j.kind === 'export' ? (j.result as ExportedFile) : null,
      preview: done && j.kind === 'preview' ? (j.result as ImportPreview) : null,
      applied: done && j.kind === 'apply' ? (j.result as ApplyResult) : null,
      backup: done && j.kind === 'backup' ? (j.result as BackupInfoOut) : null,
      restore: done && j.kind === 'restore' ? (j.result as RestoreDoneOut) : null,
      drafts: done && j.kind === 'draft' ? (j.result as DraftRead) : null,
      deleted: done && j.kind === 'delete' ? (j.result as PlanDeleted) : null,
      undeleted: done && j.kind === 'undelete' ? (j.result as PlanUndeleted) : null,
      package: done && j.kind === 'package' ? (j.result as PackageExported) : null,
      packagePlan: done && j.kind === 'packagePlan' ? (j.result as PackagePlanned) : null,
      sync: done && j.kind === 'sync' ? (j.result as SyncDone) : null, // s7-sync16
      error: j.error,
    };
  },
} satisfies HandlersFor<typeof jobOps, StoreContext>;
