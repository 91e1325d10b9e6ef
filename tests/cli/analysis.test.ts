/** `plandesk checks`: text and --json output on the seeded plans, --plan by 文号, errors on stderr. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { tempFile } from '../helpers/store.ts';
import type { Finding } from '../../contract/ops/checks.ts';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('plandesk checks', () => {
  it('prints the findings as text and as JSON', async () => {
    const f = tempFile();
    expect((await run('init', '--db', f)).code).toBe(0);
    const text = await run('checks', '--db', f);
    expect(text.code).toBe(0);
    expect(text.out).toContain('检查了 12 个规划');
    expect(text.out).toContain('9 个产业集群合计 4,000 + 2,000 + 1,500 + 1,500 + 1,500 + 1,000 + 1,500 + 500 + 600 = 14,100亿元');
    expect(text.out).toContain('规划总量 14,000亿元（原文“1.4万亿元”），相差 +100亿元');
    expect(text.out).toContain('软件业务收入：原文年均增长 18%');
    expect(text.out).toContain('应为 20.11%/年');
    expect(text.out).toContain('渝府发〔2023〕8号 为 “1.27万家”，渝府办发〔2023〕26号 为 “超过1.28万家”');

    const json = JSON.parse((await run('checks', '--db', f, '--json')).out) as { findings: Finding[] };
    // plus 8号's 56 and 37号's 14 tasks without a lead and 79号's ten decisions dated before its issue (the documents as written)
    expect(json.findings.map((x) => x.kind).filter((k) => k !== 'lead' && k !== 'deadline').sort()).toEqual(['cross_plan', 'growth', 'growth', 'sum']);
    expect(json.findings.filter((x) => x.kind === 'lead')).toHaveLength(70);
    expect(json.findings.filter((x) => x.kind === 'deadline')).toHaveLength(10);
    const sum = json.findings.find((x) => x.kind === 'sum');
    expect(sum?.difference).toMatchObject({ label: '相差', value: '100', unit: '亿元' });

    const one = JSON.parse((await run('checks', '--db', f, '--plan', '渝府发〔2021〕18号', '--json')).out) as { findings: Finding[]; planCount: number };
    expect(one.planCount).toBe(1);
    expect(one.findings.map((x) => x.id)).toEqual(['growth:p-yufufa-2021-18/i/value-added', 'growth:p-yufufa-2021-18/i/software-revenue']);
  });

  it('--strict exits with 3 when there are findings and 0 when there are none', async () => {
    const f = tempFile();
    expect((await run('init', '--db', f)).code).toBe(0);
    const found = await run('checks', '--db', f, '--strict');
    expect(found.code).toBe(3);
    expect(found.out).toContain('发现 84 处问题');
    expect((await run('checks', '--db', f, '--plan', '渝府发〔2021〕18号', '--json', '--strict')).code).toBe(3);
    const clean = await run('checks', '--db', f, '--plan', 'p-yukuaima', '--strict');
    expect(clean.out).toContain('发现 0 处问题');
    expect(clean.code).toBe(0);
  });

  it('has --help; errors go to stderr with a non-zero exit', async () => {
    const help = await run('checks', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('plandesk checks --db FILE [--plan ID|文号] [--json]');
    const noDb = await run('checks');
    expect(noDb.code).toBe(2);
    expect(noDb.err).toContain('缺少参数 --db');
    const f = tempFile();
    await run('init', '--db', f);
    const badPlan = await run('checks', '--db', f, '--plan', '渝府〔1999〕1号');
    expect(badPlan.code).toBe(1);
    expect(badPlan.err).toContain('找不到规划');
    expect(badPlan.out).toBe('');
    const missing = await run('checks', '--db', tempFile('nope.plandesk'));
    expect(missing.code).not.toBe(0);
    expect(missing.err).not.toBe('');
  });

  it('runs as a real process (bin/plandesk.js)', () => {
    const f = tempFile();
    spawnSync('node', ['bin/plandesk.js', 'init', '--db', f], { encoding: 'utf8' });
    const r = spawnSync('node', ['bin/plandesk.js', 'checks', '--db', f, '--plan', 'p-yufu-2023-13'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('相差 +100亿元');
  });
});
