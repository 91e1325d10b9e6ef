/**
 * `plandesk sync --db FILE --hub URL --user NAME --password-file F [--plan P]`: the desktop and the city
 * hub exchange the same 报送包 as files carry (issue 16), through the core's exchange (packages.*):
 *  1. log in (a session cookie and its CSRF token, hub/server/);
 *  2. push: first whatever an earlier sync exported and could not hand over (the outbox beside the file,
 *     `<FILE>.outbox/`), then, when the plan has changed since its last package, a new package
 *     (packages.export, the same one `plandesk package export` makes) — a district account's to the city,
 *     an officer's to each district that has reported (the first, whole-plan package to a district is
 *     not sent by sync) —, written into the outbox and removed from it once the hub has it. Nothing
 *     changed: nothing exported;
 *  3. pull — the packages the hub holds for this side (a district: its district's; an officer: the
 *     city's), each checked (its bytes against their SHA-256, its manifest against the envelope the hub
 *     routed it by) and previewed by the core; applied when it has no conflict, left pending with its
 *     conflicts for the workbench's 报送包 screen (or `plandesk package import … --take`) otherwise.
 * Each package is imported all-or-nothing by the core; one already applied is answered "already" and
 * changes nothing, so a repeated sync is a no-op and an interrupted one is finished by the next.
 * The hub is spoken to over node:http(s) (the CLI imports no hub/ code: tests/cli/imports.test.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { Command, Io } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { call, refused, Refused, type Caller } from '../client.ts';
import { openForWrite } from '../open.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Envelope {
  packageId: string;
  planId: string;
  sender: { role: 'city' | 'district'; name: string; district: string | null };
  recipient: { kind: 'city' } | { kind: 'district'; name: string };
  seq: number;
  full: boolean;
  base: null;
}

interface Listed {
  id: string;
  packageId: string;
  planId: string;
  senderRole: 'city' | 'district';
  sender: string;
  seq: number;
  sha256: string;
  envelope: Envelope;
}

/** The hub, as this sync speaks to it: one session. */
class Hub {
  private cookie = '';
  private csrf = '';
  constructor(private readonly base: URL) {}

  request(method: string, pathname: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Answer> {
    const url = new URL(pathname, this.base);
    const lib = url.protocol === 'https:' ? https : http;
    const all: Record<string, string> = {
      ...(this.cookie ? { cookie: `plandesk_hub_session=${this.cookie}` } : {}),
      ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      ...(body ? { 'content-length': String(body.length) } : {}),
      ...headers,
    };
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method, headers: all }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', (err) => reject(refused('UNAVAILABLE', `连不上城市枢纽 ${this.base.origin}：${(err as NodeJS.ErrnoException).code ?? err.message}（本地文件未改动）`)));
      req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
      req.end(body);
    });
  }

  /** The answer's JSON, or the hub's refusal (its Chinese message) as a Refused. */
  static json(a: Answer): Record<string, unknown> {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(a.body.toString('utf8'));
    } catch {
      /* not JSON: said below */
    }
    const obj = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    if (a.status !== 200) {
      const e = obj.error as { code?: string; message?: string } | undefined;
      throw refused(e?.code ?? 'INTERNAL', `城市枢纽拒绝了请求：${e?.message ?? `HTTP ${a.status}`}`);
    }
    return obj;
  }

  async login(name: string, password: string): Promise<{ role: string; district: string | null }> {
    const a = await this.request('POST', '/api/session/login', Buffer.from(JSON.stringify({ name, password })), { 'content-type': 'application/json' });
    const body = Hub.json(a);
    const set = a.headers['set-cookie'];
    this.cookie = /plandesk_hub_session=([^;]*)/.exec((Array.isArray(set) ? set : [set ?? '']).join(';'))?.[1] ?? '';
    this.csrf = String(body.csrfToken ?? '');
    const account = body.account as { role: string; district: string | null };
    return account;
  }
}

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

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Outboxed {
  file: string;
  envelopeFile: string;
  envelope: Envelope;
}

function outboxOf(db: string): string {
  return `${path.resolve(db)}.outbox`;
}

