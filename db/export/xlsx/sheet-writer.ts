/**
 * One sheet of a workbook ready to hand on: merged title row, bold frozen header row, fitted column
 * widths, thousands separators, A4 landscape fitted to width with the header repeated on every
 * printed page and page numbers in the footer. Written with ExcelJS's streaming writer, so a
 * 100,000-row sheet never sits in memory.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { HEADER_ROW, TITLE_ROW, numberFormat } from './layout.ts';

export type CellOut = string | number | null | { formula: string; result: number | string };

export interface SheetColumn {
  header: string;
  width: number;
  wrap?: boolean;
  /** number format for numeric cells of this column; default: fitted per value ('#,##0', '#,##0.00') */
  numFmt?: string;
}

export interface SheetSpec {
  name: string;
  title: string;
  columns: SheetColumn[];
}

const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export interface WorkbookOut {
  wb: ExcelJS.stream.xlsx.WorkbookWriter;
  /** resolves with the whole file once `wb.commit()` has finished */
  bytes: Promise<Buffer>;
}

export function newWorkbook(): WorkbookOut {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = 'PlanDesk 规划工作台';
  wb.created = new Date();
  streamSharedStrings(wb);
  return { wb, bytes };
}

// The writer's internals streamSharedStrings relies on (exceljs 4.4.0, lib/stream/xlsx/workbook-writer.js
// addSharedStrings, lib/utils/shared-strings.js); tied to the pinned version like images.ts.
interface WriterInternals {
  sharedStrings: { values: unknown[] };
  zip: { append(source: Readable, options: { name: string }): unknown };
  addSharedStrings(): Promise<void>;
}

const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const XML_ESCAPE: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
/** As ExcelJS's utils.xmlEncode: the five entities escaped, control characters XML cannot hold dropped. */
const xmlText = (s: string) => s.replace(XML_SPECIAL, (c) => XML_ESCAPE[c] ?? '');
/** One <si> exactly as ExcelJS's SharedStringXform/TextXform render a plain string. */
const si = (s: string) => `<si><t${/^\s|\n|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${xmlText(s)}</t></si>`;
const SI_PER_CHUNK = 2000;

/**
 * ExcelJS writes the shared-string table (every distinct text of the workbook: some 300,000 for a
 * 100,000-task plan) as one string in one synchronous call at commit, which held the event loop for
 * over a second. The same XML is produced here as a stream, 2,000 strings per read, so the zip pulls
 * it a piece at a time between other work. A workbook with anything but plain strings in the table
 * (rich text, which SheetWriter never writes) keeps ExcelJS's own writer.
 */
function streamSharedStrings(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const w = wb as unknown as WriterInternals;
  const original = w.addSharedStrings.bind(w);
  w.addSharedStrings = () => {
    const values = w.sharedStrings.values;
    if (!values.length || !values.every((v): v is string => typeof v === 'string')) return original();
    let next = -1;
    const xml = new Readable({
      read() {
        if (next < 0) {
          next = 0;
          this.push(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
              `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${values.length}" uniqueCount="${values.length}">`,
          );
          return;
        }
        if (next >= values.length) {
          this.push('</sst>');
          this.push(null);
          return;
        }
        const end = Math.min(values.length, next + SI_PER_CHUNK);
        let out = '';
        for (; next < end; next++) out += si(values[next] as string);
        this.push(out);
      },
    });
    w.zip.append(xml, { name: '/xl/sharedStrings.xml' });
    return Promise.resolve();
  };
}

export class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  private readonly columns: SheetColumn[];
  private rowNumber = HEADER_ROW;
  private readonly textStyles: Partial<ExcelJS.Style>[];
  private readonly numberStyles = new Map<string, Partial<ExcelJS.Style>>();
  private readonly boldStyles = new Map<string, Partial<ExcelJS.Style>>();

  private numberStyle(numFmt: string, bold: boolean): Partial<ExcelJS.Style> {
    const cache = bold ? this.boldStyles : this.numberStyles;
    let style = cache.get(numFmt);
    if (!style) {
      style = { numFmt, alignment: { vertical: 'top' }, ...(bold ? { font: { bold: true } } : {}) };
      cache.set(numFmt, style);
    }
    return style;
  }

  constructor(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec) {
    this.columns = spec.columns;
    const last = Math.max(1, spec.columns.length);
    this.ws = wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
        horizontalCentered: true,
        margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
    });
    // Widths only: a column style would be copied into a new style object for every cell. Cells get
    // one shared style object per column and number format instead (ExcelJS caches by identity).
    // (ExcelJS leaves out a width of exactly 9, its default; 9.5 keeps it.)
    this.ws.columns = spec.columns.map((c) => ({ width: c.width === 9 ? 9.5 : c.width }));
    this.textStyles = spec.columns.map((c) => ({ alignment: { vertical: 'top' as const, wrapText: c.wrap ?? false } }));
    const title = this.ws.getRow(TITLE_ROW);
    title.getCell(1).value = spec.title;
    title.getCell(1).style = { font: { name: '黑体', size: 14, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
    title.height = 28;
    if (last > 1) this.ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, last);
    title.commit();
    const header = this.ws.getRow(HEADER_ROW);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.style = {
        font: { name: '黑体', size: 10, bold: true },
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } },
        border,
      };
    });
    header.height = 22;
    header.commit();
  }

  get lastRow(): number {
    return this.rowNumber;
  }

  /**
   * Appends one data row; numbers get thousands separators, text is stored as text (never a formula).
   * `pageBreakAfter` starts a new printed page after this row.
   */
  addRow(values: readonly CellOut[], options: { bold?: boolean; pageBreakAfter?: boolean; notes?: readonly (string | null)[] } = {}): number {
    const row = this.ws.getRow(++this.rowNumber);
    const bold = options.bold ?? false;
    options.notes?.forEach((note, i) => note && (row.getCell(i + 1).note = note)); // 批注 (export/xlsx/comments.ts)
    values.forEach((v, i) => {
      if (v === null || v === '') return;
      const cell = row.getCell(i + 1);
      if (typeof v === 'number') {
        cell.value = v;
        cell.style = this.numberStyle(this.columns[i]?.numFmt ?? numberFormat(v), bold);
      } else if (typeof v === 'object') {
        cell.value = { formula: v.formula, result: v.result };
        cell.style = this.numberStyle(this.columns[i]?.numFmt ?? numberFormat(v.result), bold);
      } else {
        cell.value = v;
        cell.style = bold ? this.numberStyle('General', true) : (this.textStyles[i] ?? {});
      }
    });
    if (options.pageBreakAfter) row.addPageBreak();
    row.commit();
    return this.rowNumber;
  }

  commit(): void {
    this.ws.commit();
  }
}
