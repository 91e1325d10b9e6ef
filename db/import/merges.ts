/**
 * Merged cells as the officer sees them: a range merged over several rows (牵头单位 written once
 * beside three tasks) shows its value on every one of those rows, so the value of its top-left cell
 * is applied to the first column of every covered row that has content. A range merged only across
 * columns (a title over the table) is left as it is: copying it would invent headers. Pure.
 */
import type { MergedRange, RowIn } from './read-types.ts';

export function fillMerges(rows: RowIn[], merges: readonly MergedRange[]): string[] {
  const vertical = merges.filter((m) => m.toRow > m.fromRow);
  if (!vertical.length || !rows.length) return [];
  const byRow = new Map(rows.map((r) => [r.n, r]));
  const lastRow = rows[rows.length - 1]!.n;
  const filled: string[] = [];
  for (const m of vertical) {
    const value = byRow.get(m.fromRow)?.cells[m.col] ?? null;
    if (value === null) continue;
    let any = false;
    for (let n = m.fromRow + 1; n <= Math.min(m.toRow, lastRow); n++) {
      const row = byRow.get(n);
      // A covered row with nothing else on it is not a row of the table.
      if (!row) continue;
      while (row.cells.length < m.col) row.cells.push(null);
      if (row.cells[m.col] === null || row.cells[m.col] === undefined) {
        row.cells[m.col] = value;
        any = true;
      }
    }
    if (any) filled.push(m.ref);
  }
  return filled;
}
