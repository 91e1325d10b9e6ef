/**
 * The document's wording of district and cluster targets ("超过1060家", "30左右", "1000亿元以上") through
 * the workbook (issue 14 §1, the round trip): the matrix cells stay numbers, the wording is listed in the
 * 目标原文 sheet (db/export/xlsx/wording-sheet.ts) and read back (db/import/target-wording.ts). The files
 * imported here were read AND saved again by an independent writer (openpyxl), as an officer's Excel
 * would; a wording whose number disagrees with its cell is refused naming the sheet, row and column, and
 * nothing is written. Before this sheet, every such wording came back as the bare number.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpTables, ok, tempDir, tempFile } from '../helpers/store.ts';
import { openStore, type PlanStore } from '../../db/store.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { applyImportFile, previewImport } from '../../db/import/run.ts';
import type { PlanHeader, PlanOverview } from '../../contract/entities.ts';

const P13 = 'p-yufu-2023-13';
const P26 = 'p-yufubanfa-2023-26';

/**
 * Loads the workbook with openpyxl, runs `edit` (Python, with `wb` open), saves it as a new file and
 * returns what `report` (a Python expression) gives, and the saved bytes.
 */
function throughOpenpyxl(bytes: Buffer, edit = '', report = 'None'): { out: unknown; bytes: Buffer } {
  const dir = tempDir();
  const src = path.join(dir, 'in.xlsx');
  const dst = path.join(dir, 'out.xlsx');
  fs.writeFileSync(src, bytes);
  const script = `import json,sys,openpyxl
wb=openpyxl.load_workbook(sys.argv[1])
def rows(name):
    ws=wb[name]
    hr=[r for r in range(1,6) if ws.cell(r,2).value=='目标表'][0]
    return [[c.value for c in r] for r in ws.iter_rows(min_row=hr+1)]
def cell_of(w):
    ws=wb[w[1]]
    hr=[r for r in range(1,6) if ws.cell(r,1).value in ('区县','产业集群')][0]
    col=[c.column for c in ws[hr] if str(c.value or '').startswith(str(w[4])+'年')][0]
    row=[c.row for c in ws['A'] if c.value==w[3]][0]
    return ws.cell(row,col)
${edit}
out=${report}
wb.save(sys.argv[2])
print(json.dumps(out, ensure_ascii=False))`;
  const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, src, dst], { encoding: 'utf8' })) as unknown;
  return { out, bytes: fs.readFileSync(dst) };
}

/** Every district, area and cluster target of a plan with its wording, by name. */
function wordings(o: PlanOverview): string[] {
  const ind = new Map(o.indicators.map((i) => [i.id, i.name]));
  const rows = [...o.districts, ...o.areas].flatMap((d) => d.targets.map((t) => `${d.name}|${ind.get(t.indicatorId)}|${t.year}|${t.value}|${t.text ?? ''}`));
  const clusters = o.clusters.flatMap((c) => c.targets.map((t) => `${c.name}|${ind.get(t.indicatorId)}|${t.year}|${t.value}|${t.text ?? ''}`));
  return [...rows, ...clusters].sort();
}

function blankPlan(): { store: PlanStore; id: string } {
  const store = openStore(tempFile(), { create: 'reference' });
  const blank = ok<PlanHeader>(store, 'plans.create', { header: { title: '待导入', issuer: '某单位', periodStart: 2024, periodEnd: 2025 } });
  return { store, id: blank.id };
}

