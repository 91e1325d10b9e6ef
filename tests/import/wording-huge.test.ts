/**
 * A hostile or broken 目标原文 sheet of 100,000 rows (the export writes one row per worded target cell: tens):
 * the preview reads it through, reports problems by sheet, row and column without listing 100,000 of them,
 * leaves the file unchanged, and the core answers other calls while the preview job runs.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dumpTables, seededStore } from '../helpers/store.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { applyImportFile, previewImport } from '../../db/import/run.ts';
import { WORDING_HEADERS } from '../../db/export/xlsx/wording-sheet.ts';
import { arrayBuffer, runJob } from '../helpers/transfer.ts';

const PLAN = 'p-yufu-2023-13';
const ROWS = 100_000;

/** The export's 目标原文 sheet replaced by ROWS rows: half name cells a real target sheet lacks, half a sheet the file lacks. */
async function hugeWording(good: Buffer): Promise<{ bytes: Buffer; table: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(good));
  const existing = wb.getWorksheet('目标原文');
  if (!existing) throw new Error('the export has no 目标原文 sheet');
  // the export's sheet: a title, a note, then 序号 | 目标表 | 指标名称 | 区县或产业集群 | 年份 | 原文
  const table = String(existing.getRow(4).getCell(2).value);
  wb.removeWorksheet(existing.id);
  const ws = wb.addWorksheet('目标原文');
  ws.addRow(['序号', WORDING_HEADERS.table, WORDING_HEADERS.indicator, WORDING_HEADERS.label, WORDING_HEADERS.year, WORDING_HEADERS.text]);
  for (let i = 0; i < ROWS; i++) ws.addRow([i + 1, i % 2 ? '不存在的表' : table, '规模以上工业企业营业收入', `区县${i}`, 2020 + (i % 10), `${i}亿元左右`]);
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), table };
}

describe('a 目标原文 sheet of 100,000 rows', () => {
  it('is reported, bounded, nothing written; the core answers meanwhile', { timeout: 240_000 }, async () => {
    const store = seededStore();
    const { bytes, table } = await hugeWording(await exportPlanXlsx(store.ctx, PLAN));
    const before = dumpTables(store);
    const preview = await previewImport(store.ctx, PLAN, bytes, 'huge-wording.xlsx');
    // every row naming a cell the real sheet lacks is a problem; the list shown is bounded
    expect(preview.problemsTotal).toBeGreaterThanOrEqual(ROWS / 2);
    expect(preview.problems.length).toBeLessThanOrEqual(1000);
    expect(preview.problems[0]).toMatchObject({ sheet: '目标原文', row: 2, column: '原文' });
    expect(preview.problems[0]!.reason).toContain(`目标表“${table}”中没有“区县0”2020年的数值`);
    // the rows of a sheet the file lacks: one notice, naming the first rows and the count
    expect(preview.notices.filter((n) => n.includes('不存在的表'))).toEqual([expect.stringMatching(/第 3、5、7、9、11 等 行.*“不存在的表”不在文件中，这 50000 行未导入/)]);
    await expect(applyImportFile(store.ctx, PLAN, bytes, 'huge-wording.xlsx')).rejects.toThrow();
    expect(dumpTables(store)).toEqual(before);

    // through the operations: a job, and app.info answered while it runs
    const job = runJob(store, 'import.preview', { planId: PLAN, fileName: 'huge-wording.xlsx', dataBase64: bytes.toString('base64') });
    const t0 = performance.now();
    expect(store.call('app.info', {}).ok).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect((await job).state).toBe('done');
  });
});
