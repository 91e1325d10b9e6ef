/**
 * One sync of a plan file with the city hub (sync.run's job; `plandesk sync`). The work is the exchange
 * core's, called directly (db/exchange: export, preview, apply — each its own one transaction); this file
 * only decides what to send and to whom, and moves the bytes:
 *  1. log in (hub-client.ts: the session cookie and CSRF token);
 *  2. push: first what an earlier sync exported and could not hand over (outbox.ts), then, per plan that
 *     changed since its last package, a new one — a district account's to the city; an officer's to each
 *     district of the plan it has exchanged packages with, and, asked with `sendWhole`, to each district
 *     of the plan whose key this file trusts and that has had nothing yet: its first, whole-plan package
 *     through the hub —, written into the outbox first and removed from it once the hub has it;
 *  3. pull: the packages the hub holds for this side, each checked (its bytes against their SHA-256, its
 *     manifest against the envelope the hub routed it by), previewed, applied when it has no conflict
 *     (one undoable step), left pending for the 报送包 screen otherwise. A whole-plan package for a plan
 *     this file does not have yet creates it, as 导入报送包 does from the plan list.
 * Nothing is written locally before the login succeeds. Each package is imported all-or-nothing, so a
 * sync cut off anywhere leaves the file as a consistent state, and the next sync finishes the work: an
 * exported package waits in the outbox, a package not yet pulled is pulled again, one already applied is
 * recognised ("already") and skipped.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import { toApiError } from '../api-error.ts';
import { currentAuthor } from '../identity/author.ts';
import { listPlans } from '../plans/read.ts';
import { packageInWorker, pullInWorker } from '../packagefiles/export-job.ts';
import { importPulled } from './pull-local.ts';
import { planPackageFile } from '../packagefiles/files.ts';
import { exportPackage } from '../exchange/export.ts';
import { packageStatus } from '../packages/handlers.ts';
import { everythingChanged } from '../audit/changes.ts';
import type { Progress } from '../jobs/jobs.ts';
import type { SyncLogLine, SyncResult } from '../../contract/ops/sync.ts';
import type { Changes } from '../../contract/changes.ts';
import { HubSession } from './hub-client.ts';
import { clearOutboxed, outboxFile, outboxOf, readOutbox, writeEnvelope, type Envelope, type Outboxed } from './outbox.ts';
import { pendingConflicts } from './status.ts';

export interface SyncInput {
  hub: URL;
  user: string;
  password: string;
  planId?: string | undefined;
  /** an officer: also send the whole plan to each district of it whose key this file trusts and that has had no package yet */
  sendWhole?: boolean | undefined;
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

/** from how many tasks a plan's package is exported in the worker */
const WORKER_TASKS = 1000;
/** from how many bytes a pulled package is previewed and merged in the worker (a 1,000-change report is ~150 KB) */
const PULL_WORKER_BYTES = 64 * 1024;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** a write of the sync while another job holds the file (a restore, a package export): refused, the file as it was */
function notBusy(ctx: StoreContext): void {
  if (ctx.busyWith) throw new PlanDeskError('BUSY', ctx.busyWith, [], { reason: ctx.busyReason ?? 'busy.restore' });
}

/** the refusal a log line reports, with its reason and params for the workbench's language */
const refusalOf = (err: PlanDeskError): SyncLogLine['error'] => {
  const e = toApiError(err);
  return { code: e.code, message: e.message.slice(0, 2000), ...(e.reason ? { reason: e.reason } : {}), ...(e.params ? { params: e.params } : {}) };
};

class Run {
  readonly result: SyncResult;
  changed = false;
  constructor(
    private readonly ctx: StoreContext,
    private readonly hub: HubSession,
    private readonly role: 'district' | 'officer',
    input: SyncInput,
    private readonly progress: Progress,
    log: SyncResult['log'],
  ) {
    this.result = { hub: input.hub.href, user: input.user, role, pushed: 0, applied: 0, already: 0, pending: 0, refused: 0, newPlans: [], conflicts: [], log, at: ctx.now() };
  }
  private steps = 0;
  private step() {
    this.steps++;
    this.progress(this.steps, this.steps + 1);
  }
  info(code: string, params: SyncLogLine['params'], text: string, error?: SyncLogLine['error']) {
    this.result.log.push({ level: 'info', text, code, params, ...(error ? { error } : {}) });
  }
  error(code: string, params: SyncLogLine['params'], text: string, error?: SyncLogLine['error']) {
    this.result.log.push({ level: 'error', text, code, params, ...(error ? { error } : {}) });
  }

  private async pushOne(o: Outboxed): Promise<boolean> {
    const bytes = fs.readFileSync(o.file);
    const r = this.hub.json(
      await this.hub.request('POST', '/api/packages', bytes, {
        'content-type': 'application/octet-stream',
        'x-plandesk-package': Buffer.from(JSON.stringify(o.envelope), 'utf8').toString('base64url'),
        'x-content-sha256': sha256(bytes),
      }),
    );
    // on the hub now (stored, or stored by an earlier try whose answer was lost): out of the outbox
    clearOutboxed(o);
    this.step();
    return r.stored === true;
  }

