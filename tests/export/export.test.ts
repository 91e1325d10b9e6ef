import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seededStore, tempDir, ok } from '../helpers/store.ts';
import type { PlanSummary } from '../../contract/entities.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { runJob, openpyxlSummary, arrayBuffer } from '../helpers/transfer.ts';

describe('plan workbook export', () => {
  it('every seeded plan: values, number formats, merged titles, frozen headers and print setup, read back by ExcelJS and by openpyxl', { timeout: 120_000 }, async () => {
    const store = seededStore();
    const dir = tempDir();
    for (const plan of ok<PlanSummary[]>(store, 'plans.list', {})) {
      const file = path.join(dir, `${plan.id}.xlsx`);
      fs.writeFileSync(file, await exportPlanXlsx(store.ctx, plan.id));

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const overview = wb.getWorksheet('概况')!;
      expect(overview.getCell('A1').value).toBe(plan.title);
      expect(overview.getCell('B4').value ?? '').toBe(plan.docNumber);
      const tasks = wb.getWorksheet('任务台账')!;
      expect(tasks.getRow(2).values).toEqual([undefined, '编号', '篇章', '任务名称', '任务内容', '牵头单位', '配合单位', '涉及区县', '完成时限', '状态', '进展情况', '量化目标', '备注', '规范时限', '任务编码']);
      expect(tasks.rowCount - 2).toBe(plan.taskCount);
      for (const ws of wb.worksheets) {
        // The header is row 2, or row 3 under a note (完成情况 says what its figures are, 目标原文 how it goes with the target sheets)
        const head = ws.name === '完成情况' || ws.name === '目标原文' ? 3 : 2;
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: head });
        expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
        expect(ws.headerFooter.oddFooter).toContain('&P');
        expect(ws.getRow(head).font?.bold ?? ws.getRow(head).getCell(1).font?.bold).toBe(true);
        const merged = (ws.model as { merges?: string[] }).merges ?? [];
        if (ws.columnCount > 1) expect(merged[0]).toMatch(/^A1:[B-Z]+1$/);
        for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width).toBeGreaterThan(4);
      }

      const py = openpyxlSummary(file);
      expect(Object.keys(py)).toEqual(wb.worksheets.map((w) => w.name));
      for (const [name, s] of Object.entries(py)) {
        const head = name === '完成情况' || name === '目标原文' ? 3 : 2;
        expect(s.freeze, name).toBe(`A${head + 1}`);
        expect(s.printTitles, name).toBe(`$${head}:$${head}`);
        expect(s.orientation).toBe('landscape');
        expect(s.paper).toBe('9');
        expect(s.fitToWidth).toBe(1);
        expect(s.footer).toContain('&P');
        if ((s.values[1] ?? []).length > 1) expect(s.merged[0]).toMatch(/^A1:[B-Z]+1$/);
      }
      expect(py['任务台账']!.values.length - 2).toBe(plan.taskCount);
    }
  });

  it('district targets: districts × years, the unit in the header, thousands separators and a totals row with the sum', async () => {
    const store = seededStore();
    const file = path.join(tempDir(), 'x.xlsx');
    fs.writeFileSync(file, await exportPlanXlsx(store.ctx, 'p-yufu-2023-13'));
    const py = openpyxlSummary(file)['区县目标-规模以上工业企业营业收入']!;
    expect(py.values[0]![0]).toBe('规模以上工业企业营业收入分区县目标（单位：亿元）');
    expect(py.values[1]).toEqual(['区县', '2023年（亿元）', '2024年（亿元）', '2025年（亿元）', '2026年（亿元）', '2027年（亿元）']);
    const jiangjin = py.values.findIndex((r) => r[0] === '江津区');
    expect(py.values[jiangjin]![5]).toBe(3000);
    expect(py.formats[jiangjin]![5]).toBe('#,##0');
    const total = py.values[py.values.length - 1]!;
    expect(total[0]).toBe('合计');
    expect(String(total[5])).toMatch(/^=SUM\(F3:F\d+\)$/);
    // ExcelJS keeps the cached result, so readers that do not calculate still see the sum.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('区县目标-规模以上工业企业营业收入')!;
    const sumCell = ws.getRow(ws.rowCount).getCell(6).value as { result: number };
    const parts = py.values.slice(2, -1).map((r) => Number(r[5] ?? 0));
    expect(sumCell.result).toBe(parts.reduce((a, b) => a + b, 0));
    expect(ws.getRow(ws.rowCount).getCell(6).numFmt).toBe('#,##0');
  });

  it('text that starts like a formula stays text; the chart pictures are embedded; findings get their sheet', async () => {
    const store = seededStore();
    const [task] = ok<{ rows: { id: string }[] }>(store, 'tasks.list', { planId: 'p-yukuaima', limit: 1 }).rows;
    ok(store, 'tasks.update', { taskId: task!.id, patch: { progress: '=HYPERLINK("http://x","点我")', quantitativeGoal: '+1 -2 @3' } });
    const job = await runJob(store, 'export.planXlsx', { planId: 'p-yufu-2023-13' });
    expect(job.state).toBe('done');
    expect(job.file!.warnings).toEqual([]);
    const file = path.join(tempDir(), job.file!.fileName);
    fs.writeFileSync(file, Buffer.from(job.file!.dataBase64, 'base64'));
    const py = openpyxlSummary(file);
    expect(py['图表']!.images).toBe(2);
    expect(py['图表']!.values.map((r) => r[0]).filter(Boolean)).toEqual(['重庆市先进制造业发展“渝西跨越计划”（2023—2027年） — 图表', '图表', '各区县 2027 年目标（亿元）', '任务状态分布']);
    expect(py['一致性检查']?.values[1]).toEqual(['序号', '级别', '对象', '问题']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('图表')!.getImages()).toHaveLength(2);

    const other = await exportPlanXlsx(store.ctx, 'p-yukuaima');
    const f2 = path.join(tempDir(), 'y.xlsx');
    fs.writeFileSync(f2, other);
    const ledger = openpyxlSummary(f2)['任务台账']!;
    const row = ledger.values.find((r) => r[13] === task!.id)!;
    expect(row[9]).toBe('=HYPERLINK("http://x","点我")');
    expect(row[10]).toBe('+1 -2 @3');
    // Stored as text cells (t="s"), not as formulas: no <f> element anywhere in the sheet.
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(arrayBuffer(other));
    const cell = wb2.getWorksheet('任务台账')!.getRow(ledger.values.indexOf(row) + 1).getCell(10);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });
});
