/** What a user can do with versions: save, list, compare, restore, export a comparison (a job, polled through jobs.status). */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { versionOps } from '../../contract/ops/versions.ts';
import { createVersion, getVersionRow, listVersions, resolveVersion } from './store.ts';
import { toVersion } from './queries.ts';
import { diffDocument } from './document.ts';
import { compareVersions } from './present.ts';
import { restoreVersion } from './restore.ts';
import { comparisonSides, exportComparison } from './export.ts';
import { startJob } from '../jobs/jobs.ts';

export const versionHandlers = {
  'versions.create': (ctx, input) => createVersion(ctx, input),
  'versions.list': (ctx, input) => listVersions(ctx, input.planId),
  'versions.resolve': (ctx, input) => toVersion(resolveVersion(ctx, input.ref, input.planId)),
  'versions.diff': (ctx, input) => diffDocument(ctx, input),
  'versions.compare': (ctx, input) => compareVersions(ctx, input),
  'versions.restore': (ctx, input) => restoreVersion(ctx, getVersionRow(ctx, input.versionId)),
  'versions.exportComparison': (ctx, input) => {
    comparisonSides(ctx, input); // a wrong plan or version is refused at once, not as a failed job
    return startJob(ctx, 'export', (onProgress) => exportComparison(ctx, input, { onProgress }));
  },
} satisfies HandlersFor<typeof versionOps, StoreContext>;
