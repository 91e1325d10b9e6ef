import fs from 'node:fs';
import type { Command } from '../command.ts';
import { requireString, UsageError } from '../command.ts';
import { openForWrite, CLI_LOCK_NAME } from '../open.ts';
import { createBackup, listBackups, restoreBackupFile } from '../../db/backups/backups.ts';
import { acquirePlanLock } from '../../db/lock.ts';
import { PlanDeskError } from '../../db/errors.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: '规划文件的备份：list 列出备份，create 立即备份，restore 从备份恢复（原文件改名保留，不覆盖）。',
  usage: 'plandesk backup list|create --db FILE [--json]\n      plandesk backup restore --db FILE --from BACKUP',
  options: { db: { type: 'string' }, from: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run(values, positionals, io) {
    const file = requireString(values, 'db');
    const action = positionals[0];
    if (action === 'list') {
      const list = listBackups(file);
      if (values.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
      else if (list.length === 0) io.out('没有备份。\n');
      else for (const b of list) io.out(`${b.at}\t${b.reason}\t${(b.size / 1024).toFixed(0)} KB\t${b.file}\n`);
      return 0;
    }
    if (action === 'create') {
      const store = openForWrite(file);
      try {
        const b = await createBackup(store.db, store.ctx.file, 'manual');
        io.out(values.json ? `${JSON.stringify(b, null, 2)}\n` : `已备份到 ${b.file}\n`);
        return 0;
      } finally {
        store.close();
      }
    }
    if (action === 'restore') {
      const from = requireString(values, 'from');
      if (!fs.existsSync(from)) throw new PlanDeskError('FILE_NOT_FOUND', `找不到备份文件“${from}”。`);
      const release = acquirePlanLock(file, `${CLI_LOCK_NAME}恢复`);
      try {
        const { movedAside } = restoreBackupFile(file, from);
        io.out(`已从 ${from} 恢复到 ${file}\n`);
        if (movedAside) io.out(`原文件已改名保留为 ${movedAside}\n`);
        return 0;
      } finally {
        release();
      }
    }
    throw new UsageError(action ? `未知的子命令：${action}` : '缺少子命令 list、create 或 restore');
  },
};
