import type { Command } from '../command.ts';
import { requireString } from '../command.ts';
import { openForRead } from '../open.ts';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';

export const checkCommand: Command = {
  name: 'check',
  summary: '检查规划文件：完整性、外键、数据结构版本。',
  usage: 'plandesk check --db FILE [--json]',
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  run(values, _pos, io) {
    const store = openForRead(requireString(values, 'db'));
    try {
      const integrity = (store.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      const foreignKeys = store.db.pragma('foreign_key_check') as unknown[];
      const schemaVersion = Number(store.db.pragma('user_version', { simple: true }));
      const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeys.length === 0;
      const report = { ok, integrity, foreignKeyViolations: foreignKeys.length, schemaVersion, latestSchemaVersion: LATEST_SCHEMA_VERSION };
      if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
      else {
        io.out(`完整性检查：${integrity.join('; ')}\n外键检查：${foreignKeys.length === 0 ? 'ok' : `${foreignKeys.length} 处错误`}\n数据结构版本：${schemaVersion}（本程序最新 ${LATEST_SCHEMA_VERSION}）\n`);
        io.out(ok ? '结论：文件完好。\n' : '结论：文件有问题，请从备份恢复。\n');
      }
      return ok ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
