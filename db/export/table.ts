/** The grid currently shown (its columns and filtered rows) as .xlsx or CSV, ready to hand on. */
import { toCsv } from './csv.ts';
import { SheetWriter, newWorkbook } from './xlsx/sheet-writer.ts';
import { fitWidth, sheetName } from './xlsx/layout.ts';

export type TableValue = string | number | null;

export interface TableExport {
  title: string;
  format: 'xlsx' | 'csv';
  columns: { header: string }[];
  rows: TableValue[][];
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export function safeFileName(title: string): string {
  return title.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 80) || '导出';
}

export async function exportTable(t: TableExport, onProgress?: (done: number, total: number) => void): Promise<Buffer> {
  if (t.format === 'csv') return Buffer.from(toCsv(t.columns.map((c) => c.header), t.rows), 'utf8');
  const { wb, bytes } = newWorkbook();
  const sample = t.rows.slice(0, 500);
  const sheet = new SheetWriter(wb, {
    name: sheetName(t.title, new Set()),
    title: t.title,
    columns: t.columns.map((c, i) => {
      const texts = sample.map((r) => (r[i] === null || r[i] === undefined ? '' : String(r[i])));
      const long = texts.some((s) => s.length > 30);
      return { header: c.header, width: fitWidth({ header: c.header, minWidth: 8, maxWidth: 50 }, texts), wrap: long };
    }),
  });
  for (let i = 0; i < t.rows.length; i++) {
    sheet.addRow(t.rows[i]!);
    if ((i + 1) % 2000 === 0) {
      onProgress?.(i + 1, t.rows.length);
      await yieldToLoop();
    }
  }
  sheet.commit();
  await wb.commit();
  return bytes;
}
