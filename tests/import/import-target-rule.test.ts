/**
 * An imported target value obeys the same rule as a typed or pasted one (domain/targets.ts): a
 * district taken out of the plan's list takes no new value, even though its old values are still
 * on show (and still round-trip unchanged).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seededStore, dumpTables } from '../helpers/store.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { previewImport } from '../../db/import/run.ts';
import { arrayBuffer } from '../helpers/transfer.ts';

const PLAN = 'p-yufuban-2023-3';

async function withJiangjin(bytes: Buffer, value: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(bytes));
  const matrix = wb.worksheets.find((w) => w.name.startsWith('区县目标-汽车零部件产值'))!;
  const jiangjin = matrix.getRows(3, matrix.rowCount)!.find((x) => x.getCell(1).value === '江津区')!;
  jiangjin.getCell(6).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import: target values by the one target rule', () => {
  it('a changed value for a district no longer in the plan’s list is refused; unchanged values still round-trip', async () => {
    const store = seededStore();
    const bytes = await exportPlanXlsx(store.ctx, PLAN);
    const id = store.db.prepare<[string], { id: string }>('SELECT id FROM districts WHERE name = ?').get('江津区')!.id;
    store.db.prepare('DELETE FROM plan_districts WHERE plan_id = ? AND district_id = ?').run(PLAN, id);
    const before = dumpTables(store);

    const unchanged = await previewImport(store.ctx, PLAN, bytes, 'same.xlsx');
    expect(unchanged.problems).toEqual([]);

    const changed = await previewImport(store.ctx, PLAN, await withJiangjin(bytes, 1300), 'changed.xlsx');
    expect(changed.problems.map((p) => p.reason)).toContain('区县“江津区”不属于本规划');
    expect(changed.summary.targetsChanged).toBe(0);
    expect(dumpTables(store)).toEqual(before);
  });
});
