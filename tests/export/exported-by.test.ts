/**
 * Exports name who exported them and when (issue 13): the plan workbook's 概况, the ledger and 完成情况
 * workbooks and the comparison workbook say 导出人 (name, department, district from the identity) and
 * 导出时间 in the plan's time zone. A version keeps its saver's department and district too
 * (migration 008): versions.list, versions.compare's sides and the comparison workbook show them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type PlanStore } from '../../db/store.ts';
import { ok, tempDir, tempFile } from '../helpers/store.ts';
import { PYTHON, runJob } from '../helpers/transfer.ts';
import type { VersionInfo, Comparison } from '../../contract/ops/versions.ts';

const PLAN = 'p-yufu-2023-13';
const NOW = '2026-12-01T04:00:00.000Z'; // 12:00 in Beijing
const stores: PlanStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
});

function store(): PlanStore {
  const s = openStore(tempFile(), { create: 'seed', userDir: tempDir('plandesk-home-'), now: () => NOW });
  stores.push(s);
  ok(s, 'identity.set', { name: '王五', department: '市经济信息委', district: '江津区' });
  return s;
}

/** Every cell value of every sheet, read with openpyxl. */
async function workbookTexts(s: PlanStore, op: string, input: unknown): Promise<Record<string, string[]>> {
  const job = await runJob(s, op, input);
  expect(job.error).toBeNull();
  const file = path.join(tempDir(), 'out.xlsx');
  fs.writeFileSync(file, Buffer.from(job.file!.dataBase64, 'base64'));
  const py = `import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None] for ws in wb.worksheets}, ensure_ascii=False))`;
  return JSON.parse(execFileSync(PYTHON, ['-c', py, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, string[]>;
}

const BY = '导出人 王五（市经济信息委 · 江津区）';
const AT = '导出时间 2026-12-01 12:00（北京时间）';

describe('who exported, and when', () => {
  it('the ledger, the 完成情况 and the plan workbooks', async () => {
    const s = store();
    const ledger = await workbookTexts(s, 'export.tasks', { planId: PLAN, filter: {}, format: 'xlsx' });
    const note = Object.values(ledger)[0]![1]!;
    expect(note).toContain(`　｜　${BY}　｜　${AT}`);
    const completion = await workbookTexts(s, 'export.completion', { planId: PLAN, format: 'xlsx' });
    expect(Object.values(completion)[0]![1]).toContain(`${BY}　｜　${AT}`);
    const plan = await workbookTexts(s, 'export.planXlsx', { planId: PLAN });
    const overview = plan['概况']!;
    expect(overview[overview.indexOf('导出人') + 1]).toBe('王五（市经济信息委 · 江津区）');
    expect(overview[overview.indexOf('导出时间') + 1]).toBe('2026-12-01 12:00（北京时间）');
  }, 120_000);

  it('a version keeps its saver with department and district; the comparison workbook names saver and exporter', async () => {
    const s = store();
    const v = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '初稿' });
    expect(v).toMatchObject({ author: '王五', authorDepartment: '市经济信息委', authorDistrict: '江津区' });
    expect(ok<VersionInfo[]>(s, 'versions.list', { planId: PLAN })[0]).toMatchObject({ authorDepartment: '市经济信息委', authorDistrict: '江津区' });
    // another person exports
    ok(s, 'identity.set', { name: '赵六', department: '市发展改革委' });
    const [t] = ok<{ rows: { id: string }[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows;
    ok(s, 'tasks.update', { taskId: t!.id, patch: { status: '滞后' } });
    const cmp = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v.id, to: 'current' });
    expect(cmp.from).toMatchObject({ current: false, author: '王五', authorDepartment: '市经济信息委', authorDistrict: '江津区' });
    const book = await workbookTexts(s, 'versions.exportComparison', { planId: PLAN, from: v.id, to: 'current' });
    const subtitle = book['摘要']![1]!;
    expect(subtitle).toContain('版本1“初稿”（2026-12-01 12:00（北京时间）保存，王五（市经济信息委 · 江津区））');
    expect(subtitle).toContain('导出人 赵六（市发展改革委）　｜　导出时间 2026-12-01 12:00（北京时间）');
  }, 120_000);
});
