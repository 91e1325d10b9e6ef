/** `plandesk init --empty` and `plandesk plans create|copy|archive|unarchive|delete|undelete` (cli/commands/{init,plans}.ts). */
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { SEEDED_PLANS, tempFile } from '../helpers/store.ts';
import type { PlanHeader, PlanSummary } from '../../contract/entities.ts';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('plandesk init --empty', () => {
  it('makes a plan file with no plans but the district list; the default still seeds', async () => {
    const f = tempFile();
    const r = await run('init', '--db', f, '--empty');
    expect(r).toMatchObject({ code: 0, out: `已创建空的规划文件 ${f}（0 个规划，区县列表 46 项）\n` });
    expect(JSON.parse((await run('plans', '--db', f, '--json')).out)).toEqual([]);
    expect((await run('plans', '--db', f)).out).toContain('规划文件中还没有规划');
    const seeded = tempFile('seeded.plandesk');
    expect((await run('init', '--db', seeded)).out).toContain(`（${SEEDED_PLANS} 个规划）`);
    expect((await run('init', '--db', f, '--empty')).code).not.toBe(0);
  });
});

describe('plandesk plans', () => {
  it('creates a blank plan with districts by name and group, copies 13号, archives, deletes and undeletes', async () => {
    const f = tempFile();
    await run('init', '--db', f, '--empty');
    const c = await run('plans', 'create', '--db', f, '--title', '测试规划', '--issuer', '重庆市人民政府', '--start', '2024', '--end', '2027', '--doc-number', '渝府〔2024〕1号', '--districts', '江津区、万州区', '--groups', '渝东南', '--json');
    expect(c.err).toBe('');
    const p = JSON.parse(c.out) as PlanHeader;
    expect(p).toMatchObject({ title: '测试规划', docNumber: '渝府〔2024〕1号', periodStart: 2024, periodEnd: 2027 });
    const listed = JSON.parse((await run('plans', '--db', f, '--json')).out) as PlanSummary[];
    expect(listed).toHaveLength(1);
    expect(listed[0]?.districtCount).toBe(2 + 6);

    const bad = await run('plans', 'create', '--db', f, '--title', '坏', '--issuer', 'x', '--start', '2028', '--end', '2020');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('规划截止年份 2020 早于起始年份 2028');
    expect((await run('plans', 'create', '--db', f, '--title', 'x', '--issuer', 'x', '--start', '2024', '--end', '2027', '--districts', '火星区')).err).toContain('区县列表中没有：火星区');

    const g = tempFile('seeded.plandesk');
    await run('init', '--db', g);
    const copy = await run('plans', 'copy', '--db', g, '--plan', '渝府〔2023〕13号', '--title', '渝西跨越计划（2028—2032年）', '--start', '2028', '--end', '2032', '--no-tasks', '--json');
    expect(copy.err).toBe('');
    const cp = JSON.parse(copy.out) as PlanHeader;
    expect(cp).toMatchObject({ originPlanId: 'p-yufu-2023-13', issuer: '重庆市人民政府', periodStart: 2028 });
    const all = JSON.parse((await run('plans', '--db', g, '--json')).out) as PlanSummary[];
    expect(all.find((x) => x.id === cp.id)).toMatchObject({ districtCount: 8, clusterCount: 9, indicatorCount: 9, taskCount: 0 });

    expect((await run('plans', 'archive', '--db', g, '--plan', cp.id)).out).toContain('已归档规划');
    expect((JSON.parse((await run('plans', '--db', g, '--json')).out) as PlanSummary[]).map((x) => x.id)).not.toContain(cp.id);
    expect((await run('plans', '--db', g, '--archived')).out).toMatch(/渝西跨越计划（2028—2032年）.*（已归档）/);
    expect((await run('plans', 'unarchive', '--db', g, '--plan', cp.id)).code).toBe(0);

    expect((await run('plans', 'delete', '--db', g, '--plan', '渝府〔2023〕13号')).err).toContain('--yes');
    const del = await run('plans', 'delete', '--db', g, '--plan', '渝府〔2023〕13号', '--yes');
    expect(del.out).toContain('已删除规划 p-yufu-2023-13');
    expect(del.out).toContain('任务 21');
    expect((JSON.parse((await run('plans', '--db', g, '--json')).out) as PlanSummary[]).map((x) => x.id)).not.toContain('p-yufu-2023-13');
    expect((await run('plans', 'undelete', '--db', g, '--plan', 'p-yufu-2023-13')).out).toContain('已恢复规划 p-yufu-2023-13');
    expect((JSON.parse((await run('plans', '--db', g, '--json')).out) as PlanSummary[]).find((x) => x.id === 'p-yufu-2023-13')?.taskCount).toBe(21);
    expect((await run('plans', 'undelete', '--db', g, '--plan', 'p-yufu-2023-13')).code).not.toBe(0);
  });
});
