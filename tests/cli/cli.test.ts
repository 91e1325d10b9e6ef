import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, commands } from '../../cli/main.ts';
import { tempFile } from '../helpers/store.ts';
import { PLAN_DOCUMENT_FORMAT } from '../../contract/ops/plans.ts';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('plandesk CLI', () => {
  it('init creates a plan file from the seeds and refuses to overwrite it', async () => {
    const f = tempFile();
    const first = await run('init', '--db', f);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/已创建/);
    const before = fs.readFileSync(f);
    const again = await run('init', '--db', f);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/已存在/);
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it('plans lists the plans, as text and as JSON', async () => {
    const f = tempFile();
    await run('init', '--db', f);
    const text = await run('plans', '--db', f);
    expect(text.out).toContain('渝府〔2023〕13号');
    const json = JSON.parse((await run('plans', '--db', f, '--json')).out) as { id: string; docNumber: string }[];
    expect(json.map((p) => p.docNumber)).toContain('渝府发〔2021〕18号');
  });

  it('show prints one whole plan by id or by 文号 in the documented JSON shape', async () => {
    const f = tempFile();
    await run('init', '--db', f);
    const byDoc = JSON.parse((await run('show', '--db', f, '--plan', '渝府〔2023〕13号', '--json')).out);
    const byId = JSON.parse((await run('show', '--db', f, '--plan', 'p-yufu-2023-13', '--json')).out);
    expect(byDoc).toEqual(byId);
    expect(Object.keys(byDoc)).toEqual(['format', 'plan', 'districts', 'clusters', 'indicators', 'tasks']);
    expect(byDoc.format).toBe(PLAN_DOCUMENT_FORMAT);
    expect(byDoc.districts.find((d: { name: string }) => d.name === '江津区').targets[0].value).toBe('3000');
    expect(byDoc.tasks.length).toBeGreaterThan(10);
    expect(Object.keys(byDoc.tasks[0]).sort()).toEqual(
      ['deadline', 'deadlineText', 'description', 'districts', 'id', 'leadDepartments', 'notes', 'number', 'order', 'participatingDepartments', 'planId', 'progress', 'quantitativeGoal', 'section', 'source', 'status', 'title', 'updatedAt'].sort(),
    );
    const text = await run('show', '--db', f, '--plan', '渝府〔2023〕13号');
    expect(text.out).toMatch(/江津区.*3000亿元/);
  });

  it('check reports integrity and schema version', async () => {
    const f = tempFile();
    await run('init', '--db', f);
    const r = await run('check', '--db', f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, integrity: ['ok'], foreignKeyViolations: 0, schemaVersion: expect.any(Number) });
  });

  it('errors go to stderr in plain words with a non-zero exit code', async () => {
    const f = tempFile();
    await run('init', '--db', f);
    const missingPlan = await run('show', '--db', f, '--plan', '渝府〔1999〕1号');
    expect(missingPlan.code).toBe(1);
    expect(missingPlan.err).toMatch(/找不到规划/);
    expect(missingPlan.out).toBe('');
    const noFile = await run('plans', '--db', `${f}.missing`);
    expect(noFile.code).toBe(1);
    expect(noFile.err).toMatch(/找不到规划文件/);
    const badFlag = await run('plans', '--dbb', f);
    expect(badFlag.code).toBe(2);
    expect((await run('nonsense')).code).toBe(2);
    expect((await run('show', '--db', f)).err).toMatch(/缺少参数 --plan/);
    const notPlan = tempFile('x.txt');
    fs.writeFileSync(notPlan, 'hello');
    expect((await run('plans', '--db', notPlan)).err).toMatch(/不是规划工作台文件/);
  });

  it('every command has --help', async () => {
    for (const c of commands) {
      const r = await run(c.name, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain('用法');
    }
  });

  it('runs as the `plandesk` bin from the checkout', () => {
    const f = tempFile();
    const out = execFileSync('node', ['bin/plandesk.js', 'init', '--db', f], { encoding: 'utf8' });
    expect(out).toMatch(/已创建/);
    const r = spawnSync('node', ['bin/plandesk.js', 'show', '--db', f, '--plan', 'nope'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/找不到规划/);
  });
});
