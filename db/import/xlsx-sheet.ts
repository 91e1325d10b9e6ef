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
import type { MergedRange, WireCell, WireRow } from './read-types.ts';
import { RunText, unescapeOoxml, type WorkbookInfo } from './xlsx-workbook.ts';
import { attribute, damaged, type XlsxZip } from './zip-parts.ts';

/** "AB12" → { col: 27, row: 12 } (0-based column); null when not a cell reference. */
export function cellRef(ref: string): { col: number; row: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  const row = Number(ref.slice(i));
  if (i === 0 || !Number.isInteger(row) || row < 1) return null;
  return { col: col - 1, row };
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

const refuse = (message: string) => new PlanDeskError('INVALID_INPUT', message);

export interface SheetSink {
  rows(batch: WireRow[]): void;
  progress(rowsRead: number): void;
}

const BATCH = 2_000;

/** Reads one worksheet; rows with a value go to `sink` in batches; returns the merged ranges. */
export async function readSheetCells(
  zip: XlsxZip, part: string, sheetName: string, wb: WorkbookInfo, fileName: string, totals: Totals, sink: SheetSink,
): Promise<MergedRange[]> {
  const where = `的工作表“${sheetName}”`;
  const merges: MergedRange[] = [];
  let batch: WireRow[] = [];
  let inData = false;
  let rowN = 0;
  let rowsHere = 0;
  let cells: WireCell[] = [];
  let hasValue = false;
  // the cell being read
  let inCell = false;
  let col = -1;
  let lastCol = -1;
  let type = 'n';
  let style = -1;
  let ref = '';
  let what: 'v' | 'f' | null = null;
  let v: string[] = [];
  let f: string[] | null = null;
  let inIs = false;
  let vLength = 0;
  const run = new RunText((n) => {
    throw refuse(`“${fileName}”${where}的单元格 ${ref} 有 ${n.toLocaleString('en')} 个以上的字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en')}，不导入。`);
  });

  let sharedLength = 0;
  const value = (): WireCell => {
    if (type === 'inlineStr') return run.take();
    const text = v.length === 1 ? v[0]! : v.join('');
    if (!v.length) return f !== null ? { noResult: f.join('') || '(共享公式)' } : null;
    switch (type) {
      case 's': {
        const i = Number(text);
        const len = Number.isInteger(i) ? wb.stringLengths[i] : undefined;
        if (len === undefined) throw damaged(fileName, `单元格 ${ref} 引用了不存在的共享文本 ${text.slice(0, 20)}`);
        if (len === 0) return null;
        sharedLength = len;
        return wb.strings ? wb.strings[i]! : { ss: i };
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
    ref = attribute(tag, 'r') ?? '';
    const at = ref ? cellRef(ref) : null;
    if (ref && (!at || at.row !== rowN)) throw damaged(fileName, `${where.slice(1)}第 ${rowN} 行的单元格引用“${ref.slice(0, 20)}”不对`);
    col = at ? at.col : lastCol + 1;
    if (col <= lastCol) throw damaged(fileName, `${where.slice(1)}的单元格 ${ref || columnName(col) + rowN} 重复或顺序颠倒`);
    lastCol = col;
    if (!ref) ref = `${columnName(col)}${rowN}`;
    type = attribute(tag, 't') ?? 'n';
    const s = attribute(tag, 's');
    style = s === undefined ? -1 : Number(s);
    v = [];
    f = null;
    vLength = 0;
    what = null;
    inIs = false;
  };

  const closeCell = () => {
    inCell = false;
    sharedLength = 0;
    const c = value();
    if (c === null || c === '') return;
    if (col >= MAX_COLUMNS) throw refuse(`“${fileName}”${where}在 ${ref} 有内容，超出 ${columnName(MAX_COLUMNS - 1)} 列（${MAX_COLUMNS.toLocaleString('en')} 列），不像正常的规划表，不导入。`);
    const chars = typeof c === 'string' ? c.length : sharedLength;
    if (chars) {
      if (chars > MAX_CELL_CHARS) throw refuse(`“${fileName}”${where}的单元格 ${ref} 有 ${chars.toLocaleString('en')} 个字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en')}，不导入。`);
      totals.chars += chars;
      if (totals.chars > MAX_TEXT_CHARS) throw refuse(`“${fileName}”的文本总量超过 ${MAX_TEXT_CHARS.toLocaleString('en')} 个字符，远超正常规划的大小，不导入。`);
    }
    if (++totals.cells > MAX_CELLS) throw refuse(`“${fileName}”的非空单元格超过 ${MAX_CELLS.toLocaleString('en')} 个，远超正常规划的大小，不导入。`);
    while (cells.length < col) cells.push(null);
    cells[col] = c;
    hasValue = true;
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
      if (name === 'sheetData') inData = true;
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
        cells = [];
        hasValue = false;
        lastCol = -1;
      } else if (name === 'c') openCell(tag);
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
      else if (name === 'row' && inData) {
        if (hasValue) batch.push({ n: rowN, cells });
        if (batch.length >= BATCH) {
          sink.rows(batch);
          batch = [];
        }
        if (++totals.rows % 5000 === 0) sink.progress(totals.rows);
      }
    },
    text(t) {
      if (!inCell) return;
      if (inIs) run.text(t);
      else if (what === 'v') {
        vLength += t.length;
        if (vLength > MAX_CELL_CHARS) throw refuse(`“${fileName}”${where}的单元格 ${ref} 有 ${vLength.toLocaleString('en')} 个以上的字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en')}，不导入。`);
        v.push(t);
      } else if (what === 'f' && f && f.length < 64) f.push(t);
    },
  });
  if (batch.length) sink.rows(batch);
  return merges;
}
