import type { Command } from '../command.ts';
import { requireString } from '../command.ts';
import { openForRead } from '../open.ts';
import { call } from '../client.ts';

/** Exit code of `--strict` when there are findings (1 is a refused operation, 2 a usage error). */
const FOUND = 3;

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

export const checksCommand: Command = {
  name: 'checks',
  summary:
    '一致性检查：分项之和与总量、原文年均增长与基期目标、不同规划的同一指标、任务时限与牵头单位、主导产业数量。加 --strict 时，发现问题则以退出码 3 结束（便于脚本判断）。',
  usage: 'plandesk checks --db FILE [--plan ID|文号] [--json] [--strict]',
  options: { db: { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean' }, strict: { type: 'boolean' } },
  run(values, _pos, io) {
    const store = openForRead(requireString(values, 'db'));
    try {
      const planRef = typeof values.plan === 'string' ? values.plan : undefined;
      if (values.plan !== undefined && !planRef) requireString(values, 'plan');
      const planId = planRef ? call(store, 'plans.resolve', { ref: planRef }).id : undefined;
      const result = call(store, 'checks.run', planId === undefined ? {} : { planId });
      // Findings are the documents' own contradictions, shown not fixed: only --strict makes them a failure.
      const code = values.strict && result.findings.length > 0 ? FOUND : 0;
      if (values.json) {
        io.out(`${JSON.stringify(result, null, 2)}\n`);
        return code;
      }
      io.out(`检查了 ${result.planCount} 个规划（增长率容差 ${result.settings.growthTolerancePoints} 个百分点），发现 ${result.findings.length} 处问题。\n`);
      result.findings.forEach((f, i) => {
        io.out(`\n${i + 1}. [${SEVERITY[f.severity] ?? f.severity}] ${f.title}\n   ${f.message}\n`);
        if (f.numbers.length) io.out(`   数值：${f.numbers.map((n) => `${n.label} ${n.value}${n.unit ?? ''}`).join('；')}${f.difference ? `；${f.difference.label} ${f.difference.value}${f.difference.unit ?? ''}` : ''}\n`);
        for (const c of f.cells) io.out(`   · ${c.label}（${c.planId} ${[...new URLSearchParams(c.focus)].map(([k, v]) => `${k}=${v}`).join('&')}）\n`);
      });
      return code;
    } finally {
      store.close();
    }
  },
};
