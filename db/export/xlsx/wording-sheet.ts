/**
 * The 目标原文 sheet (issue 14 §1, the round trip): the document's wording of every district and cluster
 * target that has one ("超过1060家", "30左右", "1000亿元以上"), listed by the matrix sheet, row (district or
 * cluster) and year of its cell. The import reads it back (db/import/target-wording.ts) by these headers.
 *
 * Why a sheet of its own and not the wording in the matrix cell: the matrix cells stay plain numbers,
 * so an officer can sort, filter and add them up in Excel/WPS (the 合计 row is a SUM formula), and a
 * cell written as text ("超过1060家") would be left out of every sum. A number format that shows the
 * wording (`"超过"0"家"`) was ruled out too: it cannot show "1.4万亿元" for 14000, and it would keep
 * showing the old wording after the officer types a new number. Here the wording sits beside where its
 * cell is, readable and printable, and the import refuses a wording whose number disagrees with the cell.
 */
import type ExcelJS from 'exceljs';
import { SheetWriter } from './sheet-writer.ts';
import { fitWidth, sheetName } from './layout.ts';

export const WORDING_SHEET = '目标原文';
/** The headers as written and read back; none of them reads as a matrix, task or catalog header. */
export const WORDING_HEADERS = { table: '目标表', indicator: '指标名称', label: '区县或产业集群', year: '年份', text: '原文' } as const;

export interface WordingEntry {
  /** the matrix sheet's name as written (after sheetName's cuts) */
  table: string;
  indicator: string;
  label: string;
  year: number;
  text: string;
}

export function writeWordingSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, planTitle: string, entries: readonly WordingEntry[], taken: Set<string>): void {
  if (!entries.length) return;
  const H = WORDING_HEADERS;
  const sheet = new SheetWriter(wb, {
    name: sheetName(WORDING_SHEET, taken),
    title: `${planTitle} — 目标原文`,
    subtitle: '各目标表中数值的公文原文（含“超过”“左右”“以上”等）；目标表中只填数值。修改数值时请一并修改或删除这里的原文，导入时原文的数值须与目标表一致',
    columns: [
      { header: '序号', width: 6 },
      { header: H.table, width: fitWidth({ header: H.table, minWidth: 14, maxWidth: 40 }, entries.map((e) => e.table)), wrap: true },
      { header: H.indicator, width: fitWidth({ header: H.indicator, minWidth: 14, maxWidth: 36 }, entries.map((e) => e.indicator)), wrap: true },
      { header: H.label, width: fitWidth({ header: H.label, minWidth: 14, maxWidth: 30 }, entries.map((e) => e.label)), wrap: true },
      { header: H.year, width: 8, numFmt: '0' },
      { header: H.text, width: fitWidth({ header: H.text, minWidth: 14, maxWidth: 40 }, entries.map((e) => e.text)), wrap: true },
    ],
  });
  entries.forEach((e, i) => sheet.addRow([i + 1, e.table, e.indicator, e.label, e.year, e.text]));
  sheet.commit();
}
