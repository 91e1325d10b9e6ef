/**
 * The export operations (contract/ops/export.ts): each export runs as a job (db/jobs/jobs.ts).
 * Exports that read the plan start with startExportJob: they read a read snapshot taken when they
 * were asked for (db/context.ts), never the store's own connection, so edits go on meanwhile.
 */
import { withReadSnapshot, type StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { exportOps, ExportedFile } from '../../contract/ops/export.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { exportPlanXlsx } from './xlsx/export-plan.ts';
import { exportTable, safeFileName } from './table.ts';
import { startExportJob, startJob } from '../jobs/jobs.ts';
import { planFindings } from './findings.ts';
import { exportLedger } from './ledger.ts';
import { COMPLETION_COLUMNS, completionRows, reportRanking } from './completion.ts';
import { exportStamp } from './local-time.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';

export function planFileName(plan: { title: string; docNumber: string }, ext: string): string {
  return `${safeFileName(plan.docNumber ? `${plan.title}（${plan.docNumber}）` : plan.title)}.${ext}`;
}

/**
 * The whole plan as a workbook: what the workbench, the desktop menu and `plandesk export` all write.
 * Everything in it, the consistency findings included, comes from one read snapshot.
 */
export function planWorkbook(ctx: StoreContext, planId: string, progress?: (d: number, t: number) => void): Promise<{ fileName: string; bytes: Buffer; warnings: string[] }> {
  return withReadSnapshot(ctx, async (snap) => {
    const plan = getPlanRow(snap, planId);
    const warnings: string[] = [];
    const bytes = await exportPlanXlsx(snap, planId, {
      findings: await planFindings(snap, planId),
      onChartsFailed: (reason) => warnings.push(`图表图片未能生成，工作簿中没有图表：${reason}`),
      ...(progress ? { onProgress: progress } : {}),
    });
    return { fileName: planFileName({ title: plan.title, docNumber: plan.doc_number }, 'xlsx'), bytes, warnings };
  });
}

export const exportHandlers = {
  'export.planXlsx': (ctx, input) => {
    getPlanRow(ctx, input.planId);
    return startExportJob(ctx, async (snap, progress): Promise<ExportedFile> => {
      const { fileName, bytes, warnings } = await planWorkbook(snap, input.planId, progress);
      return { fileName, mimeType: XLSX_MIME, dataBase64: bytes.toString('base64'), warnings };
    });
  },
  // The rows come with the request, not from the plan: nothing to snapshot; written in time slices.
  'export.table': (ctx, input) =>
    startJob(ctx, 'export', async (progress): Promise<ExportedFile> => {
      const bytes = await exportTable({ ...input, subtitle: exportStamp(ctx) }, progress);
      return {
        fileName: `${safeFileName(input.title)}.${input.format}`,
        mimeType: input.format === 'csv' ? CSV_MIME : XLSX_MIME,
        dataBase64: bytes.toString('base64'),
        warnings: [],
      };
    }),
  'export.tasks': (ctx, input) => {
    getPlanRow(ctx, input.planId);
    return startExportJob(ctx, async (snap, progress): Promise<ExportedFile> => {
      const { title, bytes } = await exportLedger(snap, input, progress);
      return { fileName: `${safeFileName(title)}.${input.format}`, mimeType: input.format === 'csv' ? CSV_MIME : XLSX_MIME, dataBase64: bytes.toString('base64'), warnings: [] };
    });
  },
  'export.completion': (ctx, input) => {
    const plan = getPlanRow(ctx, input.planId);
    return startExportJob(ctx, async (snap, progress): Promise<ExportedFile> => {
      const title = `${plan.title} — 完成情况`;
      const rows = completionRows(snap, input.planId);
      const bytes = await exportTable(
        { title, subtitle: `各指标分区县（集群）逐年目标、实际、完成率与赛马排名　｜　${exportStamp(snap)}`, format: input.format, columns: [...COMPLETION_COLUMNS], rows },
        progress,
      );
      return { fileName: `${safeFileName(title)}.${input.format}`, mimeType: input.format === 'csv' ? CSV_MIME : XLSX_MIME, dataBase64: bytes.toString('base64'), warnings: [] };
    });
  },
  'export.ranking': (ctx, input) => reportRanking(ctx, input),
} satisfies HandlersFor<typeof exportOps, StoreContext>;
