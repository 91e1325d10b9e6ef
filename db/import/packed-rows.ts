/**
 * A batch of rows as it crosses the thread boundary (the reading worker packs it, read.ts unpacks
 * it), packed so that the host builds each row's cells from flat arrays in one loop: `n[r]` the row
 * number and `width[r]` its cell count; per cell, in row order, `tag` says what it is and `num`
 * carries its number (a shared string's index into the table sent once, a number, a date's
 * milliseconds). Texts not from the shared table go in `text` and the rare error or uncalculated
 * formula in `other`, in cell order. The typed arrays are transferred, not copied; this replaced a
 * JSON string per batch, which cost about 0.7 s on the 100,000-task workbook (`npm run bench --
 * transfer`) in stringify, parse and a second pass turning each { ss } object back into its text.
 *
 * The worksheet reader (xlsx-sheet.ts) writes each cell straight into a RowPacker as it closes, so
 * the worker makes no object per cell and no array per row (that garbage was a third of the
 * worker's time, mostly in the garbage collector).
 */
import type { CellIn, RowIn, WireCell } from './read-types.ts';

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
type Tag = (typeof CELL)[keyof typeof CELL];

/** The buffers of a batch, to transfer with it. */
export const packedBuffers = (p: PackedRows): ArrayBuffer[] => [p.n.buffer, p.width.buffer, p.tag.buffer, p.num.buffer];

/** Builds one batch of packed rows, cell by cell: startRow, then cells left to right, then endRow. */
export class RowPacker {
  private n = new Int32Array(512);
  private width = new Int32Array(512);
  private tag = new Uint8Array(8192);
  private num = new Float64Array(8192);
  private text: string[] = [];
  private other: CellIn[] = [];
  /** rows ended in this batch */
  rows = 0;
  private cells = 0;
  private rowStart = 0;
  private open = false;

  /** Starts a row; the cells of a row started and never ended are dropped. */
  startRow(n: number): void {
    if (this.cells > this.rowStart && this.open) this.tag.fill(0, this.rowStart, this.cells);
    if (this.open) this.cells = this.rowStart;
    this.open = true;
    if (this.rows === this.n.length) {
      this.n = grow(this.n, new Int32Array(this.n.length * 2));
      this.width = grow(this.width, new Int32Array(this.width.length * 2));
    }
    this.n[this.rows] = n;
    this.rowStart = this.cells;
  }

  /** The cell in column `col` (0-based, right of every cell already in the row); columns skipped stay empty. */
  cell(col: number, tag: Tag, num: number): void {
    const k = this.rowStart + col;
    if (k >= this.tag.length) this.room(k);
    this.tag[k] = tag;
    this.num[k] = num;
    this.cells = k + 1;
  }

  textCell(col: number, s: string): void {
    this.cell(col, CELL.text, 0);
    this.text.push(s);
  }

  otherCell(col: number, c: CellIn): void {
    this.cell(col, CELL.other, 0);
    this.other.push(c);
  }

  /** Ends the row; a row with no cell is dropped, unless `width` (its cell count, empty cells included) is given. */
  endRow(width = -1): void {
    this.open = false;
    if (width < 0) {
      if (this.cells === this.rowStart) return;
    } else {
      if (this.rowStart + width > this.tag.length) this.room(this.rowStart + width);
      this.cells = this.rowStart + width;
    }
    this.width[this.rows++] = this.cells - this.rowStart;
  }

  private room(k: number): void {
    let size = this.tag.length * 2;
    while (size <= k) size *= 2;
    this.tag = grow(this.tag, new Uint8Array(size));
    this.num = grow(this.num, new Float64Array(size));
  }

  /** The batch so far (exact-length arrays, to transfer), and a fresh start. */
  take(): PackedRows {
    const p: PackedRows = {
      n: this.n.slice(0, this.rows),
      width: this.width.slice(0, this.rows),
      tag: this.tag.slice(0, this.cells),
      num: this.num.slice(0, this.cells),
      text: this.text,
      other: this.other,
    };
    this.tag.fill(0, 0, this.cells); // reused: the next batch's skipped columns must read as empty
    this.rows = this.cells = this.rowStart = 0;
    this.open = false;
    this.text = [];
    this.other = [];
    return p;
  }
}

function grow<T extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

/** Packs rows of plain values (the CSV reader's). */
export function packRows(rows: readonly { n: number; cells: readonly WireCell[] }[]): PackedRows {
  const p = new RowPacker();
  for (const r of rows) {
    p.startRow(r.n);
    const cells = r.cells;
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j];
      if (c === null || c === undefined) continue; // CELL.empty is 0
      if (typeof c === 'string') p.textCell(j, c);
      else if (typeof c === 'number') p.cell(j, CELL.number, c);
      else if (typeof c === 'boolean') p.cell(j, c ? CELL.true : CELL.false, 0);
      else if (c instanceof Date) p.cell(j, CELL.date, c.getTime());
      else if ('ss' in c) p.cell(j, CELL.shared, c.ss);
      else p.otherCell(j, c);
    }
    p.endRow(cells.length); // every row kept, at its full width, as before
  }
  return p.take();
}

/** The rows of a packed batch, shared strings resolved from the table sent first. */
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
