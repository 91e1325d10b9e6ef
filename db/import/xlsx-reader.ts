/**
 * Every sheet of an .xlsx, in workbook order: the workbook-wide parts first (xlsx-workbook.ts),
 * then each worksheet streamed row by row (xlsx-sheet.ts). Runs inside the reading worker
 * (read.worker.ts); the rows go to `sink` as they are parsed.
 */
import { readWorkbookInfo } from './xlsx-workbook.ts';
import { readSheetCells, type SheetSink, type Totals } from './xlsx-sheet.ts';
import type { MergedRange } from './read-types.ts';
import { XlsxZip } from './zip-parts.ts';

export interface WorkbookSink extends SheetSink {
  /** when given, the shared strings go here once and cells carry their index ({ ss }) */
  strings?(batch: string[]): void;
  sheet(name: string, hidden: boolean): void;
  /** flow control: a promise while the receiver is behind */
  pace?(): Promise<void> | null;
  sheetEnd(merges: MergedRange[]): void;
}

export async function readXlsxCells(bytes: Buffer, fileName: string, sink: WorkbookSink): Promise<void> {
  const zip = await XlsxZip.open(bytes, fileName);
  if (sink.pace) zip.pace = () => sink.pace!();
  const wb = await readWorkbookInfo(zip, fileName);
  if (sink.strings && wb.strings) {
    for (let i = 0; i < wb.strings.length; i += 20_000) sink.strings(wb.strings.slice(i, i + 20_000));
    wb.strings = null;
  }
  const totals: Totals = { cells: 0, chars: 0, rows: 0 };
  for (const s of wb.sheets) {
    sink.sheet(s.name, s.hidden);
    sink.sheetEnd(s.part ? await readSheetCells(zip, s.part, s.name, wb, fileName, totals, sink) : []);
  }
  sink.progress(totals.rows);
}
