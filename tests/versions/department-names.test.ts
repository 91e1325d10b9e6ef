/**
 * Issue 14: a version keeps its tasks' department names as they were. After 市金融工作局 is renamed to
 * 市金融监管局 (or merged into it), versions.compare / versions.diff and the comparison workbook show
 * "市金融工作局 → 市金融监管局" on the tasks naming it, and restoring the older version puts the old
 * wording back (task_departments.as_written), linked to the same department.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ok, tempDir } from '../helpers/store.ts';
import { financeStore } from '../helpers/departments.ts';
import { PYTHON, runJob } from '../helpers/transfer.ts';
import type { Comparison, DiffDocument, VersionInfo } from '../../contract/ops/versions.ts';
import type { Task } from '../../contract/entities.ts';

const store = () =>
  financeStore(
    [
      ['t19', '19', ['市金融工作局'], ['市经济信息委']],
      ['t68', '68', ['市经济信息委'], ['市金融工作局']],
      ['t70', '70', ['市经济信息委']],
    ],
    { p2: [['q1', '1', ['市金融工作局']]] },
  );
type S = ReturnType<typeof store>;
const taskOf = (s: S, id: string) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: 'p1' }).rows.find((x) => x.id === id);
const cellsOf = (c: Comparison) => c.rows.filter((r) => r.table === 'task').map((r) => [r.id, ...r.cells.map((x) => `${x.field}: ${x.oldText} → ${x.newText}`)]);

describe('versions keep the department names their tasks had', () => {
  it('a rename (made from another plan) shows as 市金融工作局 → 市金融监管局 in compare, diff, a later version and the workbook', async () => {
    const s = store();
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: 'p1', name: '改名前' });
    ok(s, 'departments.rename', { planId: 'p2', departmentId: 'u-2', name: '市金融监管总局' });
    const expected = [
      ['t19', 'lead_departments: 市金融工作局 → 市金融监管总局'],
      ['t68', 'participating_departments: 市金融工作局 → 市金融监管总局'],
    ];
    expect(cellsOf(ok<Comparison>(s, 'versions.compare', { planId: 'p1', from: v1.id, to: 'current' }))).toEqual(expected);
    const diff = ok<DiffDocument>(s, 'versions.diff', { planId: 'p1', from: v1.id, to: 'current' });
    expect(diff.changes.map((c) => [c.id, c.cells.map((x) => `${x.fieldLabel}：${x.oldText} → ${x.newText}`)])).toEqual([
      ['t19', ['牵头单位：市金融工作局 → 市金融监管总局']],
      ['t68', ['配合单位：市金融工作局 → 市金融监管总局']],
    ]);
    // the next version stores the renamed rows: comparing the two saved versions shows it too
    const v2 = ok<VersionInfo>(s, 'versions.create', { planId: 'p1', name: '改名后' });
    expect(v2.rowsWritten).toBe(4);
    expect(cellsOf(ok<Comparison>(s, 'versions.compare', { planId: 'p1', from: v1.id, to: v2.id }))).toEqual(expected);
    expect(cellsOf(ok<Comparison>(s, 'versions.compare', { planId: 'p1', from: v2.id, to: 'current' }))).toEqual([]);

    const job = await runJob(s, 'versions.exportComparison', { planId: 'p1', from: v1.id, to: v2.id });
    const file = path.join(tempDir(), 'cmp.xlsx');
    fs.writeFileSync(file, Buffer.from(job.file!.dataBase64, 'base64'));
    const py = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['任务']
print(json.dumps([[c.value for c in row][2:6] for row in ws.iter_rows(min_row=4)], ensure_ascii=False))`;
    const rows = JSON.parse(execFileSync(PYTHON, ['-c', py, file], { encoding: 'utf8' })) as unknown[][];
    expect(rows).toEqual([
      ['19 任务19', '牵头单位', '市金融工作局', '市金融监管总局'],
      ['68 任务68', '配合单位', '市金融工作局', '市金融监管总局'],
    ]);
    s.close();
  });

  it('restoring the version from before the rename puts the old wording back on the same department; undo takes it away', () => {
    const s = store();
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: 'p1', name: '改名前' });
    ok(s, 'departments.rename', { planId: 'p1', departmentId: 'u-2', name: '市金融监管总局' });
    const r = ok<{ rowsChanged: number }>(s, 'versions.restore', { versionId: v1.id });
    expect(r.rowsChanged).toBe(2);
    expect(taskOf(s, 't19')?.leadDepartments).toEqual([{ id: 'u-2', name: '市金融工作局', canonicalName: '市金融监管总局' }]);
    expect(cellsOf(ok<Comparison>(s, 'versions.compare', { planId: 'p1', from: v1.id, to: 'current' }))).toEqual([]);
    ok(s, 'history.undo', { planId: 'p1' });
    expect(taskOf(s, 't19')?.leadDepartments).toEqual([{ id: 'u-2', name: '市金融监管总局' }]);
    s.close();
  });

  it('a merge shows the department it merged into with the old wording; the version from before restores without error', () => {
    const s = store();
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: 'p1', name: '合并前' });
    ok(s, 'departments.merge', { planId: 'p1', fromId: 'u-2', intoId: 'u-1' });
    expect(cellsOf(ok<Comparison>(s, 'versions.compare', { planId: 'p1', from: v1.id, to: 'current' }))).toEqual([
      ['t19', 'lead_departments: 市金融工作局 → 市金融监管局（原文：市金融工作局）'],
      ['t68', 'participating_departments: 市金融工作局 → 市金融监管局（原文：市金融工作局）'],
    ]);
    // the version names a department merged away: restored to the one it went into, with its wording
    ok(s, 'tasks.update', { taskId: 't19', patch: { leadDepartments: ['市经济信息委'] } });
    ok(s, 'versions.restore', { versionId: v1.id });
    expect(taskOf(s, 't19')?.leadDepartments).toEqual([{ id: 'u-1', name: '市金融工作局', canonicalName: '市金融监管局' }]);
    s.close();
  });
});
