/**
 * One sheet of a workbook ready to hand on: merged title row (and a note under it, e.g. the filter
 * used), bold frozen header row, fitted column widths, thousands separators, body text in 宋体 at a
 * readable size with row heights that fit the wrapped text, A4 landscape at no less than 9 pt
 * (print.ts) with the header repeated on every printed page and page numbers in the footer. Written
 * with ExcelJS's streaming writer, so a 100,000-row sheet never sits in memory.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { TITLE_ROW, numberFormat } from './layout.ts';
import { BODY_PT, FONT, MARGINS, MIN_SCALE, TITLE_PT, fitToPage, rowHeight } from './print.ts';

export type CellOut = string | number | null | { formula: string; result: number | string };

/** A row's colour (ARGB fill) and whether its text is struck through, e.g. a removed row of a comparison. */
export interface RowTone {
  fill: string;
  strike?: boolean;
  /** columns (0-based) the tone applies to; default every column */
  columns?: readonly number[];
}

export interface SheetColumn {
  header: string;
  width: number;
  wrap?: boolean;
  /** number format for numeric cells of this column; default: fitted per value ('#,##0', '#,##0.00') */
  numFmt?: string;
  /** narrowest a wrapping column may be made so the sheet fits the page (print.ts fitToPage) */
  minWidth?: number;
  /** kept in the file (the import reads it) but not shown or printed, e.g. 任务编码 */
  hidden?: boolean;
  /** the column's longest text (sampled), so the page fit leaves it room to print whole (print.ts) */
  longest?: string;
}

export interface SheetSpec {
  name: string;
  title: string;
  /** a line under the title (the filter the rows were chosen with, the period shown) */
  subtitle?: string;
  columns: SheetColumn[];
}

const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
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

const bodyFont = { name: FONT.body, size: BODY_PT };