function readOutbox(dir: string, io: Io): Outboxed[] {
  if (!fs.existsSync(dir)) return [];
  const out: Outboxed[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.pdpkg')).sort()) {
    const file = path.join(dir, name);
    const envelopeFile = `${file}.json`;
    try {
      out.push({ file, envelopeFile, envelope: JSON.parse(fs.readFileSync(envelopeFile, 'utf8')) as Envelope });
    } catch {
      io.err(`注意：待推送的报送包 ${file} 缺少信封（${path.basename(envelopeFile)}），跳过；可用 plandesk package import 在市里手工导入此文件\n`);
    }
  }
  return out.sort((a, b) => a.envelope.seq - b.envelope.seq);
}

async function pushOne(hub: Hub, o: Outboxed): Promise<boolean> {
  const bytes = fs.readFileSync(o.file);
  const a = await hub.request('POST', '/api/packages', bytes, {
    'content-type': 'application/octet-stream',
    'x-plandesk-package': Buffer.from(JSON.stringify(o.envelope), 'utf8').toString('base64url'),
    'x-content-sha256': sha256(bytes),
  });
  const r = Hub.json(a);
  // on the hub now (stored, or stored by an earlier try whose answer was lost): out of the outbox
  fs.rmSync(o.file, { force: true });
  fs.rmSync(o.envelopeFile, { force: true });
  return r.stored === true;
}

/** Where this side sends: a district to the city; the city (an officer) to each district it has exchanged packages with. */
function recipientsOf(store: Caller, role: string, planId: string): { to: string; recipient: Envelope['recipient'] }[] {
  if (role === 'district') return [{ to: 'city', recipient: { kind: 'city' } }];
  // the first package to a district (the whole plan) is not sent by sync: plandesk package export --to 区县
  return call(store, 'packages.status', { planId })
    .counterparts.filter((c) => c.counterpart !== 'city' && c.lastIn !== null)
    .map((c) => ({ to: c.name, recipient: { kind: 'district', name: c.name } }));
}

async function push(store: Caller, hub: Hub, file: string, role: string, planIds: string[], explicit: boolean, io: Io): Promise<number> {
  const dir = outboxOf(file);
  let pushed = 0;
  for (const o of readOutbox(dir, io)) {
    const stored = await pushOne(hub, o);
    io.out(`已推送之前未送达的报送包：第 ${o.envelope.seq} 号${stored ? '' : '（城市枢纽上已有）'}\n`);
    pushed++;
  }
  const who = call(store, 'identity.get', {}).author;
  for (const planId of planIds) {
    for (const { to, recipient } of recipientsOf(store, role, planId)) {
      let trial;
      try {
        trial = call(store, 'packagefiles.plan', { planId, to });
      } catch (err) {
        if (!(err instanceof Refused)) throw err;
        if (explicit) io.out(`规划 ${planId}：${err.message}，不推送\n`);
        continue;
      }
      if (trial.changeCount === 0) continue;
      fs.mkdirSync(dir, { recursive: true });
      const out = path.join(dir, `${planId.replace(/[^A-Za-z0-9_-]/g, '_')}-${to === 'city' ? 'city' : createHash('sha256').update(to).digest('hex').slice(0, 12)}-${trial.seq}.pdpkg`);
      const r = call(store, 'packages.export', { planId, to, out });
      const envelope: Envelope = {
        packageId: r.packageId,
        planId,
        sender: role === 'district' ? { role: 'district', name: who.name, district: who.district } : { role: 'city', name: who.name, district: null },
        recipient,
        seq: r.seq,
        full: r.full,
        base: null,
      };
      fs.writeFileSync(`${out}.json`, JSON.stringify(envelope));
      const stored = await pushOne(hub, { file: out, envelopeFile: `${out}.json`, envelope });
      io.out(`已推送报送包：规划 ${planId} 发往${r.recipient === '市' ? '市里' : r.recipient}，第 ${r.seq} 号，${r.changeCount} 处修改${stored ? '' : '（城市枢纽上已有）'}；已保存版本“${r.versionName}”\n`);
      pushed++;
    }
  }
  return pushed;
}

interface PullCounts {
  applied: number;
  already: number;
  pending: number;
  refused: number;
}

