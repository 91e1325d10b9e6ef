/**
 * New, renamed and moved clusters and indicators (every field, qualifiers kept) and departments with
 * their aliases survive the plan workbook's export → import (issue 14 §1): the file is read back with
 * openpyxl (an independent reader), edited with it as a planner edits in Excel, imported again; a
 * round trip of an untouched file changes nothing; into another file it gives the same lists.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, seededStore, tempDir, dumpTables } from '../helpers/store.ts';
import { PYTHON, dataTables, openpyxlSummary, runJob } from '../helpers/transfer.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import type { IndicatorRow } from '../../contract/ops/indicators.ts';
import type { DepartmentEntry } from '../../contract/ops/departments.ts';
import type { PlanStore } from '../../db/store.ts';

const PLAN = 'p-yufu-2023-13';
const CATALOG_SHEETS = ['产业集群', '指标', '部门'];

function author(s: PlanStore): void {
  const clusters = ok<{ clusters: { id: string; name: string }[] }>(s, 'plans.get', { planId: PLAN }).clusters;
  ok(s, 'clusters.create', { planId: PLAN, name: '低空经济', note: '新增集群', position: 1 });
  ok(s, 'clusters.update', { planId: PLAN, updates: [{ clusterId: clusters[2]!.id, patch: { name: '先进材料（含新型建材）' } }] });
  ok(s, 'clusters.move', { planId: PLAN, clusterId: clusters[0]!.id, position: 5 });
  ok(s, 'indicators.create', {
    planId: PLAN, position: 0,
    patch: { category: '创新', name: '科技型企业数量', unit: '家', attribute: '预期性', baselineYear: 2022, baselineValue: '约1.1万', targetYear: 2027, targetValue: '超过1.28万', statedGrowthText: '年均增长3%左右', note: '新增', source: '测试' },
  });
  ok(s, 'departments.create', { planId: PLAN, name: '市低空办', aliases: ['低空经济办公室'] });
}

const lists = (s: PlanStore) => ({
  clusters: ok<{ clusters: { name: string; note: string | null; source: string | null }[] }>(s, 'plans.get', { planId: PLAN }).clusters.map((c) => [c.name, c.note, c.source]),
  indicators: ok<IndicatorRow[]>(s, 'indicators.list', { planId: PLAN }).map((i) => [
    i.category, i.name, i.unit, i.attribute, i.baselineYear, i.baselineValue, i.baselineText, i.targetYear, i.targetValue, i.targetText, i.statedGrowthText, i.note, i.source,
  ]),
  departments: ok<DepartmentEntry[]>(s, 'departments.entries', {}).map((d) => [d.name, d.aliases]),
});

async function importFile(s: PlanStore, file: string) {
  const dataBase64 = fs.readFileSync(file).toString('base64');
  const preview = await runJob(s, 'import.preview', { planId: PLAN, fileName: path.basename(file), dataBase64 });
  expect(preview.error).toBeNull();
  return { preview: preview.preview!, apply: () => runJob(s, 'import.apply', { planId: PLAN, fileName: path.basename(file), dataBase64, fingerprint: preview.preview!.fingerprint }) };
}

/** Edits the workbook with openpyxl (an independent writer, as a planner's Excel), by header names. */
function editWithOpenpyxl(src: string, dst: string, script: string): void {
  const py = path.join(tempDir('plandesk-py-'), 'edit.py');
  fs.writeFileSync(py, `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def table(name):
    ws = wb[name]
    for row in ws.iter_rows(min_row=1, max_row=10):
        heads = [c.value for c in row]
        if '序号' in heads: return ws, row[0].row, {h: i + 1 for i, h in enumerate(heads) if h}
    raise Exception('no header in ' + name)
def find(ws, head, col, value):
    for r in range(head + 1, ws.max_row + 1):
        if ws.cell(r, col).value == value: return r
    raise Exception('no row ' + str(value))
${script}
wb.save(sys.argv[2])
`);
  const r = spawnSync(PYTHON, [py, src, dst], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr}`);
}

describe('catalog in the workbook round trip', () => {
  it('writes every field with codes, read back by openpyxl; an untouched file imports as no change', async () => {
    const s = seededStore();
    author(s);
    const file = path.join(tempDir(), 'plan.xlsx');
    fs.writeFileSync(file, await exportPlanXlsx(s.ctx, PLAN));
    const book = openpyxlSummary(file);
    const rowsOf = (sheet: string) => {
      const v = book[sheet]!.values;
      const h = v.findIndex((r) => r.includes('序号'));
      return { head: v[h] as string[], rows: v.slice(h + 1).filter((r) => r.some((x) => x !== null)) };
    };
    const cl = rowsOf('产业集群');
    expect(cl.head).toEqual(['序号', '产业集群', '说明', '来源', '集群编码']);
    expect(cl.rows.map((r) => r[1])).toEqual(lists(s).clusters.map((c) => c[0]));
    const ind = rowsOf('指标');
    const h = (name: string) => ind.head.indexOf(name);
    const made = ind.rows.find((r) => r[h('指标名称')] === '科技型企业数量')!;
    expect([made[h('基期值')], made[h('基期原文')], made[h('目标值')], made[h('目标原文')], made[h('年均增长')], made[h('单位')], made[h('属性')]]).toEqual([
      11000, '约1.1万', 12800, '超过1.28万', '年均增长3%左右', '家', '预期性',
    ]);
    const dept = rowsOf('部门');
    expect(dept.rows.find((r) => r[1] === '市低空办')?.[2]).toBe('低空经济办公室');

    const before = dataTables(dumpTables(s));
    const { preview } = await importFile(s, file);
    expect(preview.changes.filter((c) => CATALOG_SHEETS.includes(c.sheet))).toEqual([]);
    expect(preview.sheets.filter((x) => CATALOG_SHEETS.includes(x.name)).map((x) => x.kind)).toEqual(['catalog', 'catalog', 'catalog']);
    expect(preview.problems).toEqual([]);
    expect(dataTables(dumpTables(s))).toEqual(before);
  });

  it('renames, reorders, new rows, changed qualifiers and aliases typed in the workbook are imported as one undoable step', async () => {
    const s = seededStore();
    author(s);
    const src = path.join(tempDir(), 'plan.xlsx');
    const dst = path.join(tempDir(), 'edited.xlsx');
    fs.writeFileSync(src, await exportPlanXlsx(s.ctx, PLAN));
    editWithOpenpyxl(src, dst, `
ws, head, col = table('产业集群')
r = find(ws, head, col['产业集群'], '低空经济')
ws.cell(r, col['产业集群']).value = '低空经济产业集群'
# the first two rows change places
a, b = head + 1, head + 2
for c in range(1, len(col) + 1):
    x, y = ws.cell(a, c).value, ws.cell(b, c).value
    ws.cell(a, c).value, ws.cell(b, c).value = y, x
n = ws.max_row + 1
ws.cell(n, col['产业集群']).value = '人工智能'
ws.cell(n, col['说明']).value = '表中新增'
ws, head, col = table('指标')
r = find(ws, head, col['指标名称'], '科技型企业数量')
ws.cell(r, col['目标值']).value = None
ws.cell(r, col['目标原文']).value = '1.5万家以上'
ws, head, col = table('部门')
r = find(ws, head, col['部门名称'], '市低空办')
ws.cell(r, col['简称/别名']).value = '低空经济办公室、低空办'
`);
    const before = dataTables(dumpTables(s));
    const was = lists(s).clusters.map((c) => c[0]);
    const { preview, apply } = await importFile(s, dst);
    expect(preview.problems).toEqual([]);
    expect(preview.changes.filter((c) => CATALOG_SHEETS.includes(c.sheet)).map((c) => [c.sheet, c.action, c.subject])).toEqual(expect.arrayContaining([
      ['产业集群', 'update', '产业集群“低空经济” 产业集群'], ['产业集群', 'insert', '新产业集群“人工智能”'], ['产业集群', 'update', '产业集群的顺序'],
      ['部门', 'update', '部门“市低空办” 简称/别名'],
    ]));
    const done = await apply();
    expect(done.error).toBeNull();
    const now = lists(s);
    expect(now.clusters.map((c) => c[0])).toEqual([was[1], '低空经济产业集群', ...was.slice(2).map((n) => n), '人工智能'].map((n) => (n === '低空经济' ? '低空经济产业集群' : n)));
    expect(now.indicators.find((i) => i[1] === '科技型企业数量')).toEqual(['创新', '科技型企业数量', '家', '预期性', 2022, '11000', '约1.1万', 2027, '15000', '1.5万家以上', '年均增长3%左右', '新增', '测试']);
    expect(now.departments.find((d) => d[0] === '市低空办')?.[1]).toEqual(['低空办', '低空经济办公室']);
    ok(s, 'history.undo', { planId: PLAN });
    expect(dataTables(dumpTables(s))).toEqual(before);
  });

  it('into another plan file, the workbook gives the same clusters, indicators and departments', async () => {
    const a = seededStore();
    author(a);
    const file = path.join(tempDir(), 'plan.xlsx');
    fs.writeFileSync(file, await exportPlanXlsx(a.ctx, PLAN));
    // The lists only: the target sheets name the new clusters, which the target import does not create.
    const lists_ = path.join(tempDir(), 'lists.xlsx');
    editWithOpenpyxl(file, lists_, `
for ws in list(wb.worksheets):
    if ws.title not in ('产业集群', '指标', '部门'): wb.remove(ws)
`);
    const b = seededStore();
    expect(lists(b)).not.toEqual(lists(a));
    const { preview, apply } = await importFile(b, lists_);
    expect(preview.problems).toEqual([]);
    expect((await apply()).error).toBeNull();
    expect(lists(b)).toEqual(lists(a));
  });
});
