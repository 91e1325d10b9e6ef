import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { openForRead, openForWrite } from '../open.ts';
import { call, finishJob, refused } from '../client.ts';
import type { Caller } from '../client.ts';
import type { PlanHeader } from '../../contract/entities.ts';

const SUBCOMMANDS = ['list', 'create', 'copy', 'archive', 'unarchive', 'delete', 'undelete'] as const;
type Sub = (typeof SUBCOMMANDS)[number];
/** 江津区,铜梁区 / 江津区、铜梁区 → the names (the CLI is a client of the contract: no domain/ import). */
const listArg = (raw: string): string[] => raw.split(/[、,，;；]+/).map((x) => x.trim()).filter(Boolean);
const isSub = (s: string): s is Sub => (SUBCOMMANDS as readonly string[]).includes(s);

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string): string | undefined => (typeof v[k] === 'string' ? v[k] : undefined);

function year(v: Values, k: string, fallback?: number): number {
  const s = str(v, k);
  if (s === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`缺少参数 --${k}`);
  }
  if (!/^\d{4}$/.test(s)) throw new UsageError(`--${k} 应为四位年份，而不是“${s}”`);
  return Number(s);
}

/** District names (or ids) of --districts → ids of the common list; an unknown name is refused by name. */
function districtIds(store: Caller, v: Values): string[] {
  const names = listArg(str(v, 'districts') ?? '');
  if (names.length === 0) return [];
  const list = call(store, 'districts.list', {});
  const unknown = names.filter((n) => !list.some((d) => d.name === n || d.id === n));
  if (unknown.length) throw refused('INVALID_INPUT', `区县列表中没有：${unknown.join('、')}`);
  return names.map((n) => list.find((d) => d.name === n || d.id === n)?.id ?? n);
}

function headerOf(v: Values, base: PlanHeader | null) {
  return {
    title: str(v, 'title') ?? requireString(v, 'title'),
    docNumber: str(v, 'doc-number') ?? '',
    issuer: str(v, 'issuer') ?? base?.issuer ?? requireString(v, 'issuer'),
    issueDate: str(v, 'issue-date') ?? null,
    periodStart: year(v, 'start'),
    periodEnd: year(v, 'end'),
    source: str(v, 'source') ?? null,
  };
}

