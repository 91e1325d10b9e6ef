/**
 * `plandesk departments list --db FILE [--json]` and `plandesk departments merge --db FILE [--plan ID|文号] FROM INTO`:
 * the file's common list of departments, and merging two spellings of one department (市金融工作局 into
 * 市金融监管局) — the tasks of every plan repointed, FROM kept as an alias of INTO, the merge recorded.
 * Names may be aliases. The merge is one undo step of the plan given (default: the file's first plan).
 */
import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { openForRead, openForWrite } from '../open.ts';
import { call, refused } from '../client.ts';
import type { OperationOutput } from '../../contract/operations.ts';

type Entry = OperationOutput<'departments.entries'>[number];

function find(list: Entry[], name: string): Entry {
  const n = name.trim();
  const d = list.find((x) => x.name === n) ?? list.find((x) => x.aliases.includes(n));
  if (!d) throw refused('NOT_FOUND', `找不到部门“${n}”（名称或简称/别名）`);
  return d;
}

export const departmentsCommand: Command = {
  name: 'departments',
  summary: '部门名录：list 列出部门及其简称/别名；merge 把一个部门合并到另一个（任务改指向，原名保留为别名，可撤销）。',
  usage: 'plandesk departments list --db FILE [--json]\n      plandesk departments merge --db FILE [--plan ID|文号] [--json] FROM INTO',
  options: { db: { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  run(values, positionals, io) {
    const [action, ...rest] = positionals;
    if (action !== 'list' && action !== 'merge') throw new UsageError(action ? `未知的子命令：${action}` : '缺少子命令 list 或 merge');
    const db = requireString(values, 'db');
    if (action === 'list') {
      const store = openForRead(db);
      try {
        const list = call(store, 'departments.entries', {});
        if (values.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
        else for (const d of list) io.out(`${d.name}${d.aliases.length ? `（${d.aliases.join('、')}）` : ''}  任务 ${d.taskCount}\n`);
        return 0;
      } finally {
        store.close();
      }
    }
    const [from, into, ...extra] = rest;
    if (!from || !into || extra.length) throw new UsageError('请给出两个部门：FROM INTO（把 FROM 合并到 INTO）');
    const store = openForWrite(db);
    try {
      const plan = typeof values.plan === 'string' ? call(store, 'plans.resolve', { ref: values.plan }) : call(store, 'plans.list', {})[0];
      if (!plan) throw refused('NOT_FOUND', '规划文件中没有规划：合并要记在一个规划的撤销记录中');
      const list = call(store, 'departments.entries', {});
      const a = find(list, from);
      const b = find(list, into);
      const { merge } = call(store, 'departments.merge', { planId: plan.id, fromId: a.id, intoId: b.id });
      if (values.json) io.out(`${JSON.stringify(merge, null, 2)}\n`);
      else io.out(`已把“${merge.fromName}”合并到“${b.name}”：${merge.taskLinks} 处任务改为“${b.name}”，“${merge.fromName}”保留为它的别名。可在《${plan.title}》中撤销。\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
