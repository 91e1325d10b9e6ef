/** `plandesk draft --db FILE DOC [--json] [--create]`: prints drafts without writing; --create makes them plans. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { builtStore, dumpTables, reopen, tempFile } from '../helpers/store.ts';
import type { DraftPlan } from '../../contract/ops/draft.ts';
import type { SeedCommon } from '../../db/seed/format.ts';
import { gazettePath } from '../helpers/gazette.ts';

const text = (prefix: string) => gazettePath(prefix);

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('plandesk draft', () => {
  it('prints a summary and, with --json, the drafts with their sources; the file is not written', async () => {
    const f = tempFile();
    expect((await run('init', '--db', f)).code).toBe(0);
    const before = fs.readFileSync(f);
    const human = await run('draft', '--db', f, text('003'));
    expect(human.code).toBe(0);
    expect(human.out).toContain('渝府发〔2021〕19号');
    expect(human.out).toMatch(/任务（86）/);
    const json = await run('draft', '--db', f, text('003'), '--json');
    const drafts = JSON.parse(json.out) as DraftPlan[];
    expect(drafts.map((d) => d.plan.docNumber)).toEqual(['渝府发〔2021〕18号', '渝府发〔2021〕19号', '渝府办发〔2021〕79号']);
    expect(drafts[0]?.sources['indicators[0]']).toMatchObject({ fileName: path.basename(text('003')), quote: expect.stringContaining('规模以上工业产值') });
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it('offers the comparison for a document whose 文号 is in the file: the summary and the changed rows, field by field', async () => {
    const f = tempFile();
    expect((await run('init', '--db', f)).code).toBe(0);
    // 13号 is seeded: its seed words some targets its own way ("87%"), the draft as written ("分别提高至87%")
    const r = await run('draft', '--db', f, text('000'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已在文件中（规划 p-yufu-2023-13）：与现有规划比较（现有 → 草稿），指标：新增 \d+，删除 \d+，修改 \d+/);
    expect(r.out).toMatch(/\[目标值\] 修改 {2}数字化研发设计工具普及率 · 全市 · 2027 · 目标：\S+ 87% → 分别提高至87%/);
    expect(r.out).not.toContain('undefined');
    // a notice that states no plan is said, not silently dropped (001's 27号 市政府领导同志工作分工)
    const leaders = await run('draft', '--db', f, text('001'));
    expect(leaders.out).toMatch(/未起草：渝府办发〔2023〕27号　[^\n]*工作分工[^\n]*（原文第 \d+ 行）：通知中没有指标、目标、区县或任务/);
    // 57号 is seeded as the drafter drafts it
    expect(r.out).toContain('已在文件中（规划 p-yufubanfa-2023-57）：与现有规划比较（现有 → 草稿），两边没有差别');
  });

  it('--create creates the drafts not yet in the file and skips those that are (compare instead)', async () => {
    const f = tempFile();
    expect((await run('init', '--db', f)).code).toBe(0);
    // 000: 13号 and 57号 are seeded; 002 and 001 are fully seeded since session 5 (37号 too), so a copy of 002 with
    // 37号's 文号 edited to an unseeded one stands for a notice not yet in the file
    const edited = path.join(path.dirname(f), '002-edited.txt');
    fs.writeFileSync(edited, fs.readFileSync(text('002'), 'utf8').replace('渝府办发〔2023〕37号', '渝府办发〔2023〕99号'));
    const r = await run('draft', '--db', f, edited, '--create');
    expect(r.code).toBe(0);
    expect(r.err).toContain('渝府办〔2023〕3号');
    // the one in the file is compared with its plan (draft.compare, the versions' comparison), not just named
    expect(r.err).toMatch(/已在文件中（规划 p-yufuban-2023-3）：与现有规划比较（现有 → 草稿）/);
    expect(r.out).toMatch(/已创建 1 个规划/);
    const plans = JSON.parse((await run('plans', '--db', f, '--json')).out) as { docNumber: string; taskCount: number }[];
    expect(plans.find((p) => p.docNumber === '渝府办发〔2023〕99号')?.taskCount).toBe(14);
  });

  it('--create on a file without plans creates every draft; nothing is left half-written when refused', async () => {
    const common = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../seeds/common.json'), 'utf8')) as SeedCommon;
    const f = tempFile();
    builtStore((b) => {
      b.common = structuredClone(common);
    }, f).close();
    const made = await run('draft', '--db', f, text('002'), '--create', '--json');
    expect(made.code).toBe(0);
    const out = JSON.parse(made.out) as { created: { planIds: string[] } };
    expect(out.created.planIds).toHaveLength(3);
    const store = reopen(f);
    const tables = dumpTables(store);
    store.close();
    const again = await run('draft', '--db', f, text('002'), '--create');
    expect(again.code).toBe(1);
    const store2 = reopen(f);
    expect(dumpTables(store2)).toEqual(tables);
  });

  it('refuses a missing file argument with the usage', async () => {
    const r = await run('draft', '--db', tempFile());
    expect(r.code).toBe(2);
    expect(r.err).toContain('用法');
  });
});
