/**
 * The whole authoring round trip (issue 14 §1 “Everything above is also in the workbook export/import
 * round trip”): a plan edited every way (a cluster moved and renamed, an indicator moved, a new one with
 * qualifiers, a new department with an alias, an area chosen) is exported, read by an independent reader
 * (openpyxl), and imported into a blank plan of an EMPTY file (`plandesk init --empty`): header,
 * districts and areas, clusters in order with their targets and the targets' wording (目标原文), indicators
 * with their wording, tasks and the department come out the same. Before session 8 this import was refused (target sheets of indicators
 * the same workbook adds, task codes of another file, deadlines kept as the document's wording).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, seededStore, tempDir, tempFile } from '../helpers/store.ts';
import { refusal } from '../helpers/catalog.ts';
import { openStore } from '../../db/store.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { applyImportFile, previewImport } from '../../db/import/run.ts';
import type { PlanHeader, PlanOverview, Task } from '../../contract/entities.ts';

const P = 'p-yufu-2023-13';

const shape = (o: PlanOverview) => ({
  plan: { ...o.plan, id: '', updatedAt: '', maxPriorityIndustries: null },
  // every target's wording comes back exactly (the 目标原文 sheet), also one that says no more than its number ("3000亿元")
  districts: o.districts.map((d) => [d.id, d.kind, d.targets.map((t) => [t.year, t.value, t.text])]),
  clusters: o.clusters.map((c) => [c.name, c.note, c.targets.map((t) => [t.year, t.value, t.text])]),
  indicators: o.indicators.map((i) => [i.name, i.unit, i.attribute, i.baselineYear, i.baselineValue, i.baselineText, i.targetYear, i.targetValue, i.targetText, i.statedGrowthText]),
  tasks: o.taskCount,
});

describe('a whole plan through the workbook into an empty file', () => {
  it('comes out the same, in one undoable import', async () => {
    const s = seededStore();
    const ov = ok<PlanOverview>(s, 'plans.get', { planId: P });
    ok(s, 'clusters.move', { planId: P, clusterId: ov.clusters[2]!.id, position: 0 });
    ok(s, 'clusters.update', { planId: P, updates: [{ clusterId: ov.clusters[0]!.id, patch: { name: '智能网联新能源汽车零部件产业集群' } }] });
    ok(s, 'indicators.move', { planId: P, indicatorId: ov.indicators[3]!.id, position: 0 });
    ok(s, 'indicators.create', { planId: P, patch: { name: '高新技术企业数量', unit: '家', attribute: '预期性', baselineYear: 2022, baselineValue: '超过1.28万', targetYear: 2027, targetValue: '2.5万家以上', statedGrowthText: '年均增长6%' } });
    ok(s, 'departments.create', { planId: P, name: '市测试局', aliases: ['测试局'] });
    ok(s, 'plans.addDistricts', { planId: P, districtIds: ['a-liangjiang-xinqu'] });
    const bytes = await exportPlanXlsx(s.ctx, P);
    const file = path.join(tempDir(), '13.xlsx');
    fs.writeFileSync(file, bytes);
    const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `import json,sys,openpyxl
wb=openpyxl.load_workbook(sys.argv[1])
print(json.dumps({'clusters':[r[1].value for r in wb['产业集群'].iter_rows(min_row=3)][:2], 'indicators':[r[2].value for r in wb['指标'].iter_rows(min_row=3)][:1]}, ensure_ascii=False))`, file], { encoding: 'utf8' })) as { clusters: string[]; indicators: string[] };
    expect(read).toEqual({ clusters: ['智能装备及智能制造', '智能网联新能源汽车零部件产业集群'], indicators: ['建有研发机构的企业占规模以上工业企业的比重'] });

    const empty = openStore(tempFile(), { create: 'reference' });
    const blank = ok<PlanHeader>(empty, 'plans.create', { header: { title: '待导入', issuer: '某单位', periodStart: 2024, periodEnd: 2025 } });
    const preview = await previewImport(empty.ctx, blank.id, bytes, '13.xlsx');
    expect(preview.problems).toEqual([]);
    await applyImportFile(empty.ctx, blank.id, bytes, '13.xlsx', { expectFingerprint: preview.fingerprint });
    const after = ok<PlanOverview>(empty, 'plans.get', { planId: blank.id });
    const source = ok<PlanOverview>(s, 'plans.get', { planId: P });
    expect(shape(after)).toEqual(shape(source));
    const tasks = (id: string, st: typeof s) => ok<{ rows: Task[] }>(st, 'tasks.list', { planId: id }).rows.map((t) => [t.number, t.title, t.deadline, t.deadlineText, JSON.stringify(t.leadDepartments)]);
    // known loss (reported): a deadline the export writes as the document's wording (“2023年至2027年间”, stored
    // with the month 2027-12) comes back as that wording without the month
    const wordingOnly = (rows: ReturnType<typeof tasks>) => rows.map((r) => (r[3] === '2023年至2027年间' ? [r[0], r[1], null, r[3], r[4]] : r));
    expect(tasks(blank.id, empty)).toEqual(wordingOnly(tasks(P, s)));
    expect(ok<{ name: string; aliases: string[] }[]>(empty, 'departments.list', {}).find((d) => d.name === '市测试局')?.aliases).toEqual(['测试局']);
    // one step of undo takes the whole import back
    ok(empty, 'history.undo', { planId: blank.id });
    expect(ok<PlanOverview>(empty, 'plans.get', { planId: blank.id })).toMatchObject({ plan: { title: '待导入' }, clusters: [], indicators: [], taskCount: 0 });
  });

  it('26号, split by 片区 only, comes back with its areas’ values (片区 hold values outside the list)', async () => {
    const s = seededStore();
    const P26 = 'p-yufubanfa-2023-26';
    const bytes = await exportPlanXlsx(s.ctx, P26);
    const empty = openStore(tempFile(), { create: 'reference' });
    const blank = ok<PlanHeader>(empty, 'plans.create', { header: { title: '待导入', issuer: '某单位', periodStart: 2024, periodEnd: 2025 } });
    const preview = await previewImport(empty.ctx, blank.id, bytes, '26.xlsx');
    expect(preview.problems).toEqual([]);
    await applyImportFile(empty.ctx, blank.id, bytes, '26.xlsx', { expectFingerprint: preview.fingerprint });
    const areas = (o: PlanOverview) => o.areas.map((a) => [a.name, a.targets.map((t) => [t.year, t.value, t.text])]);
    const after = ok<PlanOverview>(empty, 'plans.get', { planId: blank.id });
    expect(areas(after)).toEqual(areas(ok<PlanOverview>(s, 'plans.get', { planId: P26 })));
    expect(after.areas.map((a) => a.name)).toEqual(['“两群”地区', '中心城区', '主城新区']);
    expect(after.areas[0]?.targets[0]).toMatchObject({ value: '1060', text: '超过1060家' });
  });

  it('still refuses a task code of another plan of the same file, naming the row', async () => {
    const s = seededStore();
    const bytes = await exportPlanXlsx(s.ctx, P);
    const blank = ok<PlanHeader>(s, 'plans.create', { header: { title: '空白', issuer: '某单位', periodStart: 2023, periodEnd: 2027 } });
    const preview = await previewImport(s.ctx, blank.id, bytes, '13.xlsx');
    expect(preview.problems).toContainEqual({ sheet: '任务台账', row: 3, column: '任务编码', reason: '任务编码“p-yufu-2023-13/t/4-1”不是本规划的任务' });
    expect(refusal(s, 'plans.get', { planId: 'nope' }).code).toBe('NOT_FOUND');
  });
});
