/** The corpus's junk files and hostile cells through the import entry point (preview and apply): refused, nothing written. */
import { describe, expect, it } from 'vitest';
import { previewImport, applyImportFile } from '../../db/import/run.ts';
import { dumpTables, seededStore } from '../helpers/store.ts';
import { junkFiles, SCRIPT_TEXT, SQL_TEXT } from './corpus.ts';
import { PlanDeskError } from '../../db/errors.ts';

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
