/** packagefiles.* (contract/ops/packagefiles.ts): 报送包 as bytes for the browser, see files.ts. */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { packageFileOps } from '../../contract/ops/packagefiles.ts';
import { exportPackageFile, planPackageFile, previewPackageFile, reopenPackageFile } from './files.ts';
import { startPackageExportJob, startPackagePlanJob } from './export-job.ts';

export const packageFileHandlers = {
  'packagefiles.export': (ctx, input) => exportPackageFile(ctx, input),
  'packagefiles.exportStart': (ctx, input) => startPackageExportJob(ctx, input),
  'packagefiles.planStart': (ctx, input) => startPackagePlanJob(ctx, input),
  'packagefiles.plan': (ctx, input) => planPackageFile(ctx, input),
  'packagefiles.preview': (ctx, input) => previewPackageFile(ctx, input),
  'packagefiles.reopen': (ctx, input) => reopenPackageFile(ctx, input),
} satisfies HandlersFor<typeof packageFileOps, StoreContext>;
