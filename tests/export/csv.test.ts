import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seededStore, ok } from '../helpers/store.ts';
import { toCsv, parseCsv, neutralise } from '../../db/export/csv.ts';
import { exportTable } from '../../db/export/table.ts';
import { previewImport } from '../../db/import/run.ts';
import type { Task } from '../../contract/entities.ts';
import { TASK_COLUMNS, taskCell } from '../../db/export/xlsx/layout.ts';
import { runJob, arrayBuffer } from '../helpers/transfer.ts';

describe('CSV', () => {
  it('UTF-8 with BOM, RFC 4180 quoting, CRLF, formula-like text neutralised but numbers kept', () => {
    const csv = toCsv(['名称', '说明', '数值'], [
      ['江津区', '含,逗号', 3000],
      ['引号"在内', '换\n行', -13],
      ['=1+1', '+SUM(A1)', '-2+3'],
      ['@cmd', '-13', null],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFF名称,说明,数值\r\n江津区,"含,逗号",3000\r\n"引号""在内","换\n行",-13\r\n\'=1+1,\'+SUM(A1),\'-2+3\r\n\'@cmd,-13,\r\n');
    expect(parseCsv(csv)).toEqual([
      ['名称', '说明', '数值'],
      ['江津区', '含,逗号', '3000'],
      ['引号"在内', '换\n行', '-13'],
      ['=1+1', '+SUM(A1)', '-2+3'],
      ['@cmd', '-13', ''],
    ]);
    expect(neutralise('-13')).toBe('-13');
    expect(neutralise('\t=x')).toBe("'\t=x");
  });

  it('the grid shown exports to CSV and to xlsx through export.table', async () => {
    const store = seededStore();
    const columns = [{ header: '区县' }, { header: '2027年（亿元）' }, { header: '备注' }];
    const rows = [['江津区', 3000, '=危险'], ['合川区', 1600.5, null]];
    const csv = await runJob(store, 'export.table', { title: '区县目标', format: 'csv', columns, rows });
    expect(csv.file!.fileName).toBe('区县目标.csv');
    const text = Buffer.from(csv.file!.dataBase64, 'base64').toString('utf8');
    // the title and who exported it when, as in the workbook, then the header and the rows
    const [title, stamp, ...rest] = text.split('\r\n');
    expect(title).toBe('\uFEFF区县目标');
    expect(stamp).toMatch(/^导出人 未署名　｜　导出时间 \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(rest.join('\r\n').startsWith('区县,2027年（亿元）,备注\r\n江津区,3000,\'=危险\r\n')).toBe(true);
    const x = await runJob(store, 'export.table', { title: '区县目标', format: 'xlsx', columns, rows });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(Buffer.from(x.file!.dataBase64, 'base64')));
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('区县目标');
    expect(String(ws.getCell('A2').value)).toMatch(/^导出人 /);
    expect(ws.getRow(3).values).toEqual([undefined, '区县', '2027年（亿元）', '备注']);
    expect(ws.getCell('B4').value).toBe(3000);
    expect(ws.getCell('B4').numFmt).toBe('#,##0');
    expect(ws.getCell('B5').numFmt).toBe('#,##0.0');
    expect(ws.getCell('C4').type).toBe(ExcelJS.ValueType.String);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('a CSV task ledger imports (round trip: no changes; a change shows)', async () => {
    const store = seededStore();
    const planId = 'p-yukuaima';
    const tasks = ok<{ rows: Task[] }>(store, 'tasks.list', { planId, limit: 500 }).rows;
    const rows = tasks.map((t) => TASK_COLUMNS.map((c) => taskCell(t, c.key)));
    const bytes = await exportTable({ title: '任务', format: 'csv', columns: TASK_COLUMNS.map((c) => ({ header: c.header })), rows });
    const same = await previewImport(store.ctx, planId, bytes, '任务.csv');
    expect(same.problems).toEqual([]);
    expect(same.changes).toEqual([]);
    rows[0]![9] = '=已推进';
    const changed = await exportTable({ title: '任务', format: 'csv', columns: TASK_COLUMNS.map((c) => ({ header: c.header })), rows });
    const p = await previewImport(store.ctx, planId, changed, '任务.csv');
    expect(p.changes).toEqual([expect.objectContaining({ row: 3, column: '进展情况', after: '=已推进' })]); // under the title line
    // GB18030 (what Chinese Excel/WPS save as "CSV") reads too.
    // 编号,任务名称,牵头单位 / 1,网吧扫码登记上网,市公安局 in GB18030
    const gbk = Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc8, 0xce, 0xce, 0xf1, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xc7, 0xa3, 0xcd, 0xb7, 0xb5, 0xa5, 0xce, 0xbb, 0x0d, 0x0a, 0x31, 0x2c, 0xcd, 0xf8, 0xb0, 0xc9, 0xc9, 0xa8, 0xc2, 0xeb, 0xb5, 0xc7, 0xbc, 0xc7, 0xc9, 0xcf, 0xcd, 0xf8, 0x2c, 0xca, 0xd0, 0xb9, 0xab, 0xb0, 0xb2, 0xbe, 0xd6, 0x0d, 0x0a]);
    const r = await previewImport(store.ctx, planId, gbk, 'gbk.csv');
    expect(r.sheets[0]).toMatchObject({ kind: 'tasks' });
    expect(r.problems).toEqual([]);
  });
});
