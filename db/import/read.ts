/**
 * Reads the cells of an .xlsx (xlsx-reader.ts) or a CSV into plain values, after the
 * guards have accepted the file. Formulas are read as their cached values; a sheet longer than
 * MAX_ROWS_PER_SHEET stops the reading at that row. Nothing here touches the plan.
 */
import { PlanDeskError } from '../errors.ts';
import { MAX_ROWS_PER_SHEET, checkImportFile, tooManyRows, zipEntries } from './guards.ts';
import { readXlsxCells } from './xlsx-reader.ts';
import { parseCsv } from '../export/csv.ts';

/** A cell as the import sees it. `noResult`: a formula the file never calculated. */
export type CellIn = string | number | boolean | Date | null | { error: string } | { noResult: string };

export interface RowIn {
  /** 1-based row number in the sheet */
  n: number;
  /** index 0 = column A */
  cells: CellIn[];
}

export interface SheetIn {
  name: string;
  rows: RowIn[];
}

export type ReadProgress = (rowsRead: number) => void;

function damaged(fileName: string, err: unknown): PlanDeskError {
  if (err instanceof PlanDeskError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new PlanDeskError('INVALID_INPUT', `“${fileName}”已损坏或不是有效的 .xlsx 工作簿，不能导入（${detail.slice(0, 200)}）。`);
}

async function readXlsx(bytes: Buffer, fileName: string, onProgress?: ReadProgress): Promise<SheetIn[]> {
  const entries = zipEntries(bytes);
  if (!entries) throw damaged(fileName, new Error('zip'));
  try {
    return await readXlsxCells(bytes, entries, fileName, onProgress);
  } catch (err) {
    throw damaged(fileName, err);
  }
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel and WPS in Chinese Windows save "CSV" in GB18030/GBK unless told otherwise.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Buffer, fileName: string): SheetIn[] {
  const rows = parseCsv(decodeText(bytes));
  if (rows.length > MAX_ROWS_PER_SHEET + 10) throw tooManyRows(fileName, fileName);
  return [
    {
      name: fileName.replace(/\.[^.]+$/, ''),
      rows: rows.map((cells, i) => ({ n: i + 1, cells: cells.map((c) => (c === '' ? null : c)) })).filter((r) => r.cells.some((c) => c !== null)),
    },
  ];
}

/** Checks the file (guards.ts), then reads every sheet. Throws a typed refusal on any bad file. */
export async function readSpreadsheet(bytes: Buffer, fileName: string, onProgress?: ReadProgress): Promise<SheetIn[]> {
  const kind = checkImportFile(bytes, fileName);
  return kind === 'csv' ? readCsv(bytes, fileName) : readXlsx(bytes, fileName, onProgress);
}