  /** where this side sends a plan's changes (see the file's header) */
  private recipients(planId: string, sendWhole: boolean): { to: string; recipient: Envelope['recipient'] }[] {
    if (this.role === 'district') return [{ to: 'city', recipient: { kind: 'city' } }];
    const trusted = new Set(!sendWhole ? [] :
      this.ctx.db.prepare<[], { district_id: string }>("SELECT district_id FROM trusted_keys WHERE role = 'district' AND revoked_at IS NULL AND district_id IS NOT NULL").all().map((r) => r.district_id),
    );
    return packageStatus(this.ctx, planId)
      .counterparts.filter((c) => c.counterpart !== 'city' && (c.lastIn !== null || c.lastOut !== null || trusted.has(c.counterpart)))
      .map((c) => ({ to: c.name, recipient: { kind: 'district', name: c.name } }));
  }

  async push(planIds: string[], explicit: boolean, sendWhole: boolean): Promise<void> {
    const { waiting, skipped } = readOutbox(this.ctx.file);
    for (const file of skipped) this.error('outboxNoEnvelope', { file, envelope: `${path.basename(file)}.json` }, `注意：待推送的报送包 ${file} 缺少信封（${path.basename(file)}.json），跳过；可用 plandesk package import 在市里手工导入此文件`);
    for (const o of waiting) {
      const stored = await this.pushOne(o);
      this.info('pushedWaiting', { seq: o.envelope.seq, already: stored ? 0 : 1 }, `已推送之前未送达的报送包：第 ${o.envelope.seq} 号${stored ? '' : '（城市枢纽上已有）'}`);
      this.result.pushed++;
    }
    const who = currentAuthor(this.ctx);
    for (const planId of planIds) {
      // a large plan's package is made in the package export's worker (db/packagefiles/export-job.ts), so the host
      // answers meanwhile; a small one here (a worker costs more to start than its export: ~0.5 s of CPU from source)
      const big = (this.ctx.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM tasks WHERE plan_id = ?').get(planId)?.n ?? 0) >= WORKER_TASKS;
      for (const { to, recipient } of this.recipients(planId, sendWhole)) {
        notBusy(this.ctx);
        // (files.ts's answer is inferred as never: its variable is set inside a closure)
        let trial: { seq: number; full: boolean; changeCount: number };
        try {
          // in the package export's worker (db/packagefiles/export-job.ts): a large plan's package does not hold the host's thread
          trial = big ? await packageInWorker(this.ctx, { planId, to }, true) : planPackageFile(this.ctx, { planId, to });
        } catch (err) {
          if (!(err instanceof PlanDeskError)) throw err;
          if (explicit) this.info('planNotPushed', { plan: planId }, `规划 ${planId}：${err.message}，不推送`, refusalOf(err));
          continue;
        }
        if (trial.changeCount === 0) continue;
        fs.mkdirSync(outboxOf(this.ctx.file), { recursive: true });
        const out = outboxFile(this.ctx.file, planId, to, trial.seq);
        notBusy(this.ctx);
        let r: ReturnType<typeof exportPackage>;
        if (big) {
          const exported = await packageInWorker(this.ctx, { planId, to }, false);
          if (!('dataBase64' in exported)) throw new PlanDeskError('INTERNAL', '导出报送包的后台线程没有交回报送包', []);
          r = { ...exported, file: out };
          // the package is logged as sent in the file now: into the outbox at once (the next sync hands it over)
          fs.writeFileSync(out, Buffer.from(exported.dataBase64, 'base64'));
        } else r = exportPackage(this.ctx, { planId, to, out });
        const envelope: Envelope = {
          packageId: r.packageId,
          planId,
          sender: this.role === 'district' ? { role: 'district', name: who.name, district: who.district } : { role: 'city', name: who.name, district: null },
          recipient,
          seq: r.seq,
          full: r.full,
          base: null,
        };
        writeEnvelope(out, envelope);
        const stored = await this.pushOne({ file: out, envelopeFile: `${out}.json`, envelope });
        this.info('pushed', { plan: planId, to: r.recipient === '市' ? '' : r.recipient, seq: r.seq, full: r.full ? 1 : 0, changes: r.changeCount, already: stored ? 0 : 1, version: r.versionName }, `已推送报送包：规划 ${planId} 发往${r.recipient === '市' ? '市里' : r.recipient}，第 ${r.seq} 号，${r.full ? '整个规划' : `${r.changeCount} 处修改`}${stored ? '' : '（城市枢纽上已有）'}；已保存版本“${r.versionName}”`);
        this.result.pushed++;
      }
    }
  }

  async pull(planFilter: string | null): Promise<void> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-sync-'));
    try {
      for (let after = '0'; ; ) {
        const q = new URLSearchParams({ after, ...(planFilter ? { plan: planFilter } : {}), ...(this.role === 'officer' ? { to: 'city' } : {}) });
        const list = this.hub.json(await this.hub.request('GET', `/api/packages?${q.toString()}`));
        const packages = Array.isArray(list.packages) ? (list.packages satisfies unknown[] as Listed[]) : [];
        for (const p of packages) await this.pullOne(p, tmp);
        if (list.more !== true) break;
        after = String(list.last);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  private async pullOne(p: Listed, tmp: string): Promise<void> {
    const at = { from: p.senderRole === 'city' ? '' : p.sender, seq: p.seq, hubId: p.id };
    const where = `${p.senderRole === 'city' ? '市里' : p.sender}的第 ${p.seq} 号报送包（枢纽编号 ${p.id}）`;
    const a = await this.hub.request('GET', `/api/packages/${encodeURIComponent(p.id)}`);
    if (a.status !== 200) this.hub.json(a);
    this.step();
    if (sha256(a.body) !== p.sha256) {
      this.error('shaMismatch', at, `错误：${where}下载后内容与其 SHA-256 不符，未导入`);
      this.result.refused++;
      return;
    }
    const file = path.join(tmp, `${p.id.replace(/[^0-9A-Za-z]/g, '_')}.pdpkg`);
    fs.writeFileSync(file, a.body);
    try {
      notBusy(this.ctx);
      // a large package is previewed and merged in the package worker (export-job.ts pullInWorker), so the host
      // answers meanwhile; a small one here (a worker costs more to start than its merge)
      const input = { file, envelope: p.envelope };
      const out = a.body.length >= PULL_WORKER_BYTES ? await pullInWorker(this.ctx, input) : importPulled(this.ctx, input);
      if (out.kind === 'already') {
        this.result.already++;
        return;
      }
      if (out.kind === 'envelopeMismatch') {
        this.error('envelopeMismatch', at, `错误：${where}的内容与城市枢纽登记的信封不符（报送方、规划或序号不同），未导入`);
        this.result.refused++;
        return;
      }
      if (out.kind === 'conflicts') {
        this.info('conflictsLeft', { ...at, n: out.unresolved }, `${where}：有 ${out.unresolved} 处冲突，已留待解决（工作台“报送包”页，或 plandesk package import --db … 文件 --take mine|theirs）`);
        this.result.pending++;
        return;
      }
      this.changed = true;
      if (out.newPlan) {
        this.result.newPlans.push(out.newPlan);
        this.info('newPlan', { ...at, title: out.newPlan.planTitle, version: out.versionName }, `已收到${where}：新建规划“${out.newPlan.planTitle}”，保存版本“${out.versionName}”`);
      } else this.info('merged', { ...at, n: out.applied, version: out.versionName }, `已合并${where}：写入 ${out.applied} 处，保存版本“${out.versionName}”（可撤销）`);
      this.result.applied++;
    } catch (err) {
      if (!(err instanceof PlanDeskError) || err.code === 'BUSY') throw err;
      this.error('notImported', at, `错误：${where}未导入：${err.message}`, refusalOf(err));
      this.result.refused++;
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
}

export interface SyncDone {
  result: SyncResult;
  /** what the views fetch again: everything, when a package was merged or a plan arrived */
  changes: Changes | null;
}

/** `log` receives the sync's lines as they happen (sync.status shows them; a failed sync's lines stay there) */
export async function runSync(ctx: StoreContext, input: SyncInput, progress: Progress, log: SyncResult['log'] = []): Promise<SyncDone> {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能同步。', [], { reason: 'readOnly' });
  if (ctx.file === ':memory:' || ctx.file === '') throw new PlanDeskError('INVALID_INPUT', '内存中的规划不能同步（没有放待推送报送包的文件夹）', [], { reason: 'sync.noFile' });
  notBusy(ctx);
  const hub = new HubSession(input.hub);
  const account = await hub.login(input.user, input.password);
  if (account.role !== 'district' && account.role !== 'officer')
    throw new PlanDeskError('FORBIDDEN', `账号“${input.user}”的角色不能同步报送包（只有区县规划人员和市级部门可以）`, [{ field: 'user', message: '角色不能同步' }], { reason: 'sync.roleCannotSync', params: { user: input.user } });
  const run = new Run(ctx, hub, account.role, input, progress, log);
  const planIds = input.planId ? [input.planId] : listPlans(ctx).map((p) => p.id);
  await run.push(planIds, input.planId !== undefined, input.sendWhole === true);
  await run.pull(input.planId ?? null);
  run.result.conflicts = pendingConflicts(ctx);
  return { result: run.result, changes: run.changed ? everythingChanged() : null };
}
