import type { Command } from '../command.ts';
import { requireString } from '../command.ts';
import { openForRead } from '../open.ts';
import { call } from '../client.ts';

export const showCommand: Command = {
  name: 'show',
  summary: '显示一个规划的全部内容（规划信息、区县及目标、产业集群、指标、任务）。--json 输出的格式见 docs/plan-json.md。',
  usage: 'plandesk show --db FILE --plan ID|文号 [--json]',
  options: { db: { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean' } },
  run(values, _pos, io) {
    const store = openForRead(requireString(values, 'db'));
    try {
      const plan = call(store, 'plans.resolve', { ref: requireString(values, 'plan') });
      const doc = call(store, 'plans.document', { planId: plan.id });
      if (values.json) {
        io.out(`${JSON.stringify(doc, null, 2)}\n`);
        return 0;
      }
      const p = doc.plan;
      io.out(`${p.title}\n${p.docNumber}　${p.issuer}　${p.issueDate ?? ''}　规划期 ${p.periodStart}—${p.periodEnd}\n来源：${p.source ?? ''}\n`);
      const indicatorName = new Map(doc.indicators.map((i) => [i.id, `${i.name}${i.unit ? `（${i.unit}）` : ''}`]));
      const fmt = (t: { indicatorId: string; year: number; kind: string; value: string | null; text: string | null }) =>
        `${indicatorName.get(t.indicatorId) ?? t.indicatorId} ${t.year}${t.kind === 'actual' ? '实际' : '目标'} ${t.text ?? t.value ?? '—'}`;
      if (doc.districts.length) io.out('\n区县：\n');
      for (const d of doc.districts) io.out(`  ${d.name}：${d.targets.map(fmt).join('；') || '—'}\n`);
      if (doc.clusters.length) io.out('\n产业集群：\n');
      for (const c of doc.clusters) io.out(`  ${c.name}：${c.targets.map(fmt).join('；') || '—'}\n`);
      if (doc.indicators.length) io.out('\n指标：\n');
      for (const i of doc.indicators)
        io.out(`  ${i.category ? `[${i.category}] ` : ''}${i.name}${i.unit ? `（${i.unit}）` : ''}：${i.baselineYear ?? ''} ${i.baselineText ?? i.baselineValue ?? ''} → ${i.targetYear ?? ''} ${i.targetText ?? i.targetValue ?? ''}${i.statedGrowthText ? `，年均增长 ${i.statedGrowthText}` : ''}\n`);
      if (doc.tasks.length) io.out(`\n任务（${doc.tasks.length}）：\n`);
      for (const t of doc.tasks)
        io.out(`  ${t.number}\t${t.title}\t牵头：${t.leadDepartments.map((u) => u.name).join('、') || '—'}\t配合：${t.participatingDepartments.map((u) => u.name).join('、') || '—'}\t时限：${t.deadline ?? '—'}\t${t.status}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
