/**
 * A task's notes (备注, migration 008): a field of its own beside 任务内容 / 进展情况 / 量化目标 — typed
 * with the same rules, audited, undone and redone, kept in versions and compared, searched, exported
 * in the ledger and the plan workbook and read back by the import (round trip, and a filled-in 备注).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ok, seededStore, tempDir } from '../helpers/store.ts';
import { PYTHON, arrayBuffer, runJob } from '../helpers/transfer.ts';
import type { Task } from '../../contract/entities.ts';
import type { Comparison, VersionInfo } from '../../contract/ops/versions.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { previewImport, applyImportFile } from '../../db/import/run.ts';

const PLAN = 'p-yufu-2023-13';
const first = (s: ReturnType<typeof seededStore>) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
const refusal = (s: ReturnType<typeof seededStore>, name: string, input: unknown) => {
  const r = s.call(name, input);
  return r.ok ? null : r.error;
};

describe('task notes (备注)', () => {
  it('is edited, validated, audited, undone and redone, and searched', () => {
    const s = seededStore();
    const t = first(s);
    expect(t.notes).toBeNull();
    const r = ok<Task>(s, 'tasks.update', { taskId: t.id, patch: { notes: '区县报送时补充佐证材料' } });
    expect(r.notes).toBe('区县报送时补充佐证材料');
    expect(r.progress).toBe(t.progress);
    const audit = s.db.prepare("SELECT field, old_value, new_value FROM audit_log WHERE entity = 'task' AND entity_id = ? AND field = 'notes'").all(t.id);
    expect(audit).toEqual([{ field: 'notes', old_value: null, new_value: '区县报送时补充佐证材料' }]);
    expect(ok<{ total: number }>(s, 'tasks.list', { planId: PLAN, filter: { search: '佐证材料' }, limit: 5 }).total).toBe(1);
    ok(s, 'history.undo', { planId: PLAN });
    expect(first(s).notes).toBeNull();
    ok(s, 'history.redo', { planId: PLAN });
    expect(first(s).notes).toBe('区县报送时补充佐证材料');
    // blank is no text; the typing rules hold (length, forbidden characters)
    ok(s, 'tasks.update', { taskId: t.id, patch: { notes: '   ' } });
    expect(first(s).notes).toBeNull();
    expect(refusal(s, 'tasks.update', { taskId: t.id, patch: { notes: 'x'.repeat(100_001) } })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(refusal(s, 'tasks.update', { taskId: t.id, patch: { notes: 'a\u0000b' } })).toMatchObject({ code: 'INVALID_INPUT' });
    // a new task may carry notes
    const added = ok<Task>(s, 'tasks.create', { planId: PLAN, afterTaskId: t.id, patch: { title: '新任务', notes: '新备注' } });
    expect(added.notes).toBe('新备注');
  });

  it('is kept in versions, compared and restored', () => {
    const s = seededStore();
    const t = first(s);
    const v = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '初稿' });
    ok(s, 'tasks.update', { taskId: t.id, patch: { notes: '第一次备注' } });
    const cmp = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v.id, to: 'current' });
    const row = cmp.rows.find((x) => x.id === t.id)!;
    expect(row.cells).toEqual([expect.objectContaining({ field: 'notes', old: null, new: '第一次备注' })]);
    const v2 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '二稿' });
    ok(s, 'tasks.update', { taskId: t.id, patch: { notes: '第二次备注' } });
    ok(s, 'versions.restore', { versionId: v2.id });
    expect(first(s).notes).toBe('第一次备注');
    ok(s, 'versions.restore', { versionId: v.id });
    expect(first(s).notes).toBeNull();
  });

  it('is a column of the exported ledger and of the plan workbook, and the import reads it back', async () => {
    const s = seededStore();
    const t = first(s);
    ok(s, 'tasks.update', { taskId: t.id, patch: { notes: '备注原文' } });
    const job = await runJob(s, 'export.tasks', { planId: PLAN, filter: {}, format: 'xlsx' });
    const file = path.join(tempDir(), 'ledger.xlsx');
    fs.writeFileSync(file, Buffer.from(job.file!.dataBase64, 'base64'));
    const rows = JSON.parse(
      execFileSync(PYTHON, ['-c', 'import json,sys,openpyxl;ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0];print(json.dumps([[c.value for c in r] for r in ws.iter_rows(min_row=3, max_row=4)], ensure_ascii=False))', file], { encoding: 'utf8' }),
    ) as unknown[][];
    const col = rows[0]!.indexOf('备注');
    expect(col).toBe(rows[0]!.indexOf('量化目标') + 1);
    expect(rows[1]![col]).toBe('备注原文');
    const csv = Buffer.from((await runJob(s, 'export.tasks', { planId: PLAN, filter: {}, format: 'csv' })).file!.dataBase64, 'base64').toString('utf8');
    expect(csv.split('\n')[2]).toContain('备注');
    expect(csv).toContain('备注原文');

    // the plan workbook round trip changes nothing; a 备注 filled in is imported as one change
    const bytes = await exportPlanXlsx(s.ctx, PLAN);
    const same = await previewImport(s.ctx, PLAN, bytes, 'plan.xlsx');
    expect(same.problems).toEqual([]);
    expect(same.changes).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(bytes));
    const ledger = wb.getWorksheet('任务台账')!;
    const header = ledger.getRow(2).values as unknown[];
    const notesCol = header.indexOf('备注');
    expect(notesCol).toBeGreaterThan(0);
    ledger.getRow(3).getCell(notesCol).value = '导入的备注';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await previewImport(s.ctx, PLAN, filled, 'filled.xlsx');
    expect(preview.problems).toEqual([]);
    expect(preview.changes).toEqual([expect.objectContaining({ sheet: '任务台账', row: 3, column: '备注', before: '备注原文', after: '导入的备注' })]);
    await applyImportFile(s.ctx, PLAN, filled, 'filled.xlsx', { expectFingerprint: preview.fingerprint });
    expect(first(s).notes).toBe('导入的备注');
  }, 60_000);
});
