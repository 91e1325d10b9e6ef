/** The grid currently shown (its columns and filtered rows) as .xlsx or CSV, ready to hand on. */
import { BOM, csvLines } from './csv.ts';
import { SheetWriter, newWorkbook } from './xlsx/sheet-writer.ts';
import { fitWidth, sheetName, withLongest } from './xlsx/layout.ts';
import { Slicer } from '../jobs/jobs.ts';

export type TableValue = string | number | null;

export interface TableColumn {
  header: string;
  /** width bounds and wrapping (default: fitted between 8 and 50, wrapped when a sampled text is long) */
  minWidth?: number;
  maxWidth?: number;
  wrap?: boolean;
  hidden?: boolean;
}

export interface TableExport {
  title: string;
  /** a line under the title (e.g. the filter used, who exported it and when) */
  subtitle?: string;
  format: 'xlsx' | 'csv';
  columns: TableColumn[];
  /** the rows, or a stream of them (the ledger export reads them from a read snapshot) */
  rows: readonly (readonly TableValue[])[] | AsyncIterable<readonly TableValue[]>;
  /** how many rows there are, for progress, when `rows` is a stream */
  total?: number;
}

/** Rows sampled for the column widths. */
const SAMPLE = 500;
/** CSV rows turned into bytes at a time (a 100,000-row CSV as one string would be one long stall). */
const CSV_CHUNK = 1000;

export function safeFileName(title: string): string {
  return title.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 80) || '导出';
}

async function* rowsOf(rows: TableExport['rows']): AsyncGenerator<readonly TableValue[]> {
  if (Symbol.asyncIterator in rows) yield* rows;
  else yield* rows;
}

/**
 * Writes in time slices (Slicer): however many rows, the event loop is never held for more than a
 * slice, so the host answers other calls while a 100,000-row table is written.
 */
export async function exportTable(t: TableExport, onProgress?: (done: number, total: number) => void, slice = new Slicer()): Promise<Buffer> {
  const total = Array.isArray(t.rows) ? t.rows.length : (t.total ?? 0);
  let done = 0;
  const report = () => onProgress?.(done, Math.max(total, done));
  const source = rowsOf(t.rows);
  if (t.format === 'csv') {
    // Like the workbook: the title and the line under it (导出人, 导出时间) above the header row. The
    // import finds the header row below them (db/import/match-headers.ts), as it does in a workbook.
    const preamble = [[t.title], ...(t.subtitle ? [[t.subtitle]] : []), t.columns.map((c) => c.header)];
    const parts: Buffer[] = [Buffer.from(BOM + csvLines(preamble), 'utf8')];
    let chunk: (readonly TableValue[])[] = [];
    const flush = () => {
      parts.push(Buffer.from(csvLines(chunk), 'utf8'));
      chunk = [];
    };
    for await (const r of source) {
      chunk.push(r);
      done++;
      if (chunk.length >= CSV_CHUNK) flush();
      if (slice.due) {
        report();
        await slice.pause();
      }
    }
    flush();
    report();
    return Buffer.concat(parts);
  }
  // The first rows set the column widths; the same stream then goes on from where they end.
  const sample: (readonly TableValue[])[] = [];
  while (sample.length < SAMPLE) {
    const next = await source.next();
    if (next.done) break;
    sample.push(next.value);
  }
  const { wb, bytes } = newWorkbook();
  const sheet = new SheetWriter(wb, {
    name: sheetName(t.title, new Set()),
    title: t.title,
    ...(t.subtitle ? { subtitle: t.subtitle } : {}),
    columns: t.columns.map((c, i) => {
      const texts = sample.map((r) => (r[i] === null || r[i] === undefined ? '' : String(r[i])));
      const long = texts.some((s) => s.length > 30);
      const minWidth = c.minWidth ?? 8;
      return {
        header: c.header,
        width: fitWidth({ header: c.header, minWidth, maxWidth: c.maxWidth ?? 50 }, texts),
        minWidth,
        wrap: c.wrap ?? long,
        ...(c.hidden ? { hidden: true } : {}),
        ...withLongest(texts),
      };
    }),
  });
  const write = async (r: readonly TableValue[]) => {
    sheet.addRow(r);
    done++;
    if (slice.due) {
      report();
      await slice.pause();
    }
  };
  for (const r of sample) await write(r);
  for await (const r of source) await write(r);
  sheet.commit();
  await wb.commit();
  report();
  return bytes;
}
