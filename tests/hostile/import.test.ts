/** The corpus's junk files and hostile cells through the import entry point (preview and apply): refused, nothing written. */
import { describe, expect, it } from 'vitest';
import { previewImport, applyImportFile } from '../../db/import/run.ts';
import { readSpreadsheet } from '../../db/import/read.ts';
import { dumpTables, seededStore } from '../helpers/store.ts';
import { junkFiles, SCRIPT_TEXT, SQL_TEXT } from './corpus.ts';
import { PlanDeskError } from '../../db/errors.ts';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/store.ts';
import { hostileFiles, paddedToXfd } from '../fixtures/bad-files/hostile.ts';
import { inlineRow, rawWorkbook } from '../fixtures/bad-files/make.ts';

const PLAN = 'p-yufu-2023-13';

describe('the import entry point', () => {
  it('refuses every junk file with a clear message and writes nothing', async () => {
    const s = seededStore();
    const before = dumpTables(s);
    for (const f of junkFiles()) {
      for (const run of [() => previewImport(s.ctx, PLAN, f.bytes, f.name), () => applyImportFile(s.ctx, PLAN, f.bytes, f.name, {})]) {
        const err = await run().then(
          () => null,
          (e: unknown) => e,
        );
        expect(err, f.name).toBeInstanceOf(PlanDeskError);
        expect((err as PlanDeskError).message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(dumpTables(s)).toEqual(before);
  });

  it('reads SQL-looking and script text in cells as text, never as commands', async () => {
    const s = seededStore();
    const csv = `\uFEFF序号,任务名称,牵头单位,完成时限\n99,"${SQL_TEXT.replace(/"/g, '""')}",市经济信息委,2026-12\n100,"${SCRIPT_TEXT.replace(/"/g, '""')}",市经济信息委,2026-12\n`;
    const tables = () => s.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
    const before = tables();
    const preview = await previewImport(s.ctx, PLAN, Buffer.from(csv, 'utf8'), 'tasks.csv');
    expect(JSON.stringify(preview)).toContain('DROP TABLE tasks');
    await applyImportFile(s.ctx, PLAN, Buffer.from(csv, 'utf8'), 'tasks.csv', {});
    const titles = s.db.prepare<[string], { title: string }>('SELECT title FROM tasks WHERE plan_id = ?').all(PLAN).map((r) => r.title);
    expect(titles).toContain(SQL_TEXT);
    expect(titles).toContain(SCRIPT_TEXT);
    expect(tables()).toEqual(before);
  });
});

describe('hostile workbooks (issue 11) are refused with a message; the host reading them lives on', () => {
  it('each is refused by the reading worker, nothing is written, and an ordinary import still works after', { timeout: 300_000 }, async () => {
    const s = seededStore();
    const before = dumpTables(s);
    for (const f of hostileFiles()) {
      const bytes = await f.bytes();
      const err = await previewImport(s.ctx, PLAN, bytes, f.name).then(() => null, (e: unknown) => e);
      expect(err, f.name).toBeInstanceOf(PlanDeskError);
      expect((err as PlanDeskError).message, f.name).toMatch(f.says);
      expect((err as PlanDeskError).message, f.name).toContain(f.name);
    }
    expect(dumpTables(s)).toEqual(before);
    const fine = rawWorkbook(inlineRow(1, ['编号', '任务名称', '牵头单位']) + inlineRow(2, ['99', '读取之后仍能导入', '市经济信息委']));
    const preview = await previewImport(s.ctx, PLAN, fine, 'fine.xlsx');
    expect(preview.summary.tasksAdded).toBe(1);
  });

  it('the CLI refuses a hostile workbook with a Chinese message and exits normally', { timeout: 120_000 }, () => {
    const dir = tempDir();
    const db = path.join(dir, 'p.plandesk');
    const file = path.join(dir, 'padded.xlsx');
    fs.writeFileSync(file, paddedToXfd());
    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/plandesk.js', ...args], { encoding: 'utf8' });
    expect(cli('init', '--db', db).status).toBe(0);
    const r = cli('import', '--db', db, '--plan', PLAN, file);
    expect(r.signal).toBeNull();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/padded\.xlsx.*超出 ALL 列/);
    expect(r.stderr).not.toMatch(/FATAL|heap out of memory/i);
  });

  it('past every counted limit, the worker\'s heap and time limits still refuse with a message', { timeout: 120_000 }, async () => {
    // 150,000 distinct shared strings of 200 characters: within every counted limit, but far more than 16 MB of heap.
    const strings = Array.from({ length: 150_000 }, (_, i) => `<si><t>${String(i).padStart(200, '长')}</t></si>`).join('');
    const big = rawWorkbook(inlineRow(1, ['任务名称']), { 'xl/sharedStrings.xml': `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>` });
    await expect(readSpreadsheet(big, 'heap.xlsx', undefined, { memoryMb: 16, timeMs: 60_000 })).rejects.toThrow(/“heap\.xlsx”结构异常或过大：读取时超出内存上限（16 MB）/);
    await expect(readSpreadsheet(big, 'slow.xlsx', undefined, { memoryMb: 768, timeMs: 50 })).rejects.toThrow(/读取“slow\.xlsx”超过 1 秒仍未完成/);
    expect((await readSpreadsheet(big, 'fine.xlsx'))[0]!.rows.length).toBe(1);
  });

  it('typing refuses the same characters an import reports (one rule: domain/text.ts)', () => {
    const s = seededStore();
    const task = (s.call('tasks.list', { planId: PLAN, limit: 1 }) as { ok: true; value: { rows: { id: string }[] } }).value.rows[0]!;
    for (const bad of ['a\u0000b', 'a\uFFFEb', 'a\uFFFFb']) {
      const r = s.call('tasks.update', { taskId: task.id, patch: { progress: bad } });
      expect(!r.ok && r.error.code, JSON.stringify(bad)).toBe('INVALID_INPUT');
    }
  });
});
