/**
 * Comments in the plan workbook (db/export/xlsx/comments.ts): real xlsx cell comments, read back by
 * openpyxl, on the right cells of the matrix sheet and the task ledger, with author and local time;
 * a 批注 sheet lists them all; the 概况 sheet names who exported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/store.ts';
import { ok, tempDir, tempFile } from '../helpers/store.ts';
import { PYTHON, runJob } from '../helpers/transfer.ts';

const PLAN = 'p-yufu-2023-13';
const REVENUE = `${PLAN}/i/revenue`;
const JIANGJIN = 'd-500116';

/** Every cell comment of every sheet as [sheet, cell, row's first value, column header, text, author], read by openpyxl. */
function comments(file: string): [string, string, unknown, unknown, string, string][] {
  const script = path.join(tempDir('plandesk-py-'), 'c.py');
  fs.writeFileSync(
    script,
    `import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.comment is not None:
                out.append([ws.title, c.coordinate, ws.cell(row=c.row, column=1).value, ws.cell(row=2, column=c.column).value, c.comment.text, c.comment.author])
print(json.dumps(out, ensure_ascii=False))
`,
  );
  const r = spawnSync(PYTHON, [script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function sheetValues(file: string, sheet: string): unknown[][] {
  const r = spawnSync(PYTHON, ['-c', `import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]\nprint(json.dumps([[c.value for c in r] for r in ws.iter_rows()], ensure_ascii=False, default=str))`, file, sheet], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('comments in the workbook export', () => {
  it('are the cells’ own comments on the target cell and the task title; listed on a 批注 sheet; 导出人 on 概况', async () => {
    const s = openStore(tempFile(), { create: 'seed', userDir: tempDir('plandesk-home-'), now: () => '2026-12-01T04:05:00.000Z' });
    ok(s, 'identity.set', { name: '王五', department: '市人社局', district: '江津区' });
    ok(s, 'comments.add', { planId: PLAN, on: { target: 'cell', cell: { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2027, kind: 'target' } }, body: '待区县确认' });
    ok(s, 'comments.add', { planId: PLAN, on: { target: 'task', taskId: `${PLAN}/t/4-3` }, body: '请补充进展' });
    ok(s, 'comments.add', { planId: PLAN, on: { target: 'cell', cell: { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2023, kind: 'actual' } }, body: '实际值来自统计公报' });
    const job = await runJob(s, 'export.planXlsx', { planId: PLAN });
    expect(job.error).toBeNull();
    const out = path.join(tempDir(), 'plan.xlsx');
    fs.writeFileSync(out, Buffer.from(job.file!.dataBase64, 'base64'));
    s.close();

    const found = comments(out);
    const byText = (t: string) => found.filter((c) => c[4].includes(t));
    const cell = byText('待区县确认');
    expect(cell).toHaveLength(1);
    const [sheet, , rowName, header, text] = cell[0]!;
    expect(sheet).toBe('区县目标-规模以上工业企业营业收入');
    expect(rowName).toBe('江津区');
    expect(String(header)).toMatch(/^2027年/);
    // who and when (Beijing time), then what
    expect(text).toBe('王五（市人力社保局 · 江津区） 2026-12-01 12:05：\n待区县确认');
    const task = byText('请补充进展');
    expect(task).toHaveLength(1);
    expect(task[0]![0]).toBe('任务台账');
    expect(task[0]![3]).toBe('任务名称');
    expect(task[0]![2]).toBe('四（三）');
    // an actual value has no matrix sheet: only on the 批注 sheet
    expect(byText('统计公报')).toEqual([]);
    const list = sheetValues(out, '批注');
    expect(list.slice(2).map((r) => [r[1], r[2], r[3]])).toEqual([
      ['规模以上工业企业营业收入 · 江津区 · 2027年 目标', '待区县确认', '王五（市人力社保局 · 江津区）'],
      [expect.stringMatching(/^任务 四（三）/), '请补充进展', '王五（市人力社保局 · 江津区）'],
      ['规模以上工业企业营业收入 · 江津区 · 2023年 实际', '实际值来自统计公报', '王五（市人力社保局 · 江津区）'],
    ]);
    const overview = sheetValues(out, '概况');
    expect(overview.find((r) => r[0] === '导出人')?.[1]).toBe('王五（市人力社保局 · 江津区）');
  });
});
