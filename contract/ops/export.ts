/**
 * Spreadsheets and reports officers can hand on: the whole plan as a workbook, the grid shown as
 * .xlsx or CSV, and importing targets and tasks from a workbook (preview, then apply what was
 * previewed). Long work runs as a job: these operations answer with a job id at once, and
 * `jobs.status` reports progress and finally the file, the preview or the applied result.
 */
import { z } from 'zod';
import { id } from '../entities.ts';
import { op } from '../op.ts';
import { taskFilter } from './tasks.ts';

/** base64 of at most 32 MB of file (db/transfer/guards.ts MAX_IMPORT_BYTES) */
const fileBase64 = z.string().max(45_000_000);
const fileName = z.string().min(1).max(255);
/** what an operation that runs as a job answers at once; jobs.status reports the rest */
export const jobStarted = z.object({ jobId: z.string() });

export const importProblem = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  reason: z.string(),
});

export const importChange = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  action: z.enum(['update', 'insert']),
  subject: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

export const importPreview = z.object({
  fileName: z.string(),
  /** names exactly what was previewed; import.apply refuses when the changes would differ */
  fingerprint: z.string(),
  sheets: z.array(z.object({ name: z.string(), kind: z.enum(['tasks', 'matrix', 'skipped']), rows: z.number().int() })),
  summary: z.object({ tasksUpdated: z.number().int(), tasksAdded: z.number().int(), targetsChanged: z.number().int() }),
  /** the first 2,000 changes (changesTotal says how many in all) */
  changes: z.array(importChange),
  changesTotal: z.number().int(),
  /** the first 1,000 problems (problemsTotal says how many in all) */
  problems: z.array(importProblem),
  problemsTotal: z.number().int(),
});
export type ImportPreviewOut = z.infer<typeof importPreview>;

export const importApplied = z.object({
  tasksUpdated: z.number().int(),
  tasksAdded: z.number().int(),
  targetsChanged: z.number().int(),
  /** the undo label of the import's one change set */
  label: z.string(),
});

export const exportedFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  dataBase64: z.string(),
  /** what the file lacks and why (for example chart pictures that could not be drawn); shown to the user */
  warnings: z.array(z.string()),
});
export type ExportedFile = z.infer<typeof exportedFile>;

const tableValue = z.union([z.string().max(32_767), z.number(), z.null()]);

export const jobStatus = z.object({
  jobId: z.string(),
  kind: z.enum(['export', 'preview', 'apply']),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  file: exportedFile.nullable(),
  preview: importPreview.nullable(),
  applied: importApplied.nullable(),
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.object({ field: z.string().optional(), row: z.number().optional(), message: z.string() })) }).nullable(),
});
export type JobStatusOut = z.infer<typeof jobStatus>;

export const transferOps = {
  /** The whole plan as one .xlsx workbook, with the report's charts as pictures drawn by the core. */
  'export.planXlsx': op(z.object({ planId: id }).strict(), jobStarted),
  /** The grid currently shown, with its filters, as .xlsx or CSV (UTF-8 with BOM). */
  'export.table': op(
    z
      .object({
        title: z.string().min(1).max(200),
        format: z.enum(['xlsx', 'csv']),
        columns: z.array(z.object({ header: z.string().max(200) }).strict()).min(1).max(200),
        rows: z.array(z.array(tableValue).max(200)).max(200_000),
      })
      .strict(),
    jobStarted,
  ),
  /** The task ledger with the grid's filters (every matching row, not only the page on screen), as .xlsx or CSV. */
  'export.tasks': op(z.object({ planId: id, filter: taskFilter, format: z.enum(['xlsx', 'csv']) }).strict(), jobStarted),
  /** Reads a workbook or CSV and reports what it would change and every problem; writes nothing. */
  'import.preview': op(z.object({ planId: id, fileName, dataBase64: fileBase64 }).strict(), jobStarted),
  /** Applies the previewed import: all or nothing, one undo step; refused if it would differ from the preview. */
  'import.apply': op(z.object({ planId: id, fileName, dataBase64: fileBase64, fingerprint: z.string().length(64) }).strict(), jobStarted),
  'jobs.status': op(z.object({ jobId: z.string().max(100) }).strict(), jobStatus),
};
