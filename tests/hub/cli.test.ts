/**
 * `plandesk hub user add|disable|list` as a process (the bundled CLI) against a real PostgreSQL:
 * the accounts land in the hub's tables (migrations applied first), the password file is read
 * without its line end and refused below the minimum length, and wrong input is refused by name.
 * What is about the process (exit status, stdout/stderr, no stack trace) runs the bundle; the refusals and the
 * JSON lists run the same command (cli/main's runCommand with the hub command) in this process, a process
 * start and a connection less each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../hub/accounts/password.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { cli } from './helpers.ts';
import { runCommand } from '../../cli/command.ts';
import { hubCommand } from '../../cli/commands/hub.ts';

/** `plandesk <args>` (args[0] = 'hub') in this process: the same parsing and command, output collected. */
async function inProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  expect(args[0]).toBe('hub');
  let stdout = '';
  let stderr = '';
  const status = await runCommand(hubCommand, args.slice(1), { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

describe('plandesk hub user …', () => {
  const pgs = startPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-hub-cli-'));
  const pw = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  afterAll(() => {
    pgs.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const url = pgs.url;

  it('adds accounts of every role; the stored hash is scrypt of the file without its line end', async () => {
    const add = cli(['hub', 'user', 'add', '--pg', url, '--name', '管理员', '--role', 'admin', '--password-file', pw('admin.txt', 'correct horse battery\r\n')]);
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    expect(add.stdout).toContain('已添加账号“管理员”（系统管理员）');
    expect(cli(['hub', 'user', 'add', '--pg', url, '--name', '荣昌区规划员', '--role', 'district', '--district', '荣昌区', '--password-file', pw('d.txt', 'district password 1\n')]).status).toBe(0);
    expect(cli(['hub', 'user', 'add', '--pg', url, '--name', '发改委', '--role', 'officer', '--department', '市发展改革委', '--password-file', pw('o.txt', 'officer password 1')]).status).toBe(0);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const row = (await c.query<{ password_hash: string }>("SELECT password_hash FROM accounts WHERE name = '管理员'")).rows[0]!;
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      expect(await verifyPassword('correct horse battery', row.password_hash)).toBe(true);
      expect(await verifyPassword('correct horse battery\r', row.password_hash)).toBe(false);
      const audit = (await c.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'account.add'")).rows;
      expect(audit).toHaveLength(3);
    } finally {
      await c.end();
    }
  });

  it('lists them, as text and as JSON', async () => {
    const text = cli(['hub', 'user', 'list', '--pg', url]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('荣昌区规划员\t区县规划人员\t荣昌区\t—\t正常');
    expect(text.stdout).toContain('发改委\t市级部门\t—\t市发展改革委\t正常');
    const json = JSON.parse((await inProcess(['hub', 'user', 'list', '--pg', url, '--json'])).stdout) as { name: string; role: string; disabledAt: string | null }[];
    expect(json.map((a) => [a.name, a.role]).sort()).toEqual([['发改委', 'officer'], ['管理员', 'admin'], ['荣昌区规划员', 'district']].sort());
  });

  it('disables one (and says so in the list)', async () => {
    const r = cli(['hub', 'user', 'disable', '--pg', url, '--name', '发改委']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('已停用账号“发改委”');
    expect((await inProcess(['hub', 'user', 'list', '--pg', url])).stdout).toContain('发改委\t市级部门\t—\t市发展改革委\t已停用');
    const json = JSON.parse((await inProcess(['hub', 'user', 'list', '--pg', url, '--json'])).stdout) as { name: string; disabledAt: string | null }[];
    expect(json.find((a) => a.name === '发改委')!.disabledAt).toMatch(/^\d{4}-/);
    expect(await inProcess(['hub', 'user', 'disable', '--pg', url, '--name', '没有这个人'])).toMatchObject({ status: 1, stderr: expect.stringContaining('没有名为“没有这个人”的账号') });
  });

  it('refuses a short password, a taken name, an unknown role, a district account without a district', async () => {
    const short = await inProcess(['hub', 'user', 'add', '--pg', url, '--name', 'x', '--role', 'reviewer', '--password-file', pw('s.txt', '12345678901\n')]);
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('密码太短：至少 12 个字符（现在 11 个）');
    const twelve = pw('twelve.txt', '123456789012\n');
    expect((await inProcess(['hub', 'user', 'add', '--pg', url, '--name', '管理员', '--role', 'admin', '--password-file', twelve])).stderr).toContain('账号“管理员”已存在');
    expect((await inProcess(['hub', 'user', 'add', '--pg', url, '--name', 'y', '--role', 'boss', '--password-file', twelve])).stderr).toContain('角色“boss”不存在');
    expect((await inProcess(['hub', 'user', 'add', '--pg', url, '--name', 'z', '--role', 'district', '--password-file', twelve])).stderr).toContain('区县账号必须用 --district');
    expect((await inProcess(['hub', 'user', 'add', '--pg', url, '--name', 'z', '--role', 'admin', '--password-file', path.join(dir, 'missing')])).stderr).toContain('读不了密码文件');
    expect((await inProcess(['hub', 'user', 'add', '--pg', url, '--name', 'z', '--role', 'admin'])).status).toBe(2);
    // none of them was written
    const list = JSON.parse((await inProcess(['hub', 'user', 'list', '--pg', url, '--json'])).stdout) as unknown[];
    expect(list).toHaveLength(3);
  });

  it('says the database cannot be reached, without a stack trace', () => {
    const r = cli(['hub', 'user', 'list', '--pg', `postgresql://postgres@/plandesk?host=${encodeURIComponent(path.join(dir, 'nowhere'))}&port=1`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('城市枢纽的数据库暂时无法连接');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
