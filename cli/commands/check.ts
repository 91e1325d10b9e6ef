import type { Command } from '../command.ts';
import { requireString } from '../command.ts';
import { openForRead } from '../open.ts';
import { call } from '../client.ts';

export const checkCommand: Command = {
  name: 'check',
  summary: '检查规划文件：完整性、外键、数据结构版本。',
  usage: 'plandesk check --db FILE [--json]',
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  run(values, _pos, io) {
    const store = openForRead(requireString(values, 'db'));
    try {
      const report = call(store, 'app.check', {});
      if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const fk = report.foreignKeyViolations;
        io.out(`完整性检查：${report.integrity.join('; ')}\n外键检查：${fk === 0 ? 'ok' : `${fk} 处错误`}\n数据结构版本：${report.schemaVersion}（本程序最新 ${report.latestSchemaVersion}）\n`);
        io.out(report.ok ? '结论：文件完好。\n' : '结论：文件有问题，请从备份恢复。\n');
      }
      return report.ok ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
