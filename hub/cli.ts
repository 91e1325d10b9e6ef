/**
 * `plandesk hub …`: start the city hub, and manage its accounts straight in PostgreSQL.
 *   plandesk hub --pg URL [--port N] [--host ADDR] [--tls-cert F --tls-key F] [--trust-proxy]
 *                [--write-connections N] [--read-connections N] [--read-queue N]   (hub/pg.ts PoolSizes)
 *   plandesk hub user add --pg URL --name NAME --role admin|officer|reviewer|district [--district NAME] [--department NAME] --password-file F
 *   plandesk hub user disable --pg URL --name NAME
 *   plandesk hub user list --pg URL [--json]
 *   plandesk hub key trust --pg URL --key FILE.pdkey (--city | --district NAME)
 *   plandesk hub key list --pg URL [--json]
 *   plandesk hub key revoke --pg URL --fingerprint CODE
 * Registered in the CLI's command table through cli/commands/hub.ts; the shape is cli/command.ts's
 * Command (kept structurally here, so the hub layer does not import the CLI).
 */
import fs from 'node:fs';
import os from 'node:os';
import { addAccount, disableAccount, listAccounts, type Account } from './accounts/accounts.ts';
import { MIN_PASSWORD_LENGTH } from './accounts/password.ts';
import { HubError } from './errors.ts';
import { startHub } from './hub.ts';
import { migrate } from './migrate.ts';
import { DEFAULT_POOL_SIZES, openPool, type Db, type PoolSizes } from './pg.ts';
import { ROLE_NAMES } from './roles.ts';
import { listKeys, revokeKey, trustKey, type HubKey } from './keys/keys.ts';
import { MAX_KEY_FILE_BYTES } from '../contract/ops/keys.ts';

export interface HubIo {
  out: (text: string) => void;
  err: (text: string) => void;
}
type Values = Record<string, string | boolean | undefined>;

const USAGE = `plandesk hub --pg URL [--port N] [--host ADDR] [--tls-cert 证书.pem --tls-key 私钥.pem] [--trust-proxy]
                  [--write-connections N（写连接，默认 ${DEFAULT_POOL_SIZES.writeConnections}）] [--read-connections N（读连接，默认 ${DEFAULT_POOL_SIZES.readConnections}）] [--read-queue N（读请求排队上限，默认 ${DEFAULT_POOL_SIZES.readQueue}，再多答 503）]
       plandesk hub user add --pg URL --name 账号 --role admin|officer|reviewer|district [--district 区县] [--department 部门] --password-file 文件
       plandesk hub user disable --pg URL --name 账号
       plandesk hub user list --pg URL [--json]
       plandesk hub key trust --pg URL --key 密钥文件.pdkey (--city | --district 区县)
       plandesk hub key list --pg URL [--json]
       plandesk hub key revoke --pg URL --fingerprint 指纹
密码文件：读取后去掉末尾的换行，至少 ${MIN_PASSWORD_LENGTH} 个字符。`;

class Usage extends Error {}

function need(values: Values, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v === '') throw new Usage(`缺少参数 --${key}`);
  return v;
}
const optional = (values: Values, key: string): string | undefined => {
  const v = values[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** The password in a file: its one line, without the line end (\n or \r\n). */
export function readPasswordFile(file: string): string {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new HubError('INVALID_INPUT', `密码文件“${file}”不是普通文件。`, 'hub.passwordFileNotFile', { file });
    if (st.size > 4096) throw new HubError('INVALID_INPUT', `密码文件“${file}”太大（最多 4 KB）。`, 'hub.passwordFileTooLarge', { file });
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof HubError) throw err;
    throw new HubError('INVALID_INPUT', `读不了密码文件“${file}”：${(err as NodeJS.ErrnoException).code ?? String(err)}`, 'hub.passwordFileUnreadable', { file });
  }
  return text.replace(/\r?\n$/, '');
}

async function withDb<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = openPool(url, { max: 2 });
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.end();
  }
}

function status(a: Account): string {
  if (a.disabledAt) return '已停用';
  if (a.lockedUntil && Date.parse(a.lockedUntil) > Date.now()) return `锁定至 ${a.lockedUntil}`;
  return '正常';
}

async function user(sub: string | undefined, values: Values, io: HubIo): Promise<number> {
  const url = need(values, 'pg');
  if (sub === 'add') {
    const name = need(values, 'name');
    const role = need(values, 'role');
    const password = readPasswordFile(need(values, 'password-file'));
    const a = await withDb(url, (db) => addAccount(db, { name, role, district: optional(values, 'district'), department: optional(values, 'department'), password }));
    io.out(`已添加账号“${a.name}”（${ROLE_NAMES[a.role]}${a.district ? `，${a.district}` : ''}${a.department ? `，${a.department}` : ''}）。\n`);
    return 0;
  }
  if (sub === 'disable') {
    const a = await withDb(url, (db) => disableAccount(db, need(values, 'name')));
    io.out(`已停用账号“${a.name}”，其会话已全部结束。\n`);
    return 0;
  }
  if (sub === 'list') {
    const list = await withDb(url, listAccounts);
    if (values.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
    else if (list.length === 0) io.out('还没有账号。\n');
    else for (const a of list) io.out(`${a.name}\t${ROLE_NAMES[a.role]}\t${a.district ?? '—'}\t${a.department ?? '—'}\t${status(a)}\n`);
    return 0;
  }
  throw new Usage(sub ? `未知的子命令：user ${sub}` : '缺少子命令：user add|disable|list');
}

/** Who changed a key from the command line, as the audit log and the key list say it. */
const cliBy = (what: string) => ({ name: `plandesk hub key ${what}（${os.userInfo().username}）` });
const keyLine = (k: HubKey) =>
  `${k.readable}\t${k.role === 'city' ? '市级' : k.district}\t${k.holder.name}${k.holder.department ? `（${k.holder.department}）` : ''}\t${k.addedBy} ${k.addedAt}\t${k.revokedAt ? `已撤销 ${k.revokedAt}` : '受信'}`;

function readKeyFileText(file: string): string {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new HubError('INVALID_INPUT', `密钥文件“${file}”不是普通文件。`, 'keys.badFile', { field: 'file', file });
    if (st.size > MAX_KEY_FILE_BYTES) throw new HubError('INVALID_INPUT', `密钥文件不能使用：文件过大（${st.size} 字节，密钥文件最多 ${MAX_KEY_FILE_BYTES} 字节）`, 'keys.badFile', { field: 'file', file });
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof HubError) throw err;
    throw new HubError('INVALID_INPUT', `读不了密钥文件“${file}”：${(err as NodeJS.ErrnoException).code ?? String(err)}`, 'keys.badFile', { field: 'file', file });
  }
}

