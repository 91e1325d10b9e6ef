/**
 * The plan's own parts through the workbook (db/export/xlsx/plan-sheets.ts → db/import/plan-header.ts):
 * header, districts with kind, and origin survive export → import; the 区县 sheet is read back by an
 * independent reader (openpyxl); a bad header cell is refused by its row and label.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dumpTables, ok, seededStore, tempDir } from '../helpers/store.ts';
import { arrayBuffer } from '../helpers/transfer.ts';
import type { PlanHeader, PlanOverview } from '../../contract/entities.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { applyImportFile, previewImport } from '../../db/import/run.ts';

const P13 = 'p-yufu-2023-13';
const header = { title: '渝西跨越计划（2028—2032年）', docNumber: '渝府〔2028〕2号', issuer: '重庆市人民政府', issueDate: '2028-03-01', periodStart: 2028, periodEnd: 2032, source: '测试' };

async function edit(bytes: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(bytes));
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the plan header, districts and origin in the workbook', () => {
  it('are written to 概况 and a 区县 sheet that an independent reader sees', async () => {
    const s = seededStore();
    const copy = ok<PlanHeader>(s, 'plans.create', { header, copyFrom: { planId: P13, targets: 'clear', tasks: false } });
    ok(s, 'plans.addDistricts', { planId: copy.id, districtIds: ['d-500240', 'a-liangjiang-xinqu'] });
    const file = path.join(tempDir(), 'copy.xlsx');
    fs.writeFileSync(file, await exportPlanXlsx(s.ctx, copy.id));
    const py = `import json,sys,openpyxl
wb=openpyxl.load_workbook(sys.argv[1])
ov=wb['概况']; d=wb['区县']
print(json.dumps({'overview':[[c.value for c in r][:2] for r in ov.iter_rows(min_row=3)], 'districts':[[c.value for c in r][:5] for r in d.iter_rows(min_row=3)]}, ensure_ascii=False))`;
    const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, file], { encoding: 'utf8' })) as { overview: string[][]; districts: (string | number)[][] };
    expect(read.overview.slice(0, 7)).toEqual([
      ['规划名称', header.title], ['文号', header.docNumber], ['发文机关', '重庆市人民政府'], ['发文日期', '2028-03-01'], ['规划期', '2028—2032年'], ['来源', '测试'],
      ['复制自', `渝府〔2023〕13号 重庆市先进制造业发展“渝西跨越计划”（2023—2027年）（编号 ${P13}）`],
    ]);
    expect(read.districts).toHaveLength(10);
    expect(read.districts[0]).toEqual([1, '江津区', '500116', '区', '主城新区、渝西']);
    expect(read.districts.slice(-2)).toEqual([[9, '石柱土家族自治县', '500240', '自治县', '渝东南'], [10, '两江新区', null, '片区', '中心城区']]);
  });

  it('export → import into the same plan changes nothing; into an emptied plan puts header, districts and origin back', async () => {
    const s = seededStore();
    const copy = ok<PlanHeader>(s, 'plans.create', { header, copyFrom: { planId: P13, targets: 'clear', tasks: false } });
    const bytes = await exportPlanXlsx(s.ctx, copy.id);
    const same = await previewImport(s.ctx, copy.id, bytes, 'copy.xlsx');
    expect(same.problems).toEqual([]);
    expect(same.changes).toEqual([]);
    expect(same.sheets.filter((x) => x.kind === 'plan' || x.kind === 'districts').map((x) => x.kind)).toEqual(['plan', 'districts']);
    const before = ok<PlanOverview>(s, 'plans.get', { planId: copy.id });

    // a blank plan of another title, no districts, no origin: the import fills them in
    const blank = ok<PlanHeader>(s, 'plans.create', { header: { title: '空白', issuer: '某单位', periodStart: 2024, periodEnd: 2025 } });
    const preview = await previewImport(s.ctx, blank.id, bytes, 'copy.xlsx');
    expect(preview.problems).toEqual([]);
    expect(preview.changes.filter((c) => c.subject.startsWith('规划信息')).map((c) => [c.column, c.before, c.after])).toEqual([
      ['规划名称', '空白', header.title], ['文号', '', header.docNumber], ['发文机关', '某单位', '重庆市人民政府'], ['发文日期', null, '2028-03-01'],
      ['规划期起', '2024', '2028'], ['规划期止', '2025', '2032'], ['来源', null, '测试'], ['复制自', null, P13],
    ]);
    const snapshot = dumpTables(s);
    await applyImportFile(s.ctx, blank.id, bytes, 'copy.xlsx', { expectFingerprint: preview.fingerprint });
    const after = ok<PlanOverview>(s, 'plans.get', { planId: blank.id });
    // maxPriorityIndustries is not part of the header a planner edits (nor of the workbook)
    const { id: _a, updatedAt: _b, maxPriorityIndustries: _m, ...h1 } = after.plan;
    const { id: _c, updatedAt: _d, maxPriorityIndustries: _n, ...h2 } = before.plan;
    expect(h1).toEqual(h2);
    expect(after.districts.map((d) => [d.id, d.kind, d.groups, d.priorityIndustries, d.featuredIndustries, d.note])).toEqual(
      before.districts.map((d) => [d.id, d.kind, d.groups, d.priorityIndustries, d.featuredIndustries, d.note]),
    );
    // the indicators came along too (catalog sheets), wording that is not a number kept as written
    const energy = (planId: string) =>
      s.ctx.db.prepare("SELECT baseline_value, baseline_text, target_value, target_text FROM indicators WHERE plan_id = ? AND name = '规模以上工业企业单位增加值能耗累计下降率'").get(planId);
    expect(energy(blank.id)).toEqual(energy(copy.id));
    expect(energy(blank.id)).toEqual({ baseline_value: null, baseline_text: '较2022年', target_value: '-13', target_text: '较2022年累计下降13%' });
    // one step of undo takes it all back
    ok(s, 'history.undo', { planId: blank.id });
    const { audit_log: _x, change_sets: _y, ...restored } = dumpTables(s);
    const { audit_log: _x2, change_sets: _y2, ...snap } = snapshot;
    expect(restored).toEqual(snap);
  });

  it('refuses a bad period or an unknown district by sheet, row and column, and writes nothing', async () => {
    const s = seededStore();
    const bytes = await edit(await exportPlanXlsx(s.ctx, P13), (wb) => {
      const ov = wb.getWorksheet('概况')!;
      const period = ov.getRows(3, ov.rowCount)!.find((r) => r.getCell(1).value === '规划期')!;
      period.getCell(2).value = '2027—2023年';
      const d = wb.getWorksheet('区县')!;
      d.getRow(3).getCell(3).value = '500199';
    });
    const preview = await previewImport(s.ctx, P13, bytes, 'bad.xlsx');
    expect(preview.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ sheet: '概况', column: '规划期', reason: '规划截止年份 2023 早于起始年份 2027' }),
      { sheet: '区县', row: 3, column: '代码', reason: '区县代码“500199”不在区县列表中' },
    ]));
  });
});
