import type { Command } from '../command.ts';
import { requireString } from '../command.ts';
import { initForWrite } from '../open.ts';
import { call } from '../client.ts';

export const initCommand: Command = {
  name: 'init',
  summary:
    '用种子数据（重庆市政府公报中的规划）创建一个新的规划文件；--empty 创建不含规划的文件（仍带区县、部门等公共列表）。已存在的文件不会被覆盖。',
  usage: 'plandesk init --db FILE [--empty]',
  options: { db: { type: 'string' }, empty: { type: 'boolean' } },
  run(values, _pos, io) {
    const file = requireString(values, 'db');
    const store = initForWrite(file, values.empty === true);
    let count: number;
    let districts: number;
    try {
      count = call(store, 'plans.list', {}).length;
      districts = call(store, 'districts.list', {}).length;
    } finally {
      store.close();
    }
    io.out(count === 0 ? `已创建空的规划文件 ${file}（0 个规划，区县列表 ${districts} 项）\n` : `已创建规划文件 ${file}（${count} 个规划）\n`);
    return 0;
  },
};