export class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  /** the header row (2, or 3 under a subtitle); data starts on the row below */
  readonly headerRow: number;
  private readonly columns: SheetColumn[];
  private readonly widths: number[];
  private rowNumber: number;
  private readonly textStyles: Partial<ExcelJS.Style>[];
  private readonly numberStyles = new Map<string, Partial<ExcelJS.Style>>();
  private readonly boldStyles = new Map<string, Partial<ExcelJS.Style>>();

  private numberStyle(numFmt: string, bold: boolean): Partial<ExcelJS.Style> {
    const cache = bold ? this.boldStyles : this.numberStyles;
    let style = cache.get(numFmt);
    if (!style) {
      style = { numFmt, alignment: { vertical: 'top' }, font: { ...bodyFont, ...(bold ? { bold: true } : {}) }, border };
      cache.set(numFmt, style);
    }
    return style;
  }

  constructor(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec) {
    this.columns = spec.columns;
    this.headerRow = spec.subtitle ? TITLE_ROW + 2 : TITLE_ROW + 1;
    this.rowNumber = this.headerRow;
    const fit = fitToPage(spec.columns);
    this.widths = fit.widths;
    const last = Math.max(1, spec.columns.length);
    const header = this.headerRow;
    this.ws = wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: header, topLeftCell: `A${header + 1}`, activeCell: `A${header + 1}` }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        // One page wide when that keeps the text ≥ 9 pt; else at that scale, across pages (print.ts).
        ...(fit.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false, scale: MIN_SCALE }),
        printTitlesRow: `${header}:${header}`,
        horizontalCentered: true,
        margins: { ...MARGINS },
      },
      headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
    });
    // Widths only: a column style would be copied into a new style object for every cell. Cells get
    // one shared style object per column and number format instead (ExcelJS caches by identity).
    // (ExcelJS leaves out a width of exactly 9, its default; 9.5 keeps it.)
    this.ws.columns = spec.columns.map((c, i) => {
      const w = this.widths[i] ?? c.width;
      return { width: w === 9 ? 9.5 : w, ...(c.hidden ? { hidden: true } : {}) };
    });
    this.textStyles = spec.columns.map((c) => ({ font: bodyFont, alignment: { vertical: 'top' as const, wrapText: c.wrap ?? false }, border }));
    const title = this.ws.getRow(TITLE_ROW);
    title.getCell(1).value = spec.title;
    title.getCell(1).style = { font: { name: FONT.heading, size: TITLE_PT, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
    const across = spec.columns.reduce((sum, c, i) => sum + (c.hidden ? 0 : (this.widths[i] ?? c.width)), 0);
    title.height = Math.max(30, rowHeight([spec.title], [{ width: across, wrap: true }], [across], TITLE_PT));
    if (last > 1) this.ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, last);
    title.commit();
    if (spec.subtitle) {
      const sub = this.ws.getRow(TITLE_ROW + 1);
      sub.getCell(1).value = spec.subtitle;
      sub.getCell(1).style = { font: { name: FONT.note, size: BODY_PT }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } };
      sub.height = rowHeight([spec.subtitle], [{ width: across, wrap: true }], [across]);
      if (last > 1) this.ws.mergeCells(TITLE_ROW + 1, 1, TITLE_ROW + 1, last);
      sub.commit();
    }
    const headRow = this.ws.getRow(header);
    spec.columns.forEach((c, i) => {
      const cell = headRow.getCell(i + 1);
      cell.value = c.header;
      cell.style = {
        font: { name: FONT.heading, size: BODY_PT, bold: true },
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } },
        border,
      };
    });
    headRow.height = Math.max(22, rowHeight(spec.columns.map((c) => c.header), spec.columns.map((c) => ({ ...c, wrap: true })), this.widths));
    headRow.commit();
  }

  get lastRow(): number {
    return this.rowNumber;
  }

  /** The first data row (just below the header). */
  get firstDataRow(): number {
    return this.headerRow + 1;
  }

  /**
   * Appends one data row; numbers get thousands separators, text is stored as text (never a formula).
   * The row is as tall as its longest wrapped text. `pageBreakAfter` starts a new printed page after it.
   */
  addRow(values: readonly CellOut[], options: { bold?: boolean; pageBreakAfter?: boolean; height?: number; tone?: RowTone; notes?: readonly (string | null)[] } = {}): number {
    const row = this.ws.getRow(++this.rowNumber);
    const bold = options.bold ?? false;
    let texts: (string | null)[] | null = null;
    options.notes?.forEach((note, i) => note && (row.getCell(i + 1).note = note)); // 批注 (export/xlsx/comments.ts)
    // A row with any value is ruled across every column, empty cells too (as a 台账 is printed).
    const ruled = values.some((v) => v !== null && v !== '');
    for (let i = 0; i < Math.max(values.length, ruled ? this.columns.length : 0); i++) {
      const v = values[i];
      if (v === null || v === undefined || v === '') {
        if (ruled) row.getCell(i + 1).style = this.textStyles[i] ?? {};
        continue;
      }
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
        if (v.length > 4 || v.includes('\n')) (texts ??= [])[i] = v;
      }
    }
    if (options.tone) this.applyTone(row, options.tone);
    if (options.height !== undefined) row.height = options.height;
    // Every row gets its height, one-line rows too: LibreOffice sets a line 1.46 em high, more than
    // the sheet's default row of 15 pt (print.ts).
    else row.height = rowHeight(texts ?? [], this.columns, this.widths);
    if (options.pageBreakAfter) row.addPageBreak();
    row.commit();
    return this.rowNumber;
  }

  private readonly toned = new Map<string, Partial<ExcelJS.Style>>();

  /** Recolours the row's cells (one shared style per base style and tone, as ExcelJS caches by identity). */
  private applyTone(row: ExcelJS.Row, tone: RowTone): void {
    const cols = tone.columns ?? this.columns.map((_, i) => i);
    for (const i of cols) {
      const cell = row.getCell(i + 1);
      const base = cell.style ?? this.textStyles[i] ?? {};
      const key = `${i}|${tone.fill}|${tone.strike ?? false}|${cell.numFmt ?? ''}|${base.font?.bold ?? false}`;
      let style = this.toned.get(key);
      if (!style) {
        style = {
          ...base,
          fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: tone.fill } },
          font: { ...(base.font ?? bodyFont), ...(tone.strike ? { strike: true, color: { argb: 'FF9C0006' } } : {}) },
        };
        this.toned.set(key, style);
      }
      cell.style = style;
    }
  }

  commit(): void {
    this.ws.commit();
  }
}
