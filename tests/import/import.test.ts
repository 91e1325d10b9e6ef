import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seededStore, ok, dumpTables } from '../helpers/store.ts';
import type { PlanSummary, Task } from '../../contract/entities.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { previewImport, applyImportFile } from '../../db/import/run.ts';
import { runJob, dataTables, arrayBuffer } from '../helpers/transfer.ts';

async function edit(bytes: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(bytes));
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import: round trip', () => {
  it('export then import changes nothing, on every seeded plan', async () => {
    const store = seededStore();
    for (const plan of ok<PlanSummary[]>(store, 'plans.list', {})) {
      const before = dumpTables(store);
      const bytes = await exportPlanXlsx(store.ctx, plan.id);
      const preview = await previewImport(store.ctx, plan.id, bytes, `${plan.id}.xlsx`);
      expect(preview.problems, plan.id).toEqual([]);
      expect(preview.changes, plan.id).toEqual([]);
      expect(preview.sheets.find((s) => s.kind === 'tasks')?.rows, plan.id).toBe(plan.taskCount);
      const applied = await applyImportFile(store.ctx, plan.id, bytes, `${plan.id}.xlsx`, { expectFingerprint: preview.fingerprint });
      expect(applied).toMatchObject({ tasksUpdated: 0, tasksAdded: 0, targetsChanged: 0 });
      expect(dumpTables(store), plan.id).toEqual(before);
    }
    // seven plans exported and imported (8号's 56 tasks since session 5): ~21 s alone, more on a loaded machine
  }, 90_000);

  it('a filled-in workbook: changes previewed cell by cell, applied in one transaction, undone in one step', async () => {
    const store = seededStore();
    const planId = 'p-yufuban-2023-3';
    const original = dumpTables(store);
    const bytes = await exportPlanXlsx(store.ctx, planId);
    const filled = await edit(bytes, (wb) => {
      const ledger = wb.getWorksheet('任务台账')!;
      // Headers are found by name, not position: swap two columns and use common variants.
      ledger.getRow(2).getCell(5).value = '责任单位';
      ledger.getRow(2).getCell(8).value = '时间节点';
      const r = ledger.getRow(3);
      r.getCell(10).value = '已完成招商 3 个项目';
      r.getCell(9).value = '进行中';
      r.getCell(8).value = '2026年6月底';
      r.getCell(5).value = '市经济信息委'; // by name
      ledger.getRow(4).getCell(6).value = '市发展改革委、市财政局';
      const added = ledger.addRow([]);
      added.getCell(1).value = '新1';
      added.getCell(3).value = '新增一项任务';
      added.getCell(5).value = '市科技局';
      added.getCell(8).value = '2027-03';
      const matrix = wb.worksheets.find((w) => w.name.startsWith('区县目标-汽车零部件产值'))!;
      const jiangjin = matrix.getRows(3, matrix.rowCount)!.find((x) => x.getCell(1).value === '江津区')!;
      jiangjin.getCell(6).value = 1300;
      jiangjin.getCell(5).value = { formula: '1200*1', result: 1200 }; // formulas are read as their values
    });
    const preview = await previewImport(store.ctx, planId, filled, 'filled.xlsx');
    expect(preview.problems).toEqual([]);
    expect(preview.summary).toEqual({ tasksUpdated: 2, tasksAdded: 1, targetsChanged: 2 });
    expect(preview.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: '任务台账', row: 3, column: '进展情况', after: '已完成招商 3 个项目' }),
        expect.objectContaining({ sheet: '任务台账', row: 3, column: '时间节点', after: '2026年6月底' }),
        expect.objectContaining({ sheet: '任务台账', column: '任务名称', action: 'insert', after: '新增一项任务' }),
        expect.objectContaining({ column: '2027年（亿元）', subject: '江津区 2027年 汽车零部件产值', before: '300亿元', after: '1300' }),
        expect.objectContaining({ column: '2026年（亿元）', before: null, after: '1200' }),
      ]),
    );
    // Nothing written by the preview.
    expect(dumpTables(store)).toEqual(original);

    const job = await runJob(store, 'import.apply', { planId, fileName: 'filled.xlsx', dataBase64: filled.toString('base64'), fingerprint: preview.fingerprint });
    expect(job.error).toBeNull();
    expect(job.applied).toMatchObject({ tasksUpdated: 2, tasksAdded: 1, targetsChanged: 2, label: '导入 filled.xlsx' });
    const tasks = ok<{ rows: Task[] }>(store, 'tasks.list', { planId, limit: 100 }).rows;
    const first = tasks[0]!;
    expect(first).toMatchObject({ status: '进行中', progress: '已完成招商 3 个项目', deadline: '2026-06', deadlineText: '2026年6月底' });
    expect(tasks.at(-1)).toMatchObject({ number: '新1', title: '新增一项任务', deadline: '2027-03' });
    expect(tasks.at(-1)!.leadDepartments.map((u) => u.name)).toEqual(['市科技局']);
    expect(ok<{ canUndo: boolean; undoLabel: string }>(store, 'history.status', { planId })).toMatchObject({ canUndo: true, undoLabel: '导入 filled.xlsx' });

    ok(store, 'history.undo', { planId });
    expect(dataTables(dumpTables(store))).toEqual(dataTables(original));
  });

  it('apply refuses when the plan changed after the preview, and writes nothing', async () => {
    const store = seededStore();
    const planId = 'p-yukuaima';
    const bytes = await edit(await exportPlanXlsx(store.ctx, planId), (wb) => {
      wb.getWorksheet('任务台账')!.getRow(3).getCell(10).value = '已上线';
    });
    const preview = await runJob(store, 'import.preview', { planId, fileName: 'a.xlsx', dataBase64: bytes.toString('base64') });
    expect(preview.preview!.changesTotal).toBe(1);
    const [task] = ok<{ rows: Task[] }>(store, 'tasks.list', { planId, limit: 1 }).rows;
    ok(store, 'tasks.update', { taskId: task!.id, patch: { progress: '别人刚写的进展' } });
    const before = dumpTables(store);
    const applied = await runJob(store, 'import.apply', { planId, fileName: 'a.xlsx', dataBase64: bytes.toString('base64'), fingerprint: preview.preview!.fingerprint });
    expect(applied.state).toBe('failed');
    expect(applied.error?.message).toMatch(/重新预览/);
    expect(dumpTables(store)).toEqual(before);
  });

  it('department names resolve through the alias list; unknown ones are reported with sheet, row and column', async () => {
    const store = seededStore();
    const planId = 'p-yukuaima';
    const units = ok<{ name: string; aliases: string[] }[]>(store, 'departments.list', {});
    const withAlias = units.find((u) => u.aliases.length)!;
    const bytes = await edit(await exportPlanXlsx(store.ctx, planId), (wb) => {
      const ws = wb.getWorksheet('任务台账')!;
      ws.getRow(3).getCell(5).value = withAlias.aliases[0];
      ws.getRow(4).getCell(5).value = '市不存在局';
    });
    const preview = await previewImport(store.ctx, planId, bytes, 'b.xlsx');
    expect(preview.problems).toEqual([{ sheet: '任务台账', row: 4, column: '牵头单位', reason: expect.stringContaining('未知的单位“市不存在局”') }]);
    expect(preview.changes.find((c) => c.row === 3)?.after).toBe(withAlias.aliases[0]);
    await expect(applyImportFile(store.ctx, planId, bytes, 'b.xlsx')).rejects.toThrow(/1 处问题，未导入任何内容/);
  });
});
