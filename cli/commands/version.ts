import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { openForRead, openForWrite } from '../open.ts';
import { call } from '../client.ts';

export const versionCommand: Command = {
  name: 'version',
  summary: '保存规划的版本（create）或列出已保存的版本（list）。比较两个版本用 plandesk diff。',
  usage: [
    'plandesk version create --db FILE --plan ID|文号 --name 名称 [--note 说明] [--json]',
    '       plandesk version list --db FILE --plan ID|文号 [--json]',
  ].join('\n'),
  options: { db: { type: 'string' }, plan: { type: 'string' }, name: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  run(values, positionals, io) {
    const [sub, ...extra] = positionals;
    if (sub !== 'create' && sub !== 'list') throw new UsageError(sub ? `未知的子命令：${sub}` : '缺少子命令 create 或 list');
    if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    const file = requireString(values, 'db');
    const store = sub === 'list' ? openForRead(file) : openForWrite(file);
    try {
      const plan = call(store, 'plans.resolve', { ref: requireString(values, 'plan') });
      if (sub === 'create') {
        const v = call(store, 'versions.create', { planId: plan.id, name: requireString(values, 'name'), note: typeof values.note === 'string' ? values.note : null });
        if (values.json) io.out(`${JSON.stringify(v, null, 2)}\n`);
        else io.out(`已保存版本 #${v.id}“${v.name}”（${plan.title} 第 ${v.seq} 版，写入 ${v.rowsWritten} 行）\n`);
        return 0;
      }
      const list = call(store, 'versions.list', { planId: plan.id });
      if (values.json) {
        io.out(`${JSON.stringify(list, null, 2)}\n`);
        return 0;
      }
      if (list.length === 0) io.out(`规划“${plan.title}”还没有保存的版本。\n`);
      for (const v of list) io.out(`#${v.id}\t第 ${v.seq} 版\t${v.name}\t${v.author}\t${v.createdAt}\t${v.note ?? ''}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
