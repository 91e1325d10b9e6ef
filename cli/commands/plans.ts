import type { Command } from '../command.ts';
import { requireString } from '../command.ts';
import { openForRead } from '../open.ts';
import { call } from '../client.ts';

export const plansCommand: Command = {
  name: 'plans',
  summary: '列出规划文件中的所有规划。',
  usage: 'plandesk plans --db FILE [--json]',
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  run(values, _pos, io) {
    const store = openForRead(requireString(values, 'db'));
    try {
      const plans = call(store, 'plans.list', {});
      if (values.json) {
        io.out(`${JSON.stringify(plans, null, 2)}\n`);
        return 0;
      }
      for (const p of plans) {
        io.out(`${p.id}\t${p.docNumber}\t${p.title}\t${p.periodStart}—${p.periodEnd}\t区县 ${p.districtCount}，集群 ${p.clusterCount}，指标 ${p.indicatorCount}，任务 ${p.taskCount}\n`);
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
