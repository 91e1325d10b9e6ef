/**
 * Issue 14 §3: a task's department as the document writes it. 渝府发〔2021〕19号 rows 15, 19, 53, 68 write
 * 市金融工作局 (an alias of 市金融监管局): the seeded link points at 市金融监管局 and keeps the written name.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { seededStore, ok, tempDir } from '../helpers/store.ts';
import type { Task } from '../../contract/entities.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { openpyxlSummary } from '../helpers/transfer.ts';

const PLAN = 'p-yufufa-2021-19';
const JINRONG = 'u-jinrong-jianguanju';
type List = { rows: Task[]; total: number };

describe('department names as written', () => {
  it('19号 #19 and #68 show 市金融工作局, linked to 市金融监管局; filtering by 市金融监管局 finds them', () => {
    const s = seededStore();
    const all = ok<List>(s, 'tasks.list', { planId: PLAN, limit: 500 }).rows;
    const row = (n: string) => all.find((t) => t.number === n);
    for (const n of ['19', '68']) {
      expect(row(n)?.participatingDepartments).toEqual([{ id: JINRONG, name: '市金融工作局', canonicalName: '市金融监管局' }]);
    }
    // where the document writes the canonical name, there is no second name
    expect(row('17')?.leadDepartments).toEqual([{ id: JINRONG, name: '市金融监管局' }]);
    const written = all.filter((t) => [...t.leadDepartments, ...t.participatingDepartments].some((u) => u.name === '市金融工作局'));
    expect(written.map((t) => t.number).sort((a, b) => Number(a) - Number(b))).toEqual(['15', '19', '53', '68']);

    const byCanonical = ok<List>(s, 'tasks.list', { planId: PLAN, filter: { departmentId: JINRONG }, limit: 500 }).rows.map((t) => t.number);
    expect(byCanonical).toEqual(expect.arrayContaining(['19', '68', '15', '53', '17', '13']));
    const byPart = ok<List>(s, 'tasks.list', { planId: PLAN, filter: { participatingDepartmentId: JINRONG }, limit: 500 }).rows.map((t) => t.number);
    expect(byPart).toEqual(expect.arrayContaining(['19', '68']));
  });

  it('26号 writes 市人社局 (alias of 市人力社保局) in tasks 10, 11, 12: kept as written', () => {
    const s = seededStore();
    const all = ok<List>(s, 'tasks.list', { planId: 'p-yufubanfa-2023-26', limit: 500 }).rows;
    for (const n of ['10', '11', '12']) {
      const u = all.find((t) => t.number === n)?.participatingDepartments.find((x) => x.name === '市人社局');
      expect(u?.canonicalName).toBe('市人力社保局');
    }
  });

  it('the exported ledger (read back by openpyxl) shows 市金融工作局 for 19号 #19 and #68', async () => {
    const s = seededStore();
    const file = path.join(tempDir(), 'x.xlsx');
    fs.writeFileSync(file, await exportPlanXlsx(s.ctx, PLAN));
    const sheet = openpyxlSummary(file)['任务台账']!;
    const rowOf = (n: string) => sheet.values.find((r) => String(r[0]) === n)?.map(String) ?? [];
    for (const n of ['19', '68']) {
      expect(rowOf(n).join('|')).toContain('市金融工作局');
      expect(rowOf(n).join('|')).not.toContain('市金融监管局');
    }
    expect(rowOf('17').join('|')).toContain('市金融监管局');
    s.close();
  });

  it('an edit that keeps the department keeps its written name; a new link has the canonical one', () => {
    const s = seededStore();
    const t = ok<List>(s, 'tasks.list', { planId: PLAN, limit: 500 }).rows.find((x) => x.number === '19')!;
    const after = ok<Task>(s, 'tasks.update', { taskId: t.id, patch: { participatingDepartments: ['市金融监管局', '重庆证监局'] } });
    expect(after.participatingDepartments.map((u) => u.name)).toEqual(['市金融工作局', '重庆证监局']);
    const t13 = ok<List>(s, 'tasks.list', { planId: PLAN, limit: 500 }).rows.find((x) => x.number === '13')!;
    const after13 = ok<Task>(s, 'tasks.update', { taskId: t13.id, patch: { participatingDepartments: ['重庆证监局', '市金融工作局'] } });
    expect(after13.participatingDepartments).toEqual([expect.objectContaining({ name: '重庆证监局' }), { id: JINRONG, name: '市金融监管局' }]);
    s.close();
  });
});