async function pull(store: Caller, hub: Hub, role: string, planFilter: string | null, io: Io): Promise<PullCounts> {
  const counts: PullCounts = { applied: 0, already: 0, pending: 0, refused: 0 };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-sync-'));
  try {
    for (let after = '0'; ; ) {
      const q = new URLSearchParams({ after, ...(planFilter ? { plan: planFilter } : {}), ...(role === 'officer' ? { to: 'city' } : {}) });
      const list = Hub.json(await hub.request('GET', `/api/packages?${q.toString()}`));
      const packages = list.packages as Listed[];
      for (const p of packages) {
        const where = `${p.senderRole === 'city' ? '市里' : p.sender}的第 ${p.seq} 号报送包（枢纽编号 ${p.id}）`;
        const a = await hub.request('GET', `/api/packages/${p.id}`);
        if (a.status !== 200) Hub.json(a);
        if (sha256(a.body) !== p.sha256) {
          io.err(`错误：${where}下载后内容与其 SHA-256 不符，未导入\n`);
          counts.refused++;
          continue;
        }
        const file = path.join(tmp, `${p.id}.pdpkg`);
        fs.writeFileSync(file, a.body);
        try {
          const pre = call(store, 'packages.preview', { file, keep: true });
          if (pre.status === 'already') {
            counts.already++;
            continue;
          }
          const e = p.envelope;
          if (pre.packageId !== e.packageId || pre.planId !== e.planId || pre.seq !== e.seq || pre.sender.role !== e.sender.role || (e.sender.role === 'district' && pre.sender.district !== e.sender.district)) {
            call(store, 'packages.discard', { packageId: pre.packageId });
            io.err(`错误：${where}的内容与城市枢纽登记的信封不符（报送方、规划或序号不同），未导入\n`);
            counts.refused++;
            continue;
          }
          if (pre.status === 'conflicts') {
            io.out(`${where}：有 ${pre.counts.unresolved} 处冲突，已留待解决（工作台“报送包”页，或 plandesk package import --db … 文件 --take mine|theirs）\n`);
            counts.pending++;
            continue;
          }
          const applied = call(store, 'packages.apply', { packageId: pre.packageId });
          io.out(`已合并${where}：写入 ${applied.applied} 处，保存版本“${applied.versionName}”（可撤销）\n`);
          counts.applied++;
        } catch (err) {
          if (!(err instanceof Refused)) throw err;
          io.err(`错误：${where}未导入：${err.message}\n`);
          counts.refused++;
        } finally {
          fs.rmSync(file, { force: true });
        }
      }
      if (list.more !== true) break;
      after = String(list.last);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return counts;
}

export const syncCommand: Command = {
  name: 'sync',
  summary: '与城市枢纽同步报送包：推送本文件的报送，收取并合并发给本方的报送包。',
  usage: 'plandesk sync --db FILE --hub URL --user 账号 --password-file 文件 [--plan ID|文号]',
  options: { db: { type: 'string' }, hub: { type: 'string' }, user: { type: 'string' }, 'password-file': { type: 'string' }, plan: { type: 'string' } },
  async run(values, _positionals, io) {
    const file = requireString(values, 'db');
    let base: URL;
    try {
      base = new URL(requireString(values, 'hub'));
      if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('scheme');
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--hub 应为城市枢纽的网址（http:// 或 https://）`);
    }
    const user = requireString(values, 'user');
    const password = readPassword(requireString(values, 'password-file'));
    const store = openForWrite(file);
    try {
      const hub = new Hub(base);
      const account = await hub.login(user, password);
      if (account.role !== 'district' && account.role !== 'officer') throw refused('FORBIDDEN', `账号“${user}”的角色不能同步报送包（只有区县规划人员和市级部门可以）`);
      const planRef = typeof values.plan === 'string' && values.plan !== '' ? values.plan : null;
      const plan = planRef ? call(store, 'plans.resolve', { ref: planRef }) : null;
      const planIds = plan ? [plan.id] : call(store, 'plans.list', {}).map((p) => p.id);
      const pushed = await push(store, hub, file, account.role, planIds, plan !== null, io);
      const c = await pull(store, hub, account.role, plan?.id ?? null, io);
      io.out(`同步完成：推送 ${pushed} 个，合并 ${c.applied} 个，已合并过 ${c.already} 个，待解决冲突 ${c.pending} 个${c.refused ? `，未导入 ${c.refused} 个` : ''}\n`);
      return c.refused > 0 ? 1 : 0;
    } finally {
      store.close();
    }
  },
};
