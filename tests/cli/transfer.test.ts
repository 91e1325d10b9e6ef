import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { tempDir, reopen, dumpTables } from '../helpers/store.ts';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('plandesk export / import', () => {
  it('exports a plan, previews an import without writing, applies it with --yes, refuses bad input', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'p.plandesk');
    expect((await run('init', '--db', db)).code).toBe(0);
    const xlsx = path.join(dir, 'plan.xlsx');
    const exp = await run('export', '--db', db, '--plan', '渝府办〔2023〕3号', '--format', 'xlsx', '--out', xlsx);
    expect(exp.code).toBe(0);
    expect(exp.out).toMatch(/已导出/);
    const csv = path.join(dir, 'tasks.csv');
    expect((await run('export', '--db', db, '--plan', 'p-yukuaima', '--format', 'csv', '--out', csv)).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8').split('\r\n')[2]!.startsWith('编号,篇章,任务名称')).toBe(true);
    // the CSV imports back unchanged, its title lines above the header row notwithstanding
    expect((await run('import', '--db', db, '--plan', 'p-yukuaima', csv)).out).toMatch(/共 0 处/);

    const same = await run('import', '--db', db, '--plan', 'p-yufuban-2023-3', xlsx);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/共 0 处/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    wb.getWorksheet('任务台账')!.getRow(3).getCell(10).value = '已召开推进会';
    const edited = path.join(dir, 'edited.xlsx');
    await wb.xlsx.writeFile(edited);

    const store = reopen(db);
    const before = dumpTables(store);
    store.close();
    const preview = await run('import', '--db', db, '--plan', 'p-yufuban-2023-3', edited);
    expect(preview.code).toBe(0);
    expect(preview.out).toMatch(/已召开推进会/);
    expect(preview.out).toMatch(/未写入/);
    const again = reopen(db);
    expect(dumpTables(again)).toEqual(before);
    again.close();

    const applied = await run('import', '--db', db, '--plan', 'p-yufuban-2023-3', '--yes', edited);
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(/已导入：修改任务 1 个/);

    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, 'hello');
    const refused = await run('import', '--db', db, '--plan', 'p-yufuban-2023-3', '--yes', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/不是有效的 \.xlsx/);

    expect((await run('export', '--db', db, '--plan', 'p-yukuaima', '--format', 'pdf', '--out', 'x')).code).toBe(2);
    expect((await run('import', '--help')).out).toMatch(/--yes/);
    expect((await run('export', '--help')).out).toMatch(/--format xlsx\|csv/);
  });

  it('the import preview names a hidden sheet and a lead-unit column merged over several rows', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'p.plandesk');
    expect((await run('init', '--db', db)).code).toBe(0);
    const xlsx = path.join(dir, 'plan.xlsx');
    expect((await run('export', '--db', db, '--plan', 'p-yufuban-2023-3', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('任务台账')!;
    // The 牵头单位 column, found by its header; written once over three tasks, as officers do.
    const lead = { row: 0, col: 0 };
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (!lead.row && cell.value === '牵头单位') Object.assign(lead, { row: r, col: c });
      }),
    );
    expect(lead.row).toBeGreaterThan(0);
    ws.mergeCells(lead.row + 1, lead.col, lead.row + 3, lead.col);
    const notes = wb.addWorksheet('填表说明');
    notes.getCell('A1').value = '本表仅供内部填报参考';
    notes.state = 'hidden';
    const edited = path.join(dir, 'merged-hidden.xlsx');
    await wb.xlsx.writeFile(edited);

    const preview = await run('import', '--db', db, '--plan', 'p-yufuban-2023-3', edited);
    expect(preview.err).toBe('');
    expect(preview.out).toMatch(/注意：工作表“填表说明”是隐藏的工作表/);
    expect(preview.out).toMatch(/注意：工作表“任务台账”有 1 处跨行合并的单元格（[A-Z]+\d+:[A-Z]+\d+），合并单元格的内容已用于它所覆盖的每一行/);
  });
});
