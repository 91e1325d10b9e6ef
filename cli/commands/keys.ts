/**
 * `plandesk keys show|export|trust|list|revoke`: the user's signing key (kept in the user's data folder,
 * PLANDESK_HOME overrides it) and the keys a plan file trusts (issue 15).
 *
 *   plandesk keys show [--db FILE] [--json]
 *   plandesk keys export --out FILE [--db FILE] [--json]
 *   plandesk keys trust --db FILE KEYFILE --district NAME|--city [--plan ID|文号] [--json]
 *   plandesk keys list --db FILE [--all] [--json]
 *   plandesk keys revoke --db FILE FINGERPRINT|CODE [--plan ID|文号] [--json]
 *
 * `trust` prints the key's readable code and asks nothing: the planner compares it with what the sender
 * read out before running it (or revokes afterwards). Trusting and revoking are one undo step of the plan
 * given (default: the file's first plan, none in a file without plans).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { defaultPlanFile, openForRead, openForWrite } from '../open.ts';
import { call, refused } from '../client.ts';
import { MAX_KEY_FILE_BYTES, type TrustedKeyEntry } from '../../contract/ops/keys.ts';

type PlanStore = ReturnType<typeof openForRead>;

function holderText(h: { name: string; department: string | null; district: string | null }): string {
  const where = [h.department, h.district].filter(Boolean).join(' · ');
  return where ? `${h.name}（${where}）` : h.name;
}

function roleText(k: TrustedKeyEntry): string {
  return k.role === 'city' ? '市级' : `区县：${k.districtName ?? k.districtId ?? ''}`;
}

/** The key file's text, read with its size capped (a hostile "key file" of gigabytes is refused unread). */
function readKeyFileText(file: string): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw refused('FILE_NOT_FOUND', `无法打开密钥文件“${file}”：${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    if (!fs.fstatSync(fd).isFile()) throw refused('INVALID_INPUT', `“${file}”不是文件`);
    const buf = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    if (n > MAX_KEY_FILE_BYTES) throw refused('INVALID_INPUT', `密钥文件不能使用：“${file}”过大（密钥文件最多 ${MAX_KEY_FILE_BYTES} 字节）`);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `text` as `file`: a temporary name beside it, then one rename. */
function writeFileAtomically(file: string, text: string): void {
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.partial-${process.pid}`);
  try {
    fs.writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw refused('FORBIDDEN', `无法写入“${file}”：${err instanceof Error ? err.message : String(err)}`);
  }
}

function undoPlan(store: PlanStore, ref: string | boolean | undefined): { id: string; title: string } | null {
  if (typeof ref === 'string') return call(store, 'plans.resolve', { ref });
  return call(store, 'plans.list', {})[0] ?? null;
}

function withFile<T>(file: string, write: boolean, run: (store: PlanStore) => T): T {
  const store = write ? openForWrite(file) : openForRead(file);
  try {
    return run(store);
  } finally {
    store.close();
  }
}

/** The plan file keys show/export read the identity's lists from (they write nothing into it). */
function readFile(values: Record<string, string | boolean | undefined>): string {
  const file = typeof values.db === 'string' ? values.db : defaultPlanFile();
  if (!fs.existsSync(file)) throw refused('FILE_NOT_FOUND', `找不到规划文件“${file}”，请用 --db 指定规划文件。`);
  return file;
}

