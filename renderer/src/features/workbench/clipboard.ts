/**
 * Clipboard text as Excel and WPS write it: rows separated by CR LF (or LF), cells by tabs, a cell
 * quoted with "…" when it holds a tab, a line break or a quote (quotes doubled inside). Pure.
 */
import { parseDelimited } from '../../../../domain/delimited.ts';

/** Parses tab-separated text into a rectangular block (short rows padded with ""). */
export function parseTsv(text: string): string[][] {
  const rows = parseDelimited(text, '\t');
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r));
}

function quote(cell: string): string {
  return /[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A block as tab-separated text Excel and WPS paste back cell by cell. */
export function toTsv(block: readonly (readonly string[])[]): string {
  return block.map((r) => r.map(quote).join('\t')).join('\r\n');
}

export interface CellRect {
  rowStart: number;
  rowEnd: number;
  colStart: number;
  colEnd: number;
}

/** The rectangle between an anchor cell and the focused cell (inclusive, in display order). */
export function rectBetween(a: { row: number; col: number }, b: { row: number; col: number }): CellRect {
  return { rowStart: Math.min(a.row, b.row), rowEnd: Math.max(a.row, b.row), colStart: Math.min(a.col, b.col), colEnd: Math.max(a.col, b.col) };
}

/**
 * Where a pasted block lands: from the focused cell, or tiled over a selection that is an exact
 * multiple of it (as Excel does); clipped at the grid's edge.
 */
export function pasteTargets(
  block: readonly (readonly string[])[],
  at: { row: number; col: number },
  size: { rows: number; cols: number },
  selection?: CellRect,
): { row: number; col: number; value: string; blockRow: number; blockCol: number }[] {
  const h = block.length;
  const w = block[0]?.length ?? 0;
  if (h === 0 || w === 0) return [];
  let rows = h;
  let cols = w;
  let origin = at;
  if (selection) {
    const sh = selection.rowEnd - selection.rowStart + 1;
    const sw = selection.colEnd - selection.colStart + 1;
    if (sh % h === 0 && sw % w === 0) {
      rows = sh;
      cols = sw;
      origin = { row: selection.rowStart, col: selection.colStart };
    }
  }
  const out: { row: number; col: number; value: string; blockRow: number; blockCol: number }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const row = origin.row + r;
      const col = origin.col + c;
      if (row >= size.rows || col >= size.cols) continue;
      out.push({ row, col, value: block[r % h]?.[c % w] ?? '', blockRow: r + 1, blockCol: c + 1 });
    }
  }
  return out;
}
