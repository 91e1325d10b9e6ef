/** `npm run web [-- --db FILE --port N]`: the workbench in a browser, on 127.0.0.1 only. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openStore, userDataDir } from '../db/store.ts';
import { defaultPlanFile } from '../db/paths.ts';
import { PlanDeskError, opensReadOnlyInstead } from '../db/errors.ts';
import { acquirePlanLock } from '../db/lock.ts';
import { startWebHost } from './server.ts';
import { newToken, readHostSession, writeHostSession } from './session.ts';
import { startAutoBackup } from '../db/backups/autosave.ts';
import { describeOpenFailure } from '../db/backups/recovery.ts';
import { restoreBackupFile } from '../db/backups/restore.ts';
import { planStart } from '../db/backups/startup.ts';

// The checkout's root, from web/main.ts or from its bundle build/node/web.cjs alike.
function checkoutRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const root = checkoutRoot();
const LOCK_NAME = '网页版';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'restore-from': { type: 'string' },
      new: { type: 'boolean' },
      'new-token': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      '用法：npm run web -- [--db FILE] [--port N] [--restore-from BACKUP] [--new] [--new-token]\n' +
        '在 http://127.0.0.1 上打开规划工作台（只接受本机、带访问令牌的请求）。\n' +
        '  --restore-from BACKUP  先用这个备份（或 .replaced-… 文件）恢复规划文件，再启动（原文件改名保留）\n' +
        '  --new                  规划文件不在、但找到它以前的痕迹时，仍然新建一个带示例数据的文件\n' +
        '  --new-token            换一个新的访问令牌（已打开的页面随即失效，要打开新打印的地址）\n' +
        '地址和令牌保存在用户数据文件夹（PLANDESK_HOME 可另指定）中，重启后不变，已打开的页面重新加载即可继续使用。\n',
    );
    return;
  }
  const file = path.resolve(values.db ?? defaultPlanFile());
  const userDir = userDataDir();
  const from = values['restore-from'];
  if (from) {
    const release = acquirePlanLock(file, `${LOCK_NAME}恢复`);
    try {
      const { movedAside } = restoreBackupFile(file, from);
      process.stdout.write(`已从 ${from} 恢复到 ${file}\n${movedAside ? `原文件已改名保留为 ${movedAside}\n` : ''}`);
    } finally {
      release();
    }
  }
  // The same decision as the desktop app: never a seeded file in place of a user's missing plan.
  const start = planStart(file);
  if (start.kind === 'missing' && !values.new) throw new PlanDeskError('FILE_NOT_FOUND', start.message);
  let store;
  try {
    store = openStore(file, { create: start.kind === 'open' ? false : 'seed', lockAs: LOCK_NAME, userDir });
  } catch (err) {
    if (!opensReadOnlyInstead(err)) throw new Error(describeOpenFailure(file, err).message);
    // A read-only file, folder or medium, or no room to write beside it: show it, read-only, rather than not at all.
    process.stdout.write(`${err.message}\n以只读方式打开。\n`);
    store = openStore(file, { readonly: true, userDir });
  }
  const backups = startAutoBackup(store, undefined, (err) => process.stderr.write(`自动备份失败：${err instanceof Error ? err.message : String(err)}\n`));
  if (store.created) process.stdout.write(`已用种子数据创建规划文件：${store.ctx.file}\n`);
  // The same address and token as the last run (web/session.ts): an open tab survives a restart.
  const saved = readHostSession(userDir);
  const host = await startWebHost({
    call: (name, input) => store.call(name, input),
    rendererDir: path.join(root, 'build', 'renderer'),
    port: values.port ? Number(values.port) : (saved?.port ?? 0),
    portFallback: !values.port,
    token: values['new-token'] ? newToken() : (saved?.token ?? newToken()),
  });
  const notSaved = writeHostSession(userDir, { token: host.token, port: host.port });
  if (notSaved) process.stderr.write(`${notSaved}\n`);
  process.stdout.write(`规划文件：${store.ctx.file}\n规划工作台已启动：${host.url}\n`);
  const stop = () => {
    backups.stop();
    void host.close().then(() => {
      store.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`错误：${err instanceof PlanDeskError || err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
