import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededStore, dumpTables, tempDir } from '../helpers/store.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { previewImport, applyImportFile } from '../../db/import/run.ts';
import { checkImportFile, MAX_ROWS_PER_SHEET } from '../../db/import/guards.ts';
import { badFiles, excelWorkbook } from '../fixtures/bad-files/make.ts';
import { runJob } from '../helpers/transfer.ts';

describe('bad files are refused or reported row by row, and nothing is written', () => {
  it('each file of the bad-files folder', { timeout: 120_000 }, async () => {
    const store = seededStore();
    const planId = 'p-yukuaima';
    const good = await exportPlanXlsx(store.ctx, planId);
    const dir = tempDir();
    const before = dumpTables(store);
    for (const bad of badFiles(good)) {
      const bytes = await bad.bytes();
      fs.writeFileSync(path.join(dir, bad.name), bytes);
      const read = fs.readFileSync(path.join(dir, bad.name));
      if (bad.expect === 'refused') {
        await expect(previewImport(store.ctx, planId, read, bad.name), bad.name).rejects.toThrow(bad.says);
      } else {
        const preview = await previewImport(store.ctx, planId, read, bad.name);
        expect(preview.problemsTotal, bad.name).toBeGreaterThan(0);
        expect(preview.problems.map((p) => p.reason).join('\n'), bad.name).toMatch(bad.says);
      }
      await expect(applyImportFile(store.ctx, planId, read, bad.name), bad.name).rejects.toThrow();
      expect(dumpTables(store), bad.name).toEqual(before);
    }
  });

  it('wrong types: every problem names sheet, row, column and reason', async () => {
    const store = seededStore();
    const file = badFiles(Buffer.alloc(0)).find((f) => f.name === 'wrong-types.xlsx')!;
    const preview = await previewImport(store.ctx, 'p-yukuaima', await file.bytes(), file.name);
    expect(preview.problems).toEqual([
      { sheet: '任务台账', row: 2, column: '时间节点', reason: '“明年”不是有效的完成时限，请写成 2027-12 或 2027年12月' },
      { sheet: '任务台账', row: 3, column: '责任单位', reason: expect.stringContaining('未知的单位“不存在的局”') },
      { sheet: '任务台账', row: 3, column: '状态', reason: '“做完了”不是有效的状态，应为 未开始、进行中、已完成、滞后 之一' },
      { sheet: '任务台账', row: 4, column: '任务名称', reason: '任务名称不能为空' },
    ]);
  });

  it('a refused file comes back as a failed job with the message, through the operations', async () => {
    const store = seededStore();
    const job = await runJob(store, 'import.preview', { planId: 'p-yukuaima', fileName: 'x.xlsx', dataBase64: Buffer.from('not a workbook').toString('base64') });
    expect(job.state).toBe('failed');
    expect(job.error?.message).toMatch(/不是有效的 \.xlsx/);
  });

  it('each refusal of a file names a reason with an English text and the file (what the UI says in English)', async () => {
    const { en } = await import('../../renderer/src/i18n/catalogue.ts');
    const store = seededStore();
    const cases: [string, Buffer, string][] = [
      ['x.xlsx', Buffer.from('not a workbook'), 'import.damaged'],
      ['空.csv', Buffer.alloc(0), 'import.empty'],
      ['宏.xlsm', Buffer.from('PK'), 'import.macro'],
      ['旧.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'import.oldXls'],
      ['图.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0]), 'import.notSpreadsheet'],
    ];
    for (const [fileName, bytes, reason] of cases) {
      const job = await runJob(store, 'import.preview', { planId: 'p-yukuaima', fileName, dataBase64: bytes.toString('base64') });
      expect(job.state, fileName).toBe('failed');
      expect(job.error, fileName).toMatchObject({ reason, params: { file: fileName } });
      expect((en as Record<string, string>)[`err.${reason}`], reason).toMatch(/^[^\u3400-\u9fff]+$/);
    }
  });

  it('formulas with a calculated value are read as that value', async () => {
    const store = seededStore();
    const bytes = await excelWorkbook((wb) => {
      const ws = wb.addWorksheet('任务台账');
      ws.addRow(['编号', '任务名称', '牵头单位', '进展情况']);
      ws.addRow(['1', '网吧扫码登记上网', '市公安局', { formula: 'CONCAT("已","推进")', result: '已推进' }]);
    });
    const preview = await previewImport(store.ctx, 'p-yukuaima', bytes, 'f.xlsx');
    expect(preview.problems).toEqual([]);
    expect(preview.changes).toEqual([expect.objectContaining({ row: 2, column: '进展情况', after: '已推进' })]);
  });

  it('the row limit stops reading at the limit', () => {
    expect(MAX_ROWS_PER_SHEET).toBeLessThan(1_000_000);
    expect(checkImportFile(Buffer.from('a,b\n1,2\n'), 'x.csv')).toBe('csv');
  });
});
