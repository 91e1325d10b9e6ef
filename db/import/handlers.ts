/** The import operations (contract/ops/import.ts): preview and apply each run as a job (db/jobs/jobs.ts). */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { importOps } from '../../contract/ops/import.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { previewImport, applyImportFile } from './run.ts';
import { startJob } from '../jobs/jobs.ts';

export const importHandlers = {
  'import.preview': (ctx, input) => {
    getPlanRow(ctx, input.planId);
    const bytes = Buffer.from(input.dataBase64, 'base64');
    return startJob(ctx, 'preview', (progress) => previewImport(ctx, input.planId, bytes, input.fileName, (n) => progress(n, 0)));
  },
  'import.apply': (ctx, input) => {
    getPlanRow(ctx, input.planId);
    const bytes = Buffer.from(input.dataBase64, 'base64');
    return startJob(ctx, 'apply', (progress) =>
      applyImportFile(ctx, input.planId, bytes, input.fileName, { expectFingerprint: input.fingerprint, onProgress: (n) => progress(n, 0) }),
    );
  },
} satisfies HandlersFor<typeof importOps, StoreContext>;
