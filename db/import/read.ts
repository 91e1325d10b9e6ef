/**
 * Reads the cells of an .xlsx or a CSV into plain values, after the guards have accepted the file.
 * The reading itself runs in a worker thread (read.worker.ts) with a heap limit (READ_MEMORY_MB) and
 * a time limit (READ_TIME_LIMIT_MS): a hostile file that gets past every counted limit still ends
 * only that thread, with a Chinese refusal, and the host or CLI carries on. Rows arrive in batches
 * and are kept once, here. Nothing here touches the plan.
 */
import type { Worker } from 'node:worker_threads';
import { runWorker, startWorker } from '../workers.ts';
import { PlanDeskError } from '../errors.ts';
import { READ_MEMORY_MB, READ_TIME_LIMIT_MS, checkImportFile, type SpreadsheetKind } from './guards.ts';
import { fillMerges } from './merges.ts';
import { unpackRows } from './packed-rows.ts';
import type { ReadProgress, SheetIn } from './read-types.ts';
import type { ReaderInput, ReaderMessage } from './read.worker.ts';

export type { CellIn, ReadProgress, RowIn, SheetIn } from './read-types.ts';

/** The worker's backstops; tests lower them to see them act. */
export interface ReaderLimits {
  memoryMb: number;
  timeMs: number;
}
const LIMITS: ReaderLimits = { memoryMb: READ_MEMORY_MB, timeMs: READ_TIME_LIMIT_MS };

function startReader(input: ReaderInput, limits: ReaderLimits): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(16, limits.memoryMb), stackSizeMb: 4 };
  // The bundled workers/read.worker.cjs beside a bundle, or the source through tsx (db/workers.ts).
  return startWorker(new URL('./read.worker.ts', import.meta.url), { workerData: input, resourceLimits });
}

function readInWorker(bytes: Buffer, fileName: string, kind: SpreadsheetKind, onProgress: ReadProgress | undefined, limits: ReaderLimits): Promise<SheetIn[]> {
  const sheets: SheetIn[] = [];
  const strings: string[] = [];
  const merges: Parameters<typeof fillMerges>[1][] = [];
  const worker = startReader({ bytes, fileName, kind }, limits);
  const refusal = (message: string) => new PlanDeskError('INVALID_INPUT', message, [], { reason: 'import.damaged', params: { file: fileName } });
  return runWorker<SheetIn[], ReaderMessage>(worker, {
    timeoutMs: limits.timeMs,
    timeout: () => refusal(`读取“${fileName}”超过 ${Math.ceil(limits.timeMs / 1000)} 秒仍未完成，文件可能结构异常，已停止读取，不导入。`),
    message(m, end) {
      if (m.t === 'sheet') {
        sheets.push({ name: m.name, rows: [], ...(m.hidden ? { hidden: true } : {}) });
        merges.push([]);
      } else if (m.t === 'strings') {
        for (const x of m.strings) strings.push(x);
      } else if (m.t === 'rows') {
        unpackRows(m.rows, strings, sheets[sheets.length - 1]!.rows);
        worker.postMessage('taken');
      } else if (m.t === 'sheetEnd') merges[merges.length - 1] = m.merges;
      else if (m.t === 'progress') onProgress?.(m.rows);
      else if (m.t === 'done') {
        sheets.forEach((s, i) => {
          const filled = fillMerges(s.rows, merges[i] ?? []);
          if (filled.length) s.filledMerges = filled;
        });
        end.done(sheets);
      } else if (m.t === 'error') {
        end.fail(
          m.code
            ? new PlanDeskError(m.code, m.message, [], m.reason ? { reason: m.reason, ...(m.params ? { params: m.params } : {}) } : undefined)
            : refusal(`“${fileName}”已损坏或不是有效的电子表格，不能导入（${m.message.slice(0, 200)}）。`),
        );
      }
    },
    error: (err) =>
      refusal(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `“${fileName}”结构异常或过大：读取时超出内存上限（${limits.memoryMb} MB），已停止读取，不导入。`
          : `读取“${fileName}”时出错，不导入（${err.message.slice(0, 200)}）。`,
      ),
    exit: (code) => refusal(`读取“${fileName}”的进程意外退出（${code}），不导入。`),
  });
}

/** Checks the file (guards.ts), then reads every sheet in the reading worker. Throws a typed refusal on any bad file. */
export async function readSpreadsheet(bytes: Buffer, fileName: string, onProgress?: ReadProgress, limits: ReaderLimits = LIMITS): Promise<SheetIn[]> {
  const kind = checkImportFile(bytes, fileName);
  return readInWorker(bytes, fileName, kind, onProgress, limits);
}
