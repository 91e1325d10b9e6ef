/**
 * Spreadsheets and reports officers can hand on: the whole plan as a workbook and the grid shown as
 * .xlsx or CSV. Each export runs as a job: the operation answers with a job id at once, and
 * `jobs.status` (contract/ops/jobs.ts) reports progress and finally the file.
 */
import { z } from 'zod';
import { id, quarter } from '../entities.ts';
import { rankingEntry } from './completion.ts';
import { taskFilter } from './tasks.ts';
import { jobStarted, op } from '../op.ts';

export const exportedFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  dataBase64: z.string(),
  /** what the file lacks and why (for example chart pictures that could not be drawn); shown to the user */
  warnings: z.array(z.string()),
});
export type ExportedFile = z.infer<typeof exportedFile>;

/** One period's 赛马 ranking as the printable report shows it (export.ranking). */
export const rankingOut = z.object({
  indicatorId: id,
  indicatorName: z.string(),
  unit: z.string().nullable(),
  year: z.number().int(),
  /** '' the year (annual actual, else the latest quarter's), or one quarter's year-to-date actuals */
  period: quarter,
  /** true: ranked by completion of the period's actuals; false: the period has none, ranked by target */
  byActual: z.boolean(),
  /** the periods that have actuals, oldest first (the report's selector marks them) */
  periods: z.array(z.object({ year: z.number().int(), period: quarter })),
  years: z.array(z.number().int()),
  /** the same entries as completion.ranking's */
  entries: z.array(rankingEntry),
});
export type RankingOut = z.infer<typeof rankingOut>;

const tableValue = z.union([z.string().max(32_767), z.number(), z.null()]);

export const exportOps = {
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
  /** Actuals, completion and the 赛马 ranking: indicator × district × year (the workbook's 完成情况 sheet), as CSV or .xlsx. */
  'export.completion': op(z.object({ planId: id, format: z.enum(['xlsx', 'csv']) }).strict(), jobStarted),
  /** The ranking of one indicator for a year or quarter, as the printable report shows it; without a year, the latest period with actuals. */
  'export.ranking': op(z.object({ indicatorId: id, year: z.number().int().min(1900).max(2999).optional(), period: quarter.optional() }).strict(), rankingOut),
};
