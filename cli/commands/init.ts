import type { Command } from '../command.ts';
import { requireString } from '../command.ts';
import { initForWrite } from '../open.ts';
import { call } from '../client.ts';

export const initCommand: Command = {
  name: 'init',
  summary: '用种子数据（重庆市政府公报中的规划）创建一个新的规划文件；已存在的文件不会被覆盖。',
  usage: 'plandesk init --db FILE',
  options: { db: { type: 'string' } },
  run(values, _pos, io) {
    const file = requireString(values, 'db');
    const store = initForWrite(file);
    let count: number;
    try {
      count = call(store, 'plans.list', {}).length;
    } finally {
      store.close();
    }
    io.out(`已创建规划文件 ${file}（${count} 个规划）\n`);
    return 0;
  },
};
