import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { ok, seededStore, tempDir, tempFile, reopen } from '../helpers/store.ts';
import { main } from '../../cli/main.ts';
import type { VersionInfo, Comparison } from '../../contract/ops/versions.ts';
import type { Task } from '../../contract/entities.ts';
import { VERSIONED } from '../../db/versions/rows.ts';
import { openStore } from '../../db/store.ts';
import { currentRows } from './helpers.ts';
import { runJob } from '../helpers/transfer.ts';
import { exportComparison } from '../../db/versions/export.ts';

const PLAN = 'p-yufu-2023-13';
/** a python3 that has openpyxl (Debian's, when a pyenv shim without it comes first on PATH) */
const PYTHON = ['python3', '/usr/bin/python3'].find((p) => {
  try {
    execFileSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}) ?? 'python3';
const tasksOf = (s: ReturnType<typeof seededStore>) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 500 }).rows;

function editSome(s: ReturnType<typeof seededStore>) {
  const [a, b, c, d] = tasksOf(s);
  ok(s, 'tasks.update', { taskId: a!.id, patch: { status: '滞后' } });
  ok(s, 'tasks.update', { taskId: b!.id, patch: { title: '改过的任务名称', leadDepartments: [] } });
  ok(s, 'tasks.delete', { planId: PLAN, taskIds: [c!.id] });
  const ov = ok<{ districts: { id: string; targets: { indicatorId: string; year: number; value: string }[] }[] }>(s, 'plans.get', { planId: PLAN });
  const dist = ov.districts[0]!;
  ok(s, 'targets.set', { indicatorId: dist.targets[0]!.indicatorId, scope: 'district', scopeId: dist.id, year: dist.targets[0]!.year, kind: 'target', value: '3600' });
  ok(s, 'tasks.create', { planId: PLAN, afterTaskId: d!.id, patch: { title: '新增的任务' } });
  return { a: a!, b: b!, c: c! };
}

