/**
 * The 目标原文 sheet read back (db/export/xlsx/wording-sheet.ts says why the wording is not in the cell):
 * each row names a target matrix sheet, a row of it (district or cluster) and a year, and gives the
 * document's wording of that cell's number. planTargetChanges (target-changes.ts) takes the wording
 * with the cell's number, after checking that the wording reads as the same number in the indicator's
 * unit (domain/numbers.ts, the rules of typing a value); a row that names no cell of its sheet is refused.
 *
 * When a workbook has this sheet, it holds every wording of its matrices: a number cell without a row
 * here has no wording (an officer who deletes the row deletes the wording). A workbook without it
 * (older exports, a district's filled-in matrix) leaves the stored wording of an unchanged number alone.
 */
import { WORDING_HEADERS } from '../export/xlsx/wording-sheet.ts';
import { cellText, normaliseHeader } from './match-headers.ts';
import type { CellIn, SheetIn } from './read.ts';
import type { ImportPlan } from './plan-changes.ts';

export interface WordingRow {
  sheet: string;
  row: number;
  /** the cell it names */
  table: string;
  label: string;
  year: number;
  text: string;
  used: boolean;
}

/** The wording rows of a file by 目标表, 区县或产业集群 and 年份 (wordingKey). */
export type WordingIndex = Map<string, WordingRow>;

export const wordingKey = (table: string, label: string, year: number) => JSON.stringify([table.trim(), label.trim(), year]);

type Field = keyof typeof WORDING_HEADERS;

export const MAX_WORDING = 200;

/** The header row of a 目标原文 sheet (目标表, 区县或产业集群, 年份 and 原文 among its headers, in its first rows), or null. */
export function matchWordingSheet(sheet: SheetIn): { headerRow: number; columns: Map<Field, number> } | null {
  for (const r of sheet.rows.slice(0, 6)) {
    const keys = r.cells.map((c) => normaliseHeader(cellText(c)));
    const columns = new Map<Field, number>();
    for (const [field, header] of Object.entries(WORDING_HEADERS) as [Field, string][]) {
      const i = keys.indexOf(normaliseHeader(header));
      if (i >= 0) columns.set(field, i);
    }
    if (columns.has('table') && columns.has('label') && columns.has('year') && columns.has('text')) return { headerRow: r.n, columns };
  }
  return null;
}

function yearOf(c: CellIn): number | null {
  const t = cellText(c).trim().replace(/年$/, '');
  return /^\d{4}$/.test(t) ? Number(t) : null;
}

/** Reads the sheet's rows into `into`, each row checked (a year, a wording, no cell named twice). */
export function readWordings(sheet: SheetIn, m: NonNullable<ReturnType<typeof matchWordingSheet>>, into: WordingIndex, out: ImportPlan): void {
  const col = (f: Field) => m.columns.get(f) ?? -1;
  const header = (f: Field) => WORDING_HEADERS[f];
  for (const r of sheet.rows) {
    if (r.n <= m.headerRow) continue;
    const problem = (f: Field | null, reason: string) => out.problems.push({ sheet: sheet.name, row: r.n, column: f ? header(f) : null, reason });
    const get = (f: Field) => r.cells[col(f)] ?? null;
    const table = cellText(get('table')).trim();
    const label = cellText(get('label')).trim();
    const text = cellText(get('text')).trim();
    const yearCell = get('year');
    if (!table && !label && !text && cellText(yearCell).trim() === '') continue;
    const bad = (['table', 'label', 'year', 'text'] as const).find((f) => {
      const c = get(f);
      return c !== null && typeof c === 'object' && !(c instanceof Date);
    });
    if (bad) {
      problem(bad, '单元格是错误值或没有计算结果的公式');
      continue;
    }
    if (!table) problem('table', '请填写原文所属的目标表（工作表名称）');
    if (!label) problem('label', '请填写区县或产业集群');
    const year = yearOf(yearCell);
    if (year === null) problem('year', `“${cellText(yearCell)}”不是年份（如 2027）`);
    if (!text) problem('text', '原文为空：不需要原文时请删除这一行');
    // a target's wording is a few words ("超过1060家"); a longer text is not one (and is not read as a number)
    const tooLong = text.length > MAX_WORDING;
    if (tooLong) problem('text', `原文有 ${text.length} 个字符，超过 ${MAX_WORDING} 个：目标的原文应是数值及其限定词（如“超过1060家”）`);
    if (!table || !label || year === null || !text || tooLong) continue;
    const key = wordingKey(table, label, year);
    const first = into.get(key);
    if (first) {
      problem(null, `与${first.sheet === sheet.name ? '' : `工作表“${first.sheet}”`}第 ${first.row} 行是同一个单元格（${table} ${label} ${year}年），同一单元格只能有一行原文`);
      continue;
    }
    into.set(key, { sheet: sheet.name, row: r.n, table, label, year, text, used: false });
  }
}

/**
 * A wording row naming a cell its target sheet lacks is refused (nothing is written). One naming a sheet
 * the file does not have is left out with a notice: an officer may hand back only the sheets they
 * filled in (the stored wording of the sheets left out stays as it is).
 */
export function reportUnusedWordings(index: WordingIndex, matrixSheets: ReadonlySet<string>, out: ImportPlan): void {
  const absent = new Map<string, WordingRow[]>();
  for (const w of index.values()) {
    if (w.used) continue;
    if (!matrixSheets.has(w.table)) {
      // pushed in place: a copy per row was quadratic (100,000 rows of one absent sheet: minutes)
      const rows = absent.get(w.table);
      if (rows) rows.push(w);
      else absent.set(w.table, [w]);
      continue;
    }
    out.problems.push({
      sheet: w.sheet, row: w.row, column: WORDING_HEADERS.text,
      reason: `目标表“${w.table}”中没有“${w.label}”${w.year}年的数值，原文“${w.text}”无处可放：请在目标表中填写数值，或删除这一行`,
    });
  }
  for (const [table, rows] of absent) {
    const first = rows[0]!;
    out.notices.push(`工作表“${first.sheet}”第 ${rows.map((w) => w.row).slice(0, 5).join('、')}${rows.length > 5 ? ' 等' : ''} 行的原文所属的目标表“${table}”不在文件中，这 ${rows.length} 行未导入。`);
  }
}