export const keysCommand: Command = {
  name: 'keys',
  summary: '签名密钥：show 本机公钥与核对码；export 导出公钥文件；trust 信任对方的公钥文件（区县或市级）；list 列出信任的密钥；revoke 撤销。',
  usage: [
    'plandesk keys show [--db FILE] [--json]',
    '      plandesk keys export --out FILE [--db FILE] [--json]',
    '      plandesk keys trust --db FILE KEYFILE --district NAME|--city [--plan ID|文号] [--json]',
    '      plandesk keys list --db FILE [--all] [--json]',
    '      plandesk keys revoke --db FILE FINGERPRINT|核对码 [--plan ID|文号] [--json]',
  ].join('\n'),
  options: {
    db: { type: 'string' },
    out: { type: 'string' },
    district: { type: 'string' },
    city: { type: 'boolean' },
    plan: { type: 'string' },
    all: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  run(values, positionals, io) {
    const [action, ...rest] = positionals;
    const json = (v: unknown) => io.out(`${JSON.stringify(v, null, 2)}\n`);
    switch (action) {
      case 'show': {
        if (rest.length) throw new UsageError(`多余的参数：${rest.join(' ')}`);
        const key = withFile(readFile(values), false, (s) => call(s, 'keys.show', {}));
        if (values.json) json(key);
        else io.out(`核对码：${key.readable}\n指纹（SM3）：${key.fingerprint}\n公钥：${key.publicKey}\n持有人：${holderText(key.holder)}\n保存在：${key.folder}\n`);
        return 0;
      }
      case 'export': {
        const out = requireString(values, 'out');
        if (rest.length) throw new UsageError(`多余的参数：${rest.join(' ')}`);
        const key = withFile(readFile(values), false, (s) => call(s, 'keys.export', {}));
        writeFileAtomically(out, key.text);
        if (values.json) json({ file: out, fingerprint: key.fingerprint, readable: key.readable });
        else io.out(`已导出公钥文件：${out}\n核对码：${key.readable}\n请把文件交给对方，并在电话里把核对码读给对方核对。\n`);
        return 0;
      }
      case 'trust': {
        const db = requireString(values, 'db');
        const [keyFile, ...extra] = rest;
        if (!keyFile || extra.length) throw new UsageError('请给出一个密钥文件：plandesk keys trust --db FILE KEYFILE --district NAME|--city');
        const district = typeof values.district === 'string' ? values.district : null;
        if (!district === !values.city) throw new UsageError('请指定 --district 区县 或 --city（二选一）');
        const text = readKeyFileText(keyFile);
        const r = withFile(db, true, (s) => {
          const plan = undoPlan(s, values.plan);
          return call(s, 'keys.trust', { ...(plan ? { planId: plan.id } : {}), text, role: district ? 'district' : 'city', district });
        });
        if (values.json) json({ key: r.key, alreadyTrusted: r.alreadyTrusted });
        else
          io.out(
            `${r.alreadyTrusted ? '已经信任过这个密钥' : '已信任'}：${holderText(r.key)}，作为${roleText(r.key)}的密钥\n核对码：${r.key.readable}\n请确认它与对方读出的核对码一致；不一致时请立即撤销：plandesk keys revoke --db ${db} ${r.key.readable}\n`,
          );
        return 0;
      }
      case 'list': {
        const db = requireString(values, 'db');
        const { keys } = withFile(db, false, (s) => call(s, 'keys.list', { includeRevoked: values.all === true }));
        if (values.json) json(keys);
        else if (!keys.length) io.out('这个规划文件还没有信任任何密钥。\n');
        else for (const k of keys) io.out(`${k.readable}  ${roleText(k)}  ${holderText(k)}  信任于 ${k.trustedAt}（${k.trustedBy}）${k.revokedAt ? `  已撤销于 ${k.revokedAt}` : ''}\n`);
        return 0;
      }
      case 'revoke': {
        const db = requireString(values, 'db');
        const [ref, ...extra] = rest;
        if (!ref || extra.length) throw new UsageError('请给出要撤销的密钥：指纹或核对码');
        const r = withFile(db, true, (s) => {
          // a code as read out: any case, spaces or dashes anywhere
          const code = ref.toUpperCase().replace(/[\s-]/g, '');
          const match = call(s, 'keys.list', {}).keys.find((k) => k.fingerprint === ref.toLowerCase() || k.readable.replace(/-/g, '') === code);
          if (!match) throw refused('NOT_FOUND', `这个规划文件没有信任核对码或指纹为“${ref}”的密钥`);
          const plan = undoPlan(s, values.plan);
          return call(s, 'keys.revoke', { ...(plan ? { planId: plan.id } : {}), fingerprint: match.fingerprint });
        });
        if (values.json) json(r.key);
        else io.out(`已撤销：${holderText(r.key)}（${roleText(r.key)}，核对码 ${r.key.readable}）。用它签名的报送包从此不再接受。\n`);
        return 0;
      }
      default:
        throw new UsageError(action ? `未知的子命令：${action}` : '缺少子命令 show、export、trust、list 或 revoke');
    }
  },
};
