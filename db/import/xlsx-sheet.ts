/**
 * The cells of one worksheet, parsed as it is inflated and handed on in batches of rows: values of
 * every type (shared and inline strings with their rich-text runs, numbers by their format, dates in
 * the workbook's date system, booleans, errors, formulas as their cached values) and the merged
 * ranges. Limits are checked on what is parsed, as it is parsed: rows must go down the sheet (a
 * file repeating r="2" is refused at its second row), no value right of MAX_COLUMNS, no cell
 * longer than MAX_CELL_CHARS, no more than MAX_ROWS_PER_SHEET rows, MAX_CELLS cells and
 * MAX_TEXT_CHARS characters in the whole file.
 */
import type { SaxesTagPlain } from 'saxes';
import { PlanDeskError } from '../errors.ts';
import { MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS_PER_SHEET, MAX_TEXT_CHARS, tooManyRows } from './guards.ts';
import { percentText, serialToDate } from './number-format.ts';
import { CELL, RowPacker, type PackedRows } from './packed-rows.ts';
import type { CellIn, MergedRange } from './read-types.ts';
import { RunText, unescapeOoxml, type WorkbookInfo } from './xlsx-workbook.ts';
import { attribute, damaged, type XlsxZip } from './zip-parts.ts';

/** "AB12" → { col: 27, row: 12 } (0-based column); null when not a cell reference. */
export function cellRef(ref: string): { col: number; row: number } | null {
  const col = refColumn(ref);
  const row = col < 0 ? -1 : refRow(ref);
  return row < 0 ? null : { col, row };
}

/** The 0-based column of a reference like "AB12" (at most four letters), or -1. */
function refColumn(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === 0 ? -1 : col - 1;
}

/** The row of a reference like "AB12" (only digits after the letters), or -1. Read per cell without making a string. */
function refRow(ref: string): number {
  let i = 0;
  while (i < ref.length && i < 4 && ref.charCodeAt(i) >= 65 && ref.charCodeAt(i) <= 90) i++;
  if (i === ref.length || i + 16 < ref.length) return -1;
  let row = 0;
  for (let j = i; j < ref.length; j++) {
    const c = ref.charCodeAt(j) - 48;
    if (c < 0 || c > 9) return -1;
    row = row * 10 + c;
  }
  return row >= 1 ? row : -1;
}

export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface Totals {
  cells: number;
  chars: number;
  rows: number;
}

/** every refusal here is of a file too large for a plan (err.import.tooLarge names the file) */
const refuse = (fileName: string, message: string) => new PlanDeskError('INVALID_INPUT', message, [], { reason: 'import.tooLarge', params: { file: fileName } });

export interface SheetSink {
  rows(batch: PackedRows): void;
  progress(rowsRead: number): void;
}

const BATCH = 2_000;

/** value()'s answer for a shared string: its index is in `sharedIndex` (no object per cell). */
const SHARED = Symbol('shared');