function print(io: { out: (t: string) => void }, v: Values, value: unknown, text: string): void {
  io.out(v.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

function list(store: Caller, v: Values, io: { out: (t: string) => void }): number {
  const plans = call(store, 'plans.list', { includeArchived: v.archived === true });
  if (v.json) {
    io.out(`${JSON.stringify(plans, null, 2)}\n`);
    return 0;
  }
  if (plans.length === 0) io.out('规划文件中还没有规划。用 plandesk plans create 新建一个。\n');
  for (const p of plans) {
    // only the parts the plan has: 26号, split by 片区 only, is not “区县 0” (s8-auth14)
    const parts: [string, number][] = [['区县', p.districtCount], ['片区', p.areaCount], ['集群', p.clusterCount], ['指标', p.indicatorCount], ['任务', p.taskCount]];
    const contents = parts.filter(([, n]) => n > 0).map(([what, n]) => `${what} ${n}`).join('，') || '尚无内容';
    const archived = p.archivedAt ? '\t（已归档）' : '';
    io.out(`${p.id}\t${p.docNumber}\t${p.title}\t${p.periodStart}—${p.periodEnd}\t${contents}${archived}\n`);
  }
  return 0;
}

export const plansCommand: Command = {
  name: 'plans',
  summary: '列出、新建、复制、归档或删除规划文件中的规划。',
  usage: [
    'plandesk plans [list] --db FILE [--archived] [--json]',
    '       plandesk plans create --db FILE --title 标题 --issuer 发文机关 --start 年 --end 年 [--doc-number 文号] [--issue-date 2028-01-15] [--source 来源] [--districts 江津区,铜梁区] [--groups 渝西] [--json]',
    '       plandesk plans copy --db FILE --plan ID|文号 --title 标题 --start 年 --end 年 [--issuer …] [--doc-number …] [--clear-targets] [--no-tasks] [--json]',
    '       plandesk plans archive|unarchive --db FILE --plan ID|文号',
    '       plandesk plans delete --db FILE --plan ID|文号 --yes',
    '       plandesk plans undelete --db FILE --plan ID   （撤销刚才的删除）',
  ].join('\n'),
  options: {
    db: { type: 'string' }, json: { type: 'boolean' }, archived: { type: 'boolean' }, plan: { type: 'string' },
    title: { type: 'string' }, issuer: { type: 'string' }, 'doc-number': { type: 'string' }, 'issue-date': { type: 'string' },
    start: { type: 'string' }, end: { type: 'string' }, source: { type: 'string' }, districts: { type: 'string' }, groups: { type: 'string' },
    'clear-targets': { type: 'boolean' }, 'no-tasks': { type: 'boolean' }, yes: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [sub = 'list', ...extra] = positionals;
    if (!isSub(sub)) throw new UsageError(`未知的子命令：${sub}`);
    if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    const file = requireString(values, 'db');
    if (sub === 'delete' && values.yes !== true) throw new UsageError('删除规划需要加 --yes 确认（删除后可用 plandesk plans undelete 撤销）');
    const store = sub === 'list' ? openForRead(file) : openForWrite(file);
    try {
      if (sub === 'list') return list(store, values, io);
      if (sub === 'create') {
        const groups = listArg(str(values, 'groups') ?? '');
        const p = call(store, 'plans.create', { header: headerOf(values, null), districtIds: districtIds(store, values) });
        if (groups.length) call(store, 'plans.addDistricts', { planId: p.id, groups });
        const o = call(store, 'plans.get', { planId: p.id });
        print(io, values, o.plan, `已新建规划 ${p.id}“${p.title}”（${p.periodStart}—${p.periodEnd}，区县 ${o.districts.length}）`);
        return 0;
      }
      if (sub === 'undelete') {
        const planId = requireString(values, 'plan');
        const status = call(store, 'history.status', { planId });
        if (!status.undoLabel?.startsWith('删除规划')) throw refused('NOT_FOUND', `规划 ${planId} 最近一步不是删除，无法撤销删除`);
        call(store, 'history.undo', { planId });
        const p = call(store, 'plans.get', { planId }).plan;
        print(io, values, p, `已恢复规划 ${p.id}“${p.title}”`);
        return 0;
      }
      const plan = call(store, 'plans.resolve', { ref: requireString(values, 'plan') });
      if (sub === 'copy') {
        const p = call(store, 'plans.create', {
          header: headerOf(values, plan),
          districtIds: districtIds(store, values),
          copyFrom: { planId: plan.id, targets: values['clear-targets'] ? 'clear' : 'keep', tasks: values['no-tasks'] !== true },
        });
        print(io, values, p, `已复制“${plan.title}”为新规划 ${p.id}“${p.title}”（${p.periodStart}—${p.periodEnd}）`);
        return 0;
      }
      if (sub === 'archive' || sub === 'unarchive') {
        const p = call(store, sub === 'archive' ? 'plans.archive' : 'plans.unarchive', { planId: plan.id });
        print(io, values, p, `${sub === 'archive' ? '已归档' : '已取消归档'}规划 ${p.id}“${p.title}”`);
        return 0;
      }
      // as a job (db/plans/delete-job.ts): a plan of any size, in one transaction
      const r = (await finishJob(store, call(store, 'plans.deleteStart', { planId: plan.id }).jobId, '删除规划')).deleted;
      if (!r) throw refused('INTERNAL', '删除规划失败（任务没有给出结果）');
      const d = r.deleted;
      print(io, values, r, `已删除规划 ${r.planId}“${r.title}”（区县 ${d.districts}，集群 ${d.clusters}，指标 ${d.indicators}，目标值 ${d.targets}，任务 ${d.tasks}，批注 ${d.comments}，版本 ${d.versions}）。撤销：plandesk plans undelete --db FILE --plan ${r.planId}`);
      return 0;
    } finally {
      store.close();
    }
  },
};
