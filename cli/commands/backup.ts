import fs from 'node:fs';
import type { Command } from '../command.ts';
import { requireString, UsageError } from '../command.ts';
import { openForRead, openForWrite, restoreFromBackup } from '../open.ts';
import { call, finishJob, refused } from '../client.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: '规划文件的备份：list 列出备份，create 立即备份，restore 从备份恢复（原文件改名保留，不覆盖）。',
  usage: 'plandesk backup list|create --db FILE [--json]\n      plandesk backup restore --db FILE --from BACKUP',
  options: { db: { type: 'string' }, from: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run(values, positionals, io) {
    const file = requireString(values, 'db');
    const action = positionals[0];
    if (action === 'list' || action === 'create') {
      const store = action === 'list' ? openForRead(file) : openForWrite(file);
      try {
        if (action === 'list') {
          const list = call(store, 'backups.list', {});
          if (values.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
          else if (list.length === 0) io.out('没有备份。\n');
          else for (const b of list) io.out(`${b.at}\t${b.reason}\t${(b.size / 1024).toFixed(0)} KB\t${b.name}\n`);
          return 0;
        }
        const { jobId } = call(store, 'backups.create', {});
        const b = (await finishJob(store, jobId, '备份')).backup;
        if (!b) throw refused('INTERNAL', '备份失败（任务没有给出备份）');
        io.out(values.json ? `${JSON.stringify(b, null, 2)}\n` : `已备份为 ${b.name}（在 ${file}.backups 中）\n`);
        return 0;
      } finally {
        store.close();
      }
    }
    if (action === 'restore') {
      const from = requireString(values, 'from');
      if (!fs.existsSync(from)) throw refused('FILE_NOT_FOUND', `找不到备份文件“${from}”。`);
      const { movedAside } = restoreFromBackup(file, from);
      io.out(`已从 ${from} 恢复到 ${file}\n`);
      if (movedAside) io.out(`原文件已改名保留为 ${movedAside}\n`);
      return 0;
    }
    throw new UsageError(action ? `未知的子命令：${action}` : '缺少子命令 list、create 或 restore');
  },
};
