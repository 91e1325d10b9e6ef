/**
 * `plandesk sync --db FILE --hub URL --user NAME --password-file F [--plan P]`: 同步 with the city hub
 * (issue 16), a client of sync.run like the workbench's 同步 dialog: the work — push (the outbox first,
 * then each changed plan), pull, merge — is the core's (db/sync/run.ts); this command reads the password
 * file, starts the job, waits for it and prints what it did, line by line, then the summary. Exit 1 when a
 * pulled package was refused. `--send-whole` (an officer): the first, whole-plan package also goes, through
 * the hub, to each district of the plan whose key the file trusts and that has had no package yet.
 */
import fs from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { call, finishJob, refused, Refused } from '../client.ts';
import { openForWrite } from '../open.ts';

export function readPassword(file: string): string {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > 4096) throw new Error('not a small file');
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`读不了密码文件“${file}”（应为一行密码的普通文件）`);
  }
  return text.replace(/\r?\n$/, '');
}

export const syncCommand: Command = {
  name: 'sync',
  summary: '与城市枢纽同步报送包：推送本文件的报送，收取并合并发给本方的报送包。',
  usage: 'plandesk sync --db FILE --hub URL --user 账号 --password-file 文件 [--plan ID|文号] [--send-whole]',
  options: { db: { type: 'string' }, hub: { type: 'string' }, user: { type: 'string' }, 'password-file': { type: 'string' }, plan: { type: 'string' }, 'send-whole': { type: 'boolean' } },
  async run(values, _positionals, io) {
    const file = requireString(values, 'db');
    const hub = requireString(values, 'hub');
    if (!/^https?:\/\//i.test(hub)) throw new UsageError(`--hub 应为城市枢纽的网址（http:// 或 https://）`);
    const user = requireString(values, 'user');
    const password = readPassword(requireString(values, 'password-file'));
    const store = openForWrite(file);
    try {
      const planRef = typeof values.plan === 'string' && values.plan !== '' ? values.plan : null;
      const plan = planRef ? call(store, 'plans.resolve', { ref: planRef }) : null;
      const { jobId } = call(store, 'sync.run', { hub, user, password, ...(plan ? { planId: plan.id } : {}), sendWhole: values['send-whole'] === true });
      let done;
      try {
        done = (await finishJob(store, jobId, '同步')).sync;
      } catch (err) {
        // a sync refused part-way: what it did before (pushed packages, merged ones) is said first, as it happened
        if (err instanceof Refused) for (const line of call(store, 'sync.status', {}).log) (line.level === 'error' ? io.err : io.out)(`${line.text}\n`);
        throw err;
      }
      if (!done) throw refused('INTERNAL', '同步失败（任务没有给出结果）');
      const c = done.result;
      for (const line of c.log) (line.level === 'error' ? io.err : io.out)(`${line.text}\n`);
      io.out(`同步完成：推送 ${c.pushed} 个，合并 ${c.applied} 个，已合并过 ${c.already} 个，待解决冲突 ${c.pending} 个${c.refused ? `，未导入 ${c.refused} 个` : ''}\n`);
      return c.refused > 0 ? 1 : 0;
    } finally {
      store.close();
    }
  },
};