describe('the wording of district and cluster targets through the workbook', () => {
  // one seeded file and one export of each plan for the whole file (the tests only read them or preview into them)
  let s: PlanStore;
  const exports = new Map<string, Buffer>();
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-wording-'));
    s = openStore(path.join(dir, 'plans.plandesk'), { create: 'seed' });
    for (const id of [P13, P26]) exports.set(id, await exportPlanXlsx(s.ctx, id));
    return () => {
      s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  });
  const exportOf = (id: string) => exports.get(id)!;
  for (const [planId, label, expected] of [
    [P13, '13号', ['3000亿元', '3300亿元', '500亿元']],
    [P26, '26号', ['超过1060家']],
  ] as const) {
    it(`${label}: every wording comes back exactly, through openpyxl, into an empty file; the cells stay numbers`, async () => {
      const source = ok<PlanOverview>(s, 'plans.get', { planId });
      const withText = wordings(source).filter((w) => !w.endsWith('|'));
      expect(withText.length).toBeGreaterThan(0);
      const exported = exportOf(planId);
      // openpyxl lists the wordings and the matrix cell each names holds a number
      const { out, bytes } = throughOpenpyxl(exported, '', `[(r[1], r[3], r[4], r[5], type(cell_of(r).value).__name__) for r in rows('目标原文')]`);
      const listed = out as [string, string, number, string, string][];
      expect(listed.map((r) => r[3])).toEqual(expect.arrayContaining([...expected]));
      expect(listed).toHaveLength(withText.length);
      expect(new Set(listed.map((r) => r[4]))).toEqual(new Set(['int']));

      const { store, id } = blankPlan();
      const preview = await previewImport(store.ctx, id, bytes, `${label}.xlsx`);
      expect(preview.problems).toEqual([]);
      await applyImportFile(store.ctx, id, bytes, `${label}.xlsx`, { expectFingerprint: preview.fingerprint });
      expect(wordings(ok<PlanOverview>(store, 'plans.get', { planId: id }))).toEqual(wordings(source));
    });
  }

  it('into the plan it came from: no change; a deleted 原文 row takes the wording away, and only that', async () => {
    const exported = exportOf(P26);
    const same = await previewImport(s.ctx, P26, exported, '26.xlsx');
    expect([same.problems, same.changes]).toEqual([[], []]);
    const { bytes } = throughOpenpyxl(exported, `ws=wb['目标原文']
hr=[r for r in range(1,6) if ws.cell(r,2).value=='目标表'][0]
ws.delete_rows([r for r in range(hr+1, ws.max_row+1) if ws.cell(r,6).value=='超过1060家'][0])`);
    const preview = await previewImport(s.ctx, P26, bytes, '26.xlsx');
    expect(preview.problems).toEqual([]);
    expect(preview.changes).toHaveLength(1);
    expect(preview.changes[0]).toMatchObject({ before: '超过1060家', after: '1060' });
  });

  it('refuses a wording whose number disagrees with its cell, naming sheet, row and column; nothing is written', async () => {
    const exported = exportOf(P26);
    // the officer changes the number (1060 → 1100) but not the wording beside it
    const { out, bytes } = throughOpenpyxl(exported, `w=[r for r in rows('目标原文') if r[5]=='超过1060家'][0]
cell=cell_of(w)
cell.value=1100
where=(w[1], cell.row, wb[w[1]].cell([r for r in range(1,6) if wb[w[1]].cell(r,1).value=='区县'][0], cell.column).value)`, 'where');
    const [sheet, row, column] = out as [string, number, string];
    const { store, id } = blankPlan();
    const before = dumpTables(store);
    const preview = await previewImport(store.ctx, id, bytes, '26.xlsx');
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]).toMatchObject({ sheet: '目标原文', column: '原文' });
    expect(preview.problems[0]?.reason).toContain(`原文“超过1060家”读作 1060家，与目标表“${sheet}”第 ${row} 行“${column}”列的 1100 不一致`);
    await expect(applyImportFile(store.ctx, id, bytes, '26.xlsx')).rejects.toThrow(/未导入任何内容/);
    expect(dumpTables(store)).toEqual(before);
  });

  it('a wording that only restated the old number (“3000亿元”) goes with a changed cell, as typing over it does', async () => {
    const { out, bytes } = throughOpenpyxl(exportOf(P13), `w=[r for r in rows('目标原文') if r[5]=='3000亿元'][0]
cell_of(w).value=3100
where=w[3]`, 'where');
    const preview = await previewImport(s.ctx, P13, bytes, '13.xlsx');
    expect(preview.problems).toEqual([]);
    expect(preview.changes).toEqual([expect.objectContaining({ subject: expect.stringContaining(String(out)), before: '3000亿元', after: '3100' })]);
  });

  it('refuses a wording naming a cell its sheet lacks, one that is not a number or too long; one naming a sheet the file lacks is left out with a notice', async () => {
    const exported = exportOf(P26);
    const { bytes } = throughOpenpyxl(exported, `ws=wb['目标原文']
hr=[r for r in range(1,6) if ws.cell(r,2).value=='目标表'][0]
first=ws.cell(hr+1,2).value
ws.cell(hr+1,2).value='区县目标-没有这张表'
ws.cell(hr+2,6).value='很多'
ws.cell(hr+3,6).value='超过'*300
ws.append([90, first, '', '不存在的片区', 2027, '30左右'])`);
    const { store, id } = blankPlan();
    const preview = await previewImport(store.ctx, id, bytes, '26.xlsx');
    const reasons = preview.problems.map((p) => `${p.sheet}|${p.column}|${p.reason}`);
    // a sheet the file lacks (handed back without it): left out, with a notice; a cell its sheet lacks: refused
    expect(reasons.some((r) => r.includes('没有这张表'))).toBe(false);
    expect(preview.notices).toContainEqual(expect.stringContaining('原文所属的目标表“区县目标-没有这张表”不在文件中，这 1 行未导入'));
    expect(reasons.some((r) => r.includes('中没有“不存在的片区”2027年的数值'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('目标原文|原文|“很多”不是有效的数值'))).toBe(true);
    expect(reasons).toContain('目标原文|原文|原文有 600 个字符，超过 200 个：目标的原文应是数值及其限定词（如“超过1060家”）');
  });
});