/** Reads one worksheet; rows with a value go to `sink` in packed batches; returns the merged ranges. */
export async function readSheetCells(
  zip: XlsxZip, part: string, sheetName: string, wb: WorkbookInfo, fileName: string, totals: Totals, sink: SheetSink,
): Promise<MergedRange[]> {
  const where = `的工作表“${sheetName}”`;
  const merges: MergedRange[] = [];
  const packer = new RowPacker();
  let inData = false;
  let inRow = false;
  let rowN = 0;
  let rowsHere = 0;
  // the cell being read
  let inCell = false;
  let col = -1;
  let lastCol = -1;
  let type = 'n';
  let style = -1;
  let ref = '';
  let what: 'v' | 'f' | null = null;
  let v = '';
  let hasV = false;
  let f: string[] | null = null;
  let inIs = false;
  const run = new RunText((n) => {
    throw refuse(fileName, `“${fileName}”${where}的单元格 ${cellName()} 有 ${n.toLocaleString('en')} 个以上的字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en')}，不导入。`);
  });
  // the cell's reference as written, or made from its place (only for messages)
  const cellName = () => ref || `${columnName(col)}${rowN}`;

  let sharedLength = 0;
  let sharedIndex = 0;
  const value = (): CellIn | typeof SHARED => {
    if (type === 'inlineStr') return run.take();
    if (!hasV) return f !== null ? { noResult: f.join('') || '(共享公式)' } : null;
    const text = v;
    switch (type) {
      case 's': {
        const i = Number(text);
        const len = Number.isInteger(i) ? wb.stringLengths[i] : undefined;
        if (len === undefined) throw damaged(fileName, `单元格 ${cellName()} 引用了不存在的共享文本 ${text.slice(0, 20)}`);
        if (len === 0) return null;
        sharedLength = len;
        if (wb.strings) return wb.strings[i]!;
        sharedIndex = i;
        return SHARED;
      }
      case 'str':
        return unescapeOoxml(text);
      case 'b':
        return text.trim() === '1' || text.trim() === 'true';
      case 'e':
        return { error: text };
      case 'd': {
        const d = new Date(text);
        return Number.isNaN(d.getTime()) ? text : d;
      }
      default: {
        const n = Number(text);
        if (text.trim() === '' || !Number.isFinite(n)) return text;
        const k = style >= 0 ? wb.styles[style] : null;
        if (k?.kind === 'date') return serialToDate(n, wb.date1904);
        if (k?.kind === 'percent') return percentText(n, k.decimals);
        return n;
      }
    }
  };

  const openCell = (tag: SaxesTagPlain) => {
    inCell = true;
    const a = tag.attributes;
    ref = a.r ?? '';
    if (ref) {
      col = refColumn(ref);
      if (col < 0 || refRow(ref) !== rowN) throw damaged(fileName, `${where.slice(1)}第 ${rowN} 行的单元格引用“${ref.slice(0, 20)}”不对`);
    } else col = lastCol + 1;
    if (col <= lastCol) throw damaged(fileName, `${where.slice(1)}的单元格 ${cellName()} 重复或顺序颠倒`);
    lastCol = col;
    type = a.t ?? 'n';
    const s = a.s;
    style = s === undefined ? -1 : Number(s);
    v = '';
    hasV = false;
    f = null;
    what = null;
    inIs = false;
  };

  const closeCell = () => {
    inCell = false;
    sharedLength = 0;
    const c = value();
    if (c === null || c === '') return;
    if (col >= MAX_COLUMNS) throw refuse(fileName, `“${fileName}”${where}在 ${cellName()} 有内容，超出 ${columnName(MAX_COLUMNS - 1)} 列（${MAX_COLUMNS.toLocaleString('en')} 列），不像正常的规划表，不导入。`);
    const chars = typeof c === 'string' ? c.length : sharedLength;
    if (chars) {
      if (chars > MAX_CELL_CHARS) throw refuse(fileName, `“${fileName}”${where}的单元格 ${cellName()} 有 ${chars.toLocaleString('en')} 个字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en')}，不导入。`);
      totals.chars += chars;
      if (totals.chars > MAX_TEXT_CHARS) throw refuse(fileName, `“${fileName}”的文本总量超过 ${MAX_TEXT_CHARS.toLocaleString('en')} 个字符，远超正常规划的大小，不导入。`);
    }
    if (++totals.cells > MAX_CELLS) throw refuse(fileName, `“${fileName}”的非空单元格超过 ${MAX_CELLS.toLocaleString('en')} 个，远超正常规划的大小，不导入。`);
    if (c === SHARED) packer.cell(col, CELL.shared, sharedIndex);
    else if (typeof c === 'number') packer.cell(col, CELL.number, c);
    else if (typeof c === 'string') packer.textCell(col, c);
    else if (typeof c === 'boolean') packer.cell(col, c ? CELL.true : CELL.false, 0);
    else if (c instanceof Date) packer.cell(col, CELL.date, c.getTime());
    else packer.otherCell(col, c);
  };

  await zip.parse(part, {
    open(name, tag) {
      if (inCell) {
        if (inIs) run.open(name);
        else if (name === 'v') what = 'v';
        else if (name === 'f') {
          what = 'f';
          f = [];
        } else if (name === 'is') inIs = true;
        return;
      }
      if (name === 'c') {
        if (inRow) openCell(tag);
      } else if (name === 'sheetData') inData = true;
      else if (!inData) {
        if (name === 'mergeCell') {
          const [a, b] = (attribute(tag, 'ref') ?? '').split(':');
          const from = a ? cellRef(a) : null;
          const to = b ? cellRef(b) : from;
          if (from && to && merges.length < MAX_ROWS_PER_SHEET) merges.push({ ref: attribute(tag, 'ref') ?? '', col: from.col, fromRow: from.row, toRow: to.row, toCol: to.col });
        }
      } else if (name === 'row') {
        const r = attribute(tag, 'r');
        const n = r === undefined ? rowN + 1 : Number(r);
        if (!Number.isInteger(n) || n < 1) throw damaged(fileName, `${where.slice(1)}的行号“${String(r).slice(0, 20)}”不对`);
        if (n <= rowN) throw damaged(fileName, `${where.slice(1)}的行号 ${n} 重复或顺序颠倒（前一行是第 ${rowN} 行）`);
        if (n > MAX_ROWS_PER_SHEET + 10 || ++rowsHere > MAX_ROWS_PER_SHEET + 10) throw tooManyRows(fileName, sheetName);
        rowN = n;
        lastCol = -1;
        inRow = true;
        packer.startRow(n);
      }
    },
    close(name) {
      if (inCell) {
        if (name === 'c') closeCell();
        else if (inIs) {
          if (name === 'is') inIs = false;
          else run.close(name);
        } else if (name === 'v' || name === 'f') what = null;
        return;
      }
      if (name === 'sheetData') inData = false;
      else if (name === 'row' && inRow) {
        inRow = false;
        packer.endRow();
        if (packer.rows >= BATCH) sink.rows(packer.take());
        if (++totals.rows % 5000 === 0) sink.progress(totals.rows);
      }
    },
    text(t) {
      if (!inCell) return;
      if (inIs) run.text(t);
      else if (what === 'v') {
        if (v.length + t.length > MAX_CELL_CHARS) throw refuse(fileName, `“${fileName}”${where}的单元格 ${cellName()} 有 ${(v.length + t.length).toLocaleString('en')} 个以上的字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en')}，不导入。`);
        v = hasV ? v + t : t;
        hasV = true;
      } else if (what === 'f' && f && f.length < 64) f.push(t);
    },
  });
  if (packer.rows) sink.rows(packer.take());
  return merges;
}
