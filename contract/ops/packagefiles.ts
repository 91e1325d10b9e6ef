/**
 * 报送包 as bytes, for the browser (s6-ui15, issue 15): the page has a file's bytes, not a host path, so
 * these wrap packages.export / packages.preview (contract/ops/packages.ts) through a private temp file
 * (db/packagefiles/files.ts). Named packagefiles.* because the layout rule puts an operation d.v in
 * contract/ops/d.ts and db/d/handlers.ts, and packages.ts is the exchange core's.
 */
import { z } from 'zod';
import { id } from '../entities.ts';
import { jobStarted, op, writeOp } from '../op.ts';
import { packagePreview } from './packages.ts';

/** the largest .pdpkg the page may upload: 32 MB (about 43 MB of base64, within the web host's body limit) */
export const MAX_PACKAGE_UPLOAD_BYTES = 32 * 1024 * 1024;
const base64 = z.string().min(1).max(Math.ceil((MAX_PACKAGE_UPLOAD_BYTES * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const fileName = z.string().min(1).max(255);

/** a package made for download (packagefiles.export, and the result of packagefiles.exportStart's job) */
export const packageFileExported = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  dataBase64: z.string(),
  packageId: z.string(),
  seq: z.number().int(),
  full: z.boolean(),
  changeCount: z.number().int(),
  versionName: z.string(),
  recipient: z.string(),
});

/** what an export would carry now (the trial export) */
export const packageFilePlan = z.object({ seq: z.number().int(), full: z.boolean(), changeCount: z.number().int(), recipient: z.string() });

const labelledPreview = packagePreview.extend({
  /** rows named for the planner, by `${table}/${rowId}` (db/packagefiles/labels.ts) */
  labels: z.record(z.string(), z.object({ name: z.string(), year: z.number().int().optional(), period: z.string().optional(), kind: z.enum(['target', 'actual']).optional() })),
});

export const packageFileOps = {
  'packagefiles.export': writeOp(z.object({ planId: id, to: z.string().min(1).max(200) }).strict(), packageFileExported),
  /**
   * packagefiles.export as a job (the workbench's 导出报送包): made in a worker on its own connection, so the
   * host answers other calls meanwhile (writes: BUSY until it is done); jobs.status gives `package`.
   */
  'packagefiles.exportStart': op(z.object({ planId: id, to: z.string().min(1).max(200) }).strict(), jobStarted),
  /** What packagefiles.export would carry now (a trial export, rolled back): for the 导出报送包 dialog. */
  'packagefiles.plan': op(z.object({ planId: id, to: z.string().min(1).max(200) }).strict(), packageFilePlan),
  /** packagefiles.plan as a job (the dialog's): the trial costs what the export costs; jobs.status gives `packagePlan` */
  'packagefiles.planStart': op(z.object({ planId: id, to: z.string().min(1).max(200) }).strict(), jobStarted),
  /** packages.preview of the uploaded bytes, with the rows named for the planner */
  'packagefiles.preview': op(z.object({ fileName, dataBase64: base64 }).strict(), labelledPreview),
  /** a package kept pending in the plan file (报送情况 names it), previewed again after a reload: merged against the plan as it is now, the choices made kept */
  'packagefiles.reopen': op(z.object({ packageId: z.string().min(1).max(100) }).strict(), labelledPreview),
};
