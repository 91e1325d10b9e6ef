/**
 * Reads the cells of an .xlsx or a CSV into plain values, after the guards have accepted the file.
 * The reading itself runs in a worker thread (read.worker.ts) with a heap limit (READ_MEMORY_MB) and
 * a time limit (READ_TIME_LIMIT_MS): a hostile file that gets past every counted limit still ends
 * only that thread, with a Chinese refusal, and the host or CLI carries on. Rows arrive in batches
 * and are kept once, here. Nothing here touches the plan.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers.ts';
import { PlanDeskError } from '../errors.ts';
import { READ_MEMORY_MB, READ_TIME_LIMIT_MS, checkImportFile, type SpreadsheetKind } from './guards.ts';
import { fillMerges } from './merges.ts';
import type { CellIn, ReadProgress, RowIn, SheetIn, WireCell } from './read-types.ts';
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

/**
 * A batch of rows as it crosses the thread boundary (read.worker.ts packs it, the host unpacks
 * it), packed so that the host builds each row's cells from flat arrays in one loop: `n[r]` the row number and `width[r]` its cell count; per cell,
 * in row order, `tag` says what it is and `num` carries its number (a shared string's index into the
 * table sent once, a number, a date's milliseconds). Texts not from the shared table go in `text`
 * and the rare error or uncalculated formula in `other`, in cell order. The typed arrays are
 * transferred, not copied; this replaced a JSON string per batch, which cost about 0.7 s on the
 * 100,000-task workbook (`npm run bench -- transfer`) in stringify, parse and a second pass
 * turning each { ss } object back into its text.
 */
export interface PackedRows {
  n: Int32Array<ArrayBuffer>;
  width: Int32Array<ArrayBuffer>;
  tag: Uint8Array<ArrayBuffer>;
  num: Float64Array<ArrayBuffer>;
  text: string[];
  other: CellIn[];
}

/** What `PackedRows.tag` says of a cell. */
export const CELL = { empty: 0, shared: 1, number: 2, text: 3, true: 4, false: 5, date: 6, other: 7 } as const;

export function packRows(rows: readonly { n: number; cells: readonly WireCell[] }[]): PackedRows {
  let count = 0;
  for (const r of rows) count += r.cells.length;
  const p: PackedRows = { n: new Int32Array(rows.length), width: new Int32Array(rows.length), tag: new Uint8Array(count), num: new Float64Array(count), text: [], other: [] };
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i]!.cells;
    p.n[i] = rows[i]!.n;
    p.width[i] = cells.length;
    for (let j = 0; j < cells.length; j++, k++) {
      const c = cells[j];
      if (c === null || c === undefined) continue; // CELL.empty is 0
      if (typeof c === 'string') {
        p.tag[k] = CELL.text;
        p.text.push(c);
      } else if (typeof c === 'number') {
        p.tag[k] = CELL.number;
        p.num[k] = c;
      } else if (typeof c === 'boolean') p.tag[k] = c ? CELL.true : CELL.false;
      else if (c instanceof Date) {
        p.tag[k] = CELL.date;
        p.num[k] = c.getTime();
      } else if ('ss' in c) {
        p.tag[k] = CELL.shared;
        p.num[k] = c.ss;
      } else {
        p.tag[k] = CELL.other;
        p.other.push(c);
      }
    }
  }
  return p;
}

/** The rows of a packed batch (read.worker.ts packRows), shared strings resolved from the table sent first. */
export function unpackRows(p: PackedRows, strings: readonly string[], out: RowIn[]): void {
  let k = 0;
  let t = 0;
  let o = 0;
  for (let i = 0; i < p.n.length; i++) {
    const cells: CellIn[] = [];
    for (let end = k + p.width[i]!; k < end; k++) {
      switch (p.tag[k]) {
        case CELL.shared:
          cells.push(strings[p.num[k]!] ?? null);
          break;
        case CELL.number:
          cells.push(p.num[k]!);
          break;
        case CELL.text:
          cells.push(p.text[t++]!);
          break;
        case CELL.true:
          cells.push(true);
          break;
        case CELL.false:
          cells.push(false);
          break;
        case CELL.date:
          cells.push(new Date(p.num[k]!));
          break;
        case CELL.other:
          cells.push(p.other[o++]!);
          break;
        default:
          cells.push(null);
      }
    }
    out.push({ n: p.n[i]!, cells });
  }
}

function readInWorker(bytes: Buffer, fileName: string, kind: SpreadsheetKind, onProgress: ReadProgress | undefined, limits: ReaderLimits): Promise<SheetIn[]> {
  const sheets: SheetIn[] = [];
  const strings: string[] = [];
  const merges: Parameters<typeof fillMerges>[1][] = [];
  const worker = startReader({ bytes, fileName, kind }, limits);
  return new Promise<SheetIn[]>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const refuse = (message: string) => settle(() => reject(new PlanDeskError('INVALID_INPUT', message)));
    const timer = setTimeout(
      () => refuse(`读取“${fileName}”超过 ${Math.ceil(limits.timeMs / 1000)} 秒仍未完成，文件可能结构异常，已停止读取，不导入。`),
      limits.timeMs,
    );
    worker.on('message', (m: ReaderMessage) => {
      if (settled) return;
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
        settle(() => resolve(sheets));
      } else if (m.t === 'error') {
        settle(() =>
          reject(m.code ? new PlanDeskError(m.code, m.message) : new PlanDeskError('INVALID_INPUT', `“${fileName}”已损坏或不是有效的电子表格，不能导入（${m.message.slice(0, 200)}）。`)),
        );
      }
    });
    worker.on('error', (err: Error & { code?: string }) =>
      refuse(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `“${fileName}”结构异常或过大：读取时超出内存上限（${limits.memoryMb} MB），已停止读取，不导入。`
          : `读取“${fileName}”时出错，不导入（${err.message.slice(0, 200)}）。`,
      ),
    );
    worker.on('exit', (code) => refuse(`读取“${fileName}”的进程意外退出（${code}），不导入。`));
  });
}

/** Checks the file (guards.ts), then reads every sheet in the reading worker. Throws a typed refusal on any bad file. */
export async function readSpreadsheet(bytes: Buffer, fileName: string, onProgress?: ReadProgress, limits: ReaderLimits = LIMITS): Promise<SheetIn[]> {
  const kind = checkImportFile(bytes, fileName);
  return readInWorker(bytes, fileName, kind, onProgress, limits);
}
