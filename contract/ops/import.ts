/**
 * Importing targets and tasks from a workbook or CSV: preview, then apply what was previewed. Both
 * run as jobs; `jobs.status` (contract/ops/jobs.ts) reports the preview or the applied result.
 */
import { z } from 'zod';
import { id } from '../entities.ts';
import { jobStarted, op } from '../op.ts';
import { changes } from '../changes.ts';

/** base64 of at most 32 MB of file (db/import/guards.ts MAX_IMPORT_BYTES) */
const fileBase64 = z.string().max(45_000_000);
const fileName = z.string().min(1).max(255);

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
  sheets: z.array(z.object({ name: z.string(), kind: z.enum(['tasks', 'matrix', 'catalog', 'plan', 'districts', 'skipped']), rows: z.number().int(), hidden: z.boolean().optional() })),
  /** how the file was read: hidden sheets, merged cells applied to every row they cover */
  notices: z.array(z.string()),
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
  /** what the import changed (contract/changes.ts), published to the views like any write's */
  changes,
});

export const importOps = {
  /** Reads a workbook or CSV and reports what it would change and every problem; writes nothing. */
  'import.preview': op(z.object({ planId: id, fileName, dataBase64: fileBase64 }).strict(), jobStarted),
  /** Applies the previewed import: all or nothing, one undo step; refused if it would differ from the preview. */
  'import.apply': op(z.object({ planId: id, fileName, dataBase64: fileBase64, fingerprint: z.string().length(64) }).strict(), jobStarted),
};
