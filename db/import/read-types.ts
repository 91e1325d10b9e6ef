/** What the reader hands on: the cells of every sheet as plain values (structured-cloneable). */

/** A cell as the import sees it. `noResult`: a formula the file never calculated. */
export type CellIn = string | number | boolean | Date | null | { error: string } | { noResult: string };

/**
 * A cell as the reading worker sends it: a shared string goes as its index into the table sent once
 * before the sheets (so each text crosses the thread boundary once and is held once, as in the file).
 */
export type WireCell = CellIn | { ss: number };

export interface WireRow {
  n: number;
  cells: WireCell[];
}

export interface RowIn {
  /** 1-based row number in the sheet */
  n: number;
  /** index 0 = column A */
  cells: CellIn[];
}

/** A merged range: its value sits in its top-left cell (`col`, `fromRow`). */
export interface MergedRange {
  ref: string;
  col: number;
  toCol: number;
  fromRow: number;
  toRow: number;
}

export interface SheetIn {
  name: string;
  rows: RowIn[];
  /** hidden (or "very hidden") in the workbook; read all the same, and the preview says so */
  hidden?: boolean;
  /** ranges merged over several rows whose value was applied to every covered row */
  filledMerges?: string[];
}

export type ReadProgress = (rowsRead: number) => void;