async function key(sub: string | undefined, values: Values, io: HubIo): Promise<number> {
  const url = need(values, 'pg');
  if (sub === 'trust') {
    const file = need(values, 'key');
    const district = optional(values, 'district');
    if ((values.city === true) === (district !== undefined)) throw new Usage('要给出 --city 或 --district 区县（二者选一）');
    const text = readKeyFileText(file);
    const k = await withDb(url, (db) => trustKey(db, { keyFile: text, role: district ? 'district' : 'city', district }, cliBy('trust')));
    io.out(`已信任密钥 ${k.readable}（${k.holder.name}），用于${k.role === 'city' ? '市级' : `“${k.district}”`}的报送包。请与持有人电话核对这个指纹。\n`);
    return 0;
  }
  if (sub === 'list') {
    const list = await withDb(url, listKeys);
    if (values.json) io.out(`${JSON.stringify(list, null, 2)}\n`);
    else if (list.length === 0) io.out('城市枢纽还没有信任任何密钥。\n');
    else for (const k of list) io.out(`${keyLine(k)}\n`);
    return 0;
  }
  if (sub === 'revoke') {
    const k = await withDb(url, (db) => revokeKey(db, need(values, 'fingerprint'), cliBy('revoke')));
    io.out(`已撤销密钥 ${k.readable}（${k.role === 'city' ? '市级' : k.district}）；它签名的报送包不再被接受。\n`);
    return 0;
  }
  throw new Usage(sub ? `未知的子命令：key ${sub}` : '缺少子命令：key trust|list|revoke');
}

async function serve(values: Values, io: HubIo): Promise<number> {
  const pgUrl = need(values, 'pg');
  const portText = optional(values, 'port') ?? '7630';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Usage(`端口“${portText}”无效（0–65535）`);
  const cert = optional(values, 'tls-cert');
  const key = optional(values, 'tls-key');
  if ((cert === undefined) !== (key === undefined)) throw new Usage('--tls-cert 和 --tls-key 要一起给出');
  const pools: Partial<PoolSizes> = {};
  for (const [flag, field] of [['write-connections', 'writeConnections'], ['read-connections', 'readConnections'], ['read-queue', 'readQueue']] as const) {
    const text = optional(values, flag);
    if (text === undefined) continue;
    if (!/^\d{1,5}$/.test(text)) throw new Usage(`--${flag}“${text}”必须是整数`);
    pools[field] = Number(text);
  }
  const hub = await startHub({
    pools,
    pgUrl,
    port,
    host: optional(values, 'host') ?? '127.0.0.1',
    ...(cert && key ? { tls: { certFile: cert, keyFile: key } } : {}),
    trustProxy: values['trust-proxy'] === true,
    log: (line) => io.err(`${line}\n`),
  });
  io.out(`城市枢纽已启动：${hub.url}\n`);
  void hub.ready.then(() => io.out('数据库已就绪。\n'));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await hub.close();
  io.out('城市枢纽已停止。\n');
  return 0;
}

export const hubCommandSpec = {
  name: 'hub',
  summary: '城市枢纽（PostgreSQL）：启动服务，管理账号（user add|disable|list）和受信密钥（key trust|list|revoke）',
  usage: USAGE,
  allowPositionals: true,
  options: {
    pg: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'write-connections': { type: 'string' },
    'read-connections': { type: 'string' },
    'read-queue': { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    district: { type: 'string' },
    department: { type: 'string' },
    'password-file': { type: 'string' },
    json: { type: 'boolean' },
    key: { type: 'string' },
    city: { type: 'boolean' },
    fingerprint: { type: 'string' },
  },
  async run(values: Values, positionals: string[], io: HubIo): Promise<number> {
    try {
      const [what, sub, ...extra] = positionals;
      if (extra.length) throw new Usage(`多余的参数：${extra.join(' ')}`);
      if (what === undefined) return await serve(values, io);
      if (what === 'user') return await user(sub, values, io);
      if (what === 'key') return await key(sub, values, io);
      throw new Usage(`未知的子命令：${what}`);
    } catch (err) {
      if (err instanceof Usage) {
        io.err(`plandesk hub: ${err.message}\n用法：${USAGE}\n`);
        return 2;
      }
      if (err instanceof HubError) {
        io.err(`错误：${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
} as const;
