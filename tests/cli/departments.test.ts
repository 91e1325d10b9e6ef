/** `plandesk departments list|merge` (cli/commands/departments.ts): a client of departments.* like the workbench. */
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { ok, reopen, tempFile } from '../helpers/store.ts';
import type { Task } from '../../contract/entities.ts';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('plandesk departments', () => {
  it('merges one spelling into another by name, tasks follow, and the merge is undoable in the plan', async () => {
    const f = tempFile();
    await run('init', '--db', f);
    const leads = async () => {
      const s = reopen(f);
      // the department each task links to (canonicalName where the document's wording is kept beside it)
      const rows = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: 'p-yufu-2023-13', limit: 100 }).rows.flatMap((t) => t.leadDepartments.map((d) => d.canonicalName ?? d.name));
      s.close();
      return rows;
    };
    expect(await leads()).toContain('市金融监管局');
    const r = await run('departments', 'merge', '--db', f, '--plan', 'p-yufu-2023-13', '市金融监管局', '市发展改革委');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^已把“市金融监管局”合并到“市发展改革委”：\d+ 处任务改为“市发展改革委”/);
    expect(await leads()).not.toContain('市金融监管局');
    const list = await run('departments', 'list', '--db', f);
    expect(list.out).toMatch(/市发展改革委（[^）]*市金融监管局[^）]*）/);
    expect((await run('departments', 'merge', '--db', f, '无此部门', '市科技局')).err).toMatch(/找不到部门“无此部门”/);
    const s = reopen(f);
    expect(ok<{ undoLabel: string }>(s, 'history.status', { planId: 'p-yufu-2023-13' }).undoLabel).toBe('合并部门“市金融监管局”到“市发展改革委”');
    ok(s, 'history.undo', { planId: 'p-yufu-2023-13' });
    s.close();
    expect(await leads()).toContain('市金融监管局');
  });
});