describe('restore', () => {
  it('makes a version the current plan as one undoable, audited step', () => {
    const s = seededStore();
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '初稿' });
    const before = Object.fromEntries(VERSIONED.map((e) => [e, currentRows(s, PLAN, e)]));
    const { c } = editSome(s);
    const edited = Object.fromEntries(VERSIONED.map((e) => [e, currentRows(s, PLAN, e)]));
    const sets = s.db.prepare('SELECT count(*) AS n FROM change_sets').get() as { n: number };

    const r = ok<{ rowsChanged: number; undoLabel: string }>(s, 'versions.restore', { versionId: v1.id });
    expect(r.undoLabel).toBe('恢复版本“初稿”');
    expect(r.rowsChanged).toBeGreaterThan(4);
    for (const e of VERSIONED) expect(currentRows(s, PLAN, e), e).toEqual(before[e]);
    // one change set, every field in the audit log
    expect((s.db.prepare('SELECT count(*) AS n FROM change_sets').get() as { n: number }).n).toBe(sets.n + 1);
    const audit = s.db.prepare("SELECT entity, entity_id, field FROM audit_log WHERE change_set_id = (SELECT max(id) FROM change_sets)").all() as { entity: string; entity_id: string; field: string }[];
    expect(audit).toContainEqual({ entity: 'task', entity_id: c.id, field: '*' });
    expect(audit.some((x) => x.entity === 'target' && x.field === 'value')).toBe(true);
    const history = ok<{ label: string; newValue: string }[]>(s, 'history.cell', { entity: 'task', entityId: tasksOf(s)[0]!.id, field: 'status' });
    expect(history.at(-1)).toMatchObject({ label: '恢复版本“初稿”', newValue: '未开始' });
    expect(ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current' }).total).toBe(0);

    // one undo brings the edited plan back; redo restores again
    ok(s, 'history.undo', { planId: PLAN });
    for (const e of VERSIONED) expect(currentRows(s, PLAN, e), e).toEqual(edited[e]);
    ok(s, 'history.redo', { planId: PLAN });
    for (const e of VERSIONED) expect(currentRows(s, PLAN, e), e).toEqual(before[e]);
  });

  it('restoring when nothing differs writes nothing; a read-only file refuses', () => {
    const file = tempFile();
    const s = seededStore(file);
    const v = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: 'v' });
    expect(ok<{ rowsChanged: number }>(s, 'versions.restore', { versionId: v.id }).rowsChanged).toBe(0);
    expect(s.call('versions.restore', { versionId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    ok(s, 'tasks.update', { taskId: tasksOf(s)[0]!.id, patch: { progress: '变了' } });
    s.close();
    const ro = openStore(file, { readonly: true });
    try {
      expect(ro.call('versions.restore', { versionId: v.id })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
      expect(ro.call('versions.create', { planId: PLAN, name: 'x' })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
      expect(ok<Comparison>(ro, 'versions.compare', { planId: PLAN, from: v.id, to: 'current' }).total).toBe(1);
    } finally {
      ro.close();
    }
  });
});

function cli(args: string[]) {
  let out = '';
  let err = '';
  return main(args, { out: (t) => (out += t), err: (t) => (err += t) }).then((code) => ({ code, out, err }));
}

describe('plandesk version / diff', () => {
  it('saves and lists versions, prints a comparison as text and as the documented JSON', async () => {
    const file = tempFile();
    seededStore(file).close();
    expect((await cli(['version', '--help'])).out).toContain('plandesk version create');
    const created = await cli(['version', 'create', '--db', file, '--plan', '渝府〔2023〕13号', '--name', '初稿', '--note', '第一次']);
    expect(created).toMatchObject({ code: 0 });
    expect(created.out).toContain('已保存版本 #1“初稿”');
    const s = reopen(file);
    const { a } = editSome(s);
    s.close();
    expect((await cli(['version', 'create', '--db', file, '--plan', PLAN, '--name', '二稿'])).code).toBe(0);
    const list = await cli(['version', 'list', '--db', file, '--plan', PLAN]);
    expect(list.out.split('\n')[0]).toMatch(/^#2\t第 2 版\t二稿/);
    expect(JSON.parse((await cli(['version', 'list', '--db', file, '--plan', PLAN, '--json'])).out)).toHaveLength(2);

    const text = await cli(['diff', '--db', file, '--from', '初稿', '--to', '二稿']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('状态：未开始 → 滞后');
    expect(text.out).toMatch(/数值：\d+ → 3600（[+-]\d+，[+-][\d.]+%）/);
    expect(text.out).toContain('任务：新增 1，删除 1，修改 2');

    const json = JSON.parse((await cli(['diff', '--db', file, '--from', '1', '--to', '2', '--json'])).out);
    expect(json).toMatchObject({ format: 'plandesk-diff', formatVersion: 1, plan: { id: PLAN }, from: { id: 1, current: false }, to: { id: 2 } });
    expect(json.changes.find((c: { id: string }) => c.id === a.id)).toMatchObject({ table: 'task', kind: 'changed', cells: [{ field: 'status', old: '未开始', new: '滞后' }] });
    expect(json.changes.find((c: { kind: string }) => c.kind === 'added').row.title).toBe('新增的任务');
    expect(json.summary.find((x: { table: string }) => x.table === 'task')).toEqual({ table: 'task', added: 1, removed: 1, changed: 2, cells: 3 });
    const none = JSON.parse((await cli(['diff', '--db', file, '--from', '2', '--to', 'current', '--json'])).out);
    expect(none.changes).toEqual([]);
    expect((await cli(['diff', '--db', file, '--from', '9', '--to', 'current'])).code).toBe(1);
    expect((await cli(['version', 'remove', '--db', file])).code).toBe(2);
  });
});

describe('comparison export (xlsx)', () => {
  it('prints like a 台账: one line per changed cell with 原值 and 新值 in columns, names not ids, words not codes, local times', async () => {
    const s = seededStore(tempFile(), () => '2026-12-01T12:05:00.000Z');
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '初稿' });
    const { a, b, c } = editSome(s);
    // a job like every other export: an id at once, then jobs.status hands over the file
    const job = await runJob(s, 'versions.exportComparison', { planId: PLAN, from: v1.id, to: 'current' });
    const rows = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current' }).total;
    expect(job).toMatchObject({ kind: 'export', state: 'done', done: rows, total: rows, error: null });
    const out = job.file!;
    expect(out).toMatchObject({ mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', warnings: [] });
    expect(out.fileName).toMatch(/版本比较-v1-当前\.xlsx$/);
    const file = path.join(tempDir(), 'cmp.xlsx');
    fs.writeFileSync(file, Buffer.from(out.dataBase64, 'base64'));

    // an independent reader: openpyxl
    const py = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {'sheets': wb.sheetnames}
for ws in wb.worksheets:
    out[ws.title] = {'values': [[c.value for c in row] for row in ws.iter_rows()], 'fills': [[c.fill.fgColor.rgb for c in row] for row in ws.iter_rows()],
        'strike': [[bool(c.font.strike) for c in row] for row in ws.iter_rows()], 'freeze': ws.freeze_panes, 'titles': ws.print_title_rows,
        'orientation': ws.page_setup.orientation, 'paper': ws.page_setup.paperSize, 'footer': ws.oddFooter.center.text,
        'font': [ws.cell(4, 3).font.name, ws.cell(4, 3).font.sz]}
print(json.dumps(out, ensure_ascii=False, default=str))`;
    type SheetSeen = { values: unknown[][]; fills: string[][]; strike: boolean[][]; freeze: string; titles: string; orientation: string; paper: string; footer: string; font: [string, number] };
    const seen = JSON.parse(execFileSync(PYTHON, ['-c', py, file], { encoding: 'utf8' })) as { sheets: string[] } & Record<string, SheetSeen>;
    expect(seen.sheets).toEqual(['摘要', '目标值', '任务']);
    const title = ok<{ plan: { title: string } }>(s, 'plans.get', { planId: PLAN }).plan.title;
    const summary = seen['摘要'] as SheetSeen;
    expect(summary.values[0]![0]).toBe(`${title} 版本比较`);
    // local time (Beijing), not the UTC timestamp
    expect(String(summary.values[1]![0])).toMatch(/^原版本：版本1“初稿”（2026-12-01 20:05（北京时间）保存.*）　→　新版本：当前　｜　导出人 .*　｜　导出时间 2026-12-01 20:05（北京时间）/);
    expect(JSON.stringify(summary.values)).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    expect(summary.values.find((r) => r[0] === '任务')).toEqual(['任务', 1, 1, 2, 3]);
    for (const name of seen.sheets) {
      const w = seen[name] as SheetSeen;
      expect({ freeze: w.freeze, titles: w.titles, orientation: w.orientation, paper: String(w.paper) }, name).toEqual({ freeze: 'A4', titles: '$3:$3', orientation: 'landscape', paper: '9' });
      expect(w.footer).toContain('&P');
    }
    const tasks = seen['任务'] as SheetSeen;
    expect(tasks.values[2]).toEqual(['序号', '变化', '对象', '字段', '原值', '新值', '差额', '变化率']);
    expect(tasks.font).toEqual(['宋体', 11]);
    const body = tasks.values.slice(3);
    const at = (pred: (r: unknown[]) => boolean) => body.findIndex(pred) + 3;
    const status = at((r) => r[3] === '状态');
    expect(tasks.values[status]!.slice(1, 6)).toEqual(['修改', `${a.number} ${a.title}`.trim(), '状态', '未开始', '滞后']);
    expect(tasks.fills[status]![4]).toBe('FFFFF2CC');
    expect(tasks.values[at((r) => r[3] === '名称')]!.slice(4, 6)).toEqual([b.title, '改过的任务名称']);
    const removed = at((r) => r[1] === '删除');
    expect(tasks.values[removed]![2]).toBe(`${c.number} ${c.title}`.trim());
    expect(String(tasks.values[removed]![4])).toContain(`名称：${c.title}`);
    expect(tasks.strike[removed]![2]).toBe(true);
    expect(tasks.fills[removed]![2]).toBe('FFFBE2E2');
    const added = at((r) => r[1] === '新增');
    expect(String(tasks.values[added]![5])).toContain('名称：新增的任务');
    expect(tasks.fills[added]![2]).toBe('FFE2F0D9');
    // no internal ids anywhere: task ids, district ids, indicator ids
    const everything = JSON.stringify(seen);
    expect(everything).not.toContain(a.id);
    expect(everything).not.toMatch(/\bd-\d{6}\b|"district"|"target"|"plan"/);
    const target = (seen['目标值'] as SheetSeen).values[3]!;
    expect(target.slice(1, 4)).toEqual(['修改', expect.stringMatching(/ · .*区 · \d{4} · 目标$/), '数值']);
    expect(target[5]).toBe(3600);
    expect(String(target[6])).toMatch(/^[+−]/);
  });

  it('refuses a wrong plan or version at once, before any job starts', () => {
    const s = seededStore();
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '初稿' });
    expect(s.call('versions.exportComparison', { planId: PLAN, from: 999, to: 'current' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(s.call('versions.exportComparison', { planId: 'p-none', from: v1.id, to: 'current' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const other = ok<VersionInfo>(s, 'versions.create', { planId: 'p-yukuaima', name: '别的规划' });
    expect(s.call('versions.exportComparison', { planId: PLAN, from: other.id, to: 'current' })).toMatchObject({ ok: false });
    s.close();
  });

  it('reads every row before writing anything, then writes page by page while the host keeps answering', async () => {
    const s = seededStore();
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '初稿' });
    const { a } = editSome(s);
    const reported: number[] = [];
    let finished = false;
    const exported = exportComparison(s.ctx, { planId: PLAN, from: v1.id, to: 'current' }, {
      pageSize: 1,
      onProgress: (done) => {
        reported.push(done);
        // The first report comes once every row has been read: a write now succeeds and is not in the file.
        if (done === 0) ok(s, 'tasks.update', { taskId: a.id, patch: { status: '已完成' } });
      },
    }).finally(() => (finished = true));
    let answered = 0;
    while (!finished) {
      await new Promise((r) => setImmediate(r));
      if (finished) break;
      ok(s, 'versions.list', { planId: PLAN });
      answered++;
    }
    const out = await exported;
    expect(reported).toEqual([0, 1, 2, 3, 4, 5, 5]);
    expect(answered).toBeGreaterThanOrEqual(4);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(Buffer.from(out.dataBase64, 'base64')).buffer);
    const ws = wb.getWorksheet('任务')!;
    const row = ws.getRows(4, ws.rowCount - 3)!.find((r) => r.getCell(4).value === '状态')!;
    expect(row.getCell(6).value).toBe('滞后');
    s.close();
  });

  it('plandesk diff --xlsx writes the same workbook through the contract’s job', async () => {
    const file = tempFile();
    const s = seededStore(file);
    ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '初稿' });
    const { a } = editSome(s);
    s.close();
    const out = path.join(tempDir(), '比较.xlsx');
    const r = await cli(['diff', '--db', file, '--from', '初稿', '--to', 'current', '--xlsx', out]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain(`已把比较结果导出到 ${out}`);
    expect(fs.existsSync(`${out}.part`)).toBe(false);
    const py = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['任务']
print(json.dumps({'sheets': wb.sheetnames, 'status': [[c.value for c in row] for row in ws.iter_rows(min_row=4) if row[3].value == '状态']}, ensure_ascii=False))`;
    const seen = JSON.parse(execFileSync(PYTHON, ['-c', py, out], { encoding: 'utf8' })) as { sheets: string[]; status: unknown[][] };
    expect(seen.sheets).toEqual(['摘要', '目标值', '任务']);
    expect(seen.status.map((r) => r.slice(1, 6))).toEqual([['修改', `${a.number} ${a.title}`.trim(), '状态', '未开始', '滞后']]);
    expect((await cli(['diff', '--db', file, '--from', '初稿', '--to', 'current', '--xlsx', out, '--json'])).code).toBe(2);
    const missing = await cli(['diff', '--db', file, '--from', '9', '--to', 'current', '--xlsx', out]);
    expect(missing.code).toBe(1);
  });
});
