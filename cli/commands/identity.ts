/**
 * `plandesk identity set --name NAME --department NAME [--district NAME]` and `plandesk identity show`:
 * the user's identity (kept in the user's data folder, PLANDESK_HOME overrides it), which the audit
 * log, versions, comments and exports name. The plan file (--db, default the user's plan file) is only
 * read, for its lists of departments and districts, so this works while a workbench has it open.
 */
import fs from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { defaultPlanFile, openForRead } from '../open.ts';
import { call, refused } from '../client.ts';
import type { OperationOutput } from '../../contract/operations.ts';

function describe(state: OperationOutput<'identity.get'>): string {
  const a = state.author;
  const lines = [
    `姓名：${a.name}`,
    `部门：${a.department ?? '（未填写）'}`,
    `区县：${a.district ?? '（市级，未填写）'}`,
  ];
  if (a.source === 'plan') lines.push('（尚未设置身份，沿用规划文件中以前的用户名；请运行 plandesk identity set 设置）');
  if (a.source === 'none') lines.push('（尚未设置身份：修改记录中署名为“未署名”；请运行 plandesk identity set --name 姓名 --department 部门）');
  if (state.folder) lines.push(`保存在：${state.folder}`);
  return `${lines.join('\n')}\n`;
}

export const identityCommand: Command = {
  name: 'identity',
  summary: '使用者身份（姓名、部门、区县）：set 设置，show 查看；记录在修改记录、版本、批注和导出中。',
  usage: 'plandesk identity set --name NAME --department NAME [--district NAME] [--db FILE] [--json]\n      plandesk identity show [--db FILE] [--json]',
  options: { db: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' }, district: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  run(values, positionals, io) {
    const action = positionals[0];
    if (action !== 'set' && action !== 'show') throw new UsageError(action ? `未知的子命令：${action}` : '缺少子命令 set 或 show');
    const file = typeof values.db === 'string' ? values.db : defaultPlanFile();
    if (!fs.existsSync(file))
      throw refused('FILE_NOT_FOUND', `找不到规划文件“${file}”：部门和区县要按规划文件中的列表核对，请用 --db 指定规划文件。`);
    if (action === 'set') {
      if (typeof values.name !== 'string') throw new UsageError('缺少 --name 姓名');
      if (typeof values.department !== 'string') throw new UsageError('缺少 --department 部门');
    }
    const store = openForRead(file);
    try {
      const state =
        action === 'set'
          ? call(store, 'identity.set', {
              name: String(values.name),
              department: String(values.department),
              district: typeof values.district === 'string' ? values.district : null,
            })
          : call(store, 'identity.get', {});
      if (values.json) io.out(`${JSON.stringify(state, null, 2)}\n`);
      else io.out(`${action === 'set' ? '已保存身份信息。\n' : ''}${describe(state)}`);
      return 0;
    } finally {
      store.close();
    }
  },
};
