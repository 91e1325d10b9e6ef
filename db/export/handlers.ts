/** The transfer operations (contract/ops/transfer.ts): each long piece of work runs as a job (jobs.ts). */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { transferOps, JobStatusOut, ExportedFile } from '../../contract/ops/transfer.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { exportPlanXlsx } from './xlsx/export-plan.ts';
import { exportTable, safeFileName } from './table.ts';
import { previewImport, applyImportFile, type ImportPreview } from './import/run.ts';
import type { ApplyResult } from './import/apply.ts';
import { jobStatus, startJob } from './jobs.ts';
import { planFindings } from './findings.ts';
import { exportLedger } from './ledger.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';

export function planFileName(plan: { title: string; docNumber: string }, ext: string): string {
  return `${safeFileName(plan.docNumber ? `${plan.title}（${plan.docNumber}）` : plan.title)}.${ext}`;
}

/** The whole plan as a workbook: what the workbench, the desktop menu and `plandesk export` all write. */
export async function planWorkbook(ctx: StoreContext, planId: string, progress?: (d: number, t: number) => void): Promise<{ fileName: string; bytes: Buffer; warnings: string[] }> {
  const plan = getPlanRow(ctx, planId);
  const warnings: string[] = [];
  const bytes = await exportPlanXlsx(ctx, planId, {
    findings: planFindings(ctx, planId),
    onChartsFailed: (reason) => warnings.push(`图表图片未能生成，工作簿中没有图表：${reason}`),
    ...(progress ? { onProgress: progress } : {}),
  });
  return { fileName: planFileName({ title: plan.title, docNumber: plan.doc_number }, 'xlsx'), bytes, warnings };
}

export const transferHandlers = {
  'export.planXlsx': (ctx, input) => {
    getPlanRow(ctx, input.planId);
    return startJob(ctx, 'export', async (progress): Promise<ExportedFile> => {
      const { fileName, bytes, warnings } = await planWorkbook(ctx, input.planId, progress);
      return { fileName, mimeType: XLSX_MIME, dataBase64: bytes.toString('base64'), warnings };
    });
  },
  'export.table': (ctx, input) =>
    startJob(ctx, 'export', async (progress): Promise<ExportedFile> => {
      const bytes = await exportTable(input, progress);
      return {
        fileName: `${safeFileName(input.title)}.${input.format}`,
        mimeType: input.format === 'csv' ? CSV_MIME : XLSX_MIME,
        dataBase64: bytes.toString('base64'),
        warnings: [],
      };
    }),
  'export.tasks': (ctx, input) => {
    getPlanRow(ctx, input.planId);
    return startJob(ctx, 'export', async (progress): Promise<ExportedFile> => {
      const { title, bytes } = await exportLedger(ctx, input, progress);
      return { fileName: `${safeFileName(title)}.${input.format}`, mimeType: input.format === 'csv' ? CSV_MIME : XLSX_MIME, dataBase64: bytes.toString('base64'), warnings: [] };
    });
  },
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
      error: j.error,
    };
  },
} satisfies HandlersFor<typeof transferOps, StoreContext>;
