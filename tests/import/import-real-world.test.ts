/**
 * Workbooks as other programs write them, generated here rather than by ExcelJS: openpyxl (Debian's
 * python3-openpyxl) and LibreOffice Calc (soffice --headless, re-saving openpyxl's file through .ods
 * so every part is LibreOffice's own). Each has a lead unit merged over three rows, a percent, a
 * date, shared strings and a hidden sheet; one uses the 1904 date system. An .xls saved by
 * LibreOffice is refused with the advice to save as .xlsx.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededStore, tempDir } from '../helpers/store.ts';
import { previewImport } from '../../db/import/run.ts';
import { PYTHON } from '../helpers/transfer.ts';

const PLAN = 'p-yukuaima';

function openpyxlWorkbook(file: string, epoch1904: boolean): void {
  const script = `
import sys, datetime, openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904
wb = openpyxl.Workbook()
if ${epoch1904 ? 'True' : 'False'}: wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.title = "任务台账"
ws.append(["编号", "任务名称", "牵头单位", "进展情况", "完成时限"])
ws.append(["801", "真实文件任务一", "市公安局", 0.36, datetime.datetime(2024, 6, 1)])
ws.append(["802", "真实文件任务二", None, 0.5, datetime.datetime(2024, 9, 1)])
ws.append(["803", "真实文件任务三", None, "已推进", datetime.datetime(2024, 12, 1)])
ws.merge_cells("C2:C4")
for r in (2, 3):
    ws.cell(r, 4).number_format = "0%"
for r in (2, 3, 4):
    ws.cell(r, 5).number_format = "yyyy-mm"
notes = wb.create_sheet("填表说明")
notes.append(["说明"])
notes.sheet_state = "hidden"
wb.save(sys.argv[1])
`;
  const r = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

function libreOffice(input: string, format: string, outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = `file://${tempDir('plandesk-lo-')}`;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, input], { encoding: 'utf8', timeout: 120_000 });
  const out = path.join(outDir, `${path.basename(input, path.extname(input))}.${format}`);
  if (!fs.existsSync(out)) throw new Error(`soffice did not write ${out}: ${r.stderr} ${r.stdout}`);
  return out;
}

const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

async function expectRead(file: string) {
  const store = seededStore();
  const p = await previewImport(store.ctx, PLAN, fs.readFileSync(file), path.basename(file));
  expect(p.problems, file).toEqual([]);
  const after = (row: number, col: string) => p.changes.find((c) => c.row === row && c.column === col)?.after;
  expect([2, 3, 4].map((r) => after(r, '牵头单位')), file).toEqual(['市公安局', '市公安局', '市公安局']);
  expect([2, 3, 4].map((r) => after(r, '进展情况')), file).toEqual(['36%', '50%', '已推进']);
  expect([2, 3, 4].map((r) => after(r, '完成时限')), file).toEqual(['2024-06', '2024-09', '2024-12']);
  expect(p.summary.tasksAdded, file).toBe(3);
  expect(p.notices.join('\n'), file).toMatch(/C2:C4/);
  expect(p.notices.join('\n'), file).toMatch(/“填表说明”是隐藏的工作表/);
}

describe('real-world workbooks import as the officer sees them', () => {
  it('written by openpyxl, 1900 and 1904 date systems', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    for (const epoch1904 of [false, true]) {
      const file = path.join(dir, `openpyxl-${epoch1904 ? '1904' : '1900'}.xlsx`);
      openpyxlWorkbook(file, epoch1904);
      await expectRead(file);
    }
  });

  it.skipIf(!hasSoffice)('written by LibreOffice Calc (.xlsx read; .xls refused with advice)', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    for (const epoch1904 of [false, true]) {
      const source = path.join(dir, `lo-${epoch1904 ? '1904' : '1900'}.xlsx`);
      openpyxlWorkbook(source, epoch1904);
      const ods = libreOffice(source, 'ods', path.join(dir, 'ods'));
      const xlsx = libreOffice(ods, 'xlsx', path.join(dir, 'xlsx'));
      expect(fs.readFileSync(path.join(dir, 'xlsx', path.basename(xlsx))).length).toBeGreaterThan(0);
      await expectRead(xlsx);
      if (!epoch1904) {
        const xls = libreOffice(ods, 'xls', path.join(dir, 'xls'));
        const store = seededStore();
        await expect(previewImport(store.ctx, PLAN, fs.readFileSync(xls), path.basename(xls))).rejects.toThrow(/旧版 Excel 97-2003 \(\.xls\) 文件.*另存为 \.xlsx/);
      }
    }
  });
});
