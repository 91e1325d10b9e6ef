import fs from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { openForRead } from '../open.ts';
import type { StoreContext } from '../../db/context.ts';
import { resolvePlan } from '../../db/plans/handlers.ts';
import { planWorkbook } from '../../db/export/handlers.ts';
import { planTasks } from '../../db/export/queries.ts';
import { TASK_COLUMNS, taskCell } from '../../db/export/xlsx/layout.ts';
import { toCsv } from '../../db/export/csv.ts';

function ledgerCsv(ctx: StoreContext, planId: string): Buffer {
  const rows = function* () {
    for (const t of planTasks(ctx, planId)) yield TASK_COLUMNS.map((c) => taskCell(t, c.key));
  };
  return Buffer.from(toCsv(TASK_COLUMNS.map((c) => c.header), rows()), 'utf8');
}

export const exportCommand: Command = {
  name: 'export',
  summary:
    '把一个规划导出为 Excel 工作簿（概况、分区县目标、产业集群、指标、任务台账、一致性检查、图表），与工作台导出的相同；或把任务台账导出为 CSV（UTF-8 带 BOM）。',
  usage: 'plandesk export --db FILE --plan ID|文号 [--format xlsx|csv] --out FILE',
  options: { db: { type: 'string' }, plan: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(values, _pos, io) {
    const format = (values.format as string | undefined) ?? 'xlsx';
    if (format !== 'xlsx' && format !== 'csv') throw new UsageError(`--format 只能是 xlsx 或 csv，而不是“${format}”`);
    const out = requireString(values, 'out');
    const store = openForRead(requireString(values, 'db'));
    try {
      const plan = resolvePlan(store.ctx, requireString(values, 'plan'));
      const { bytes, warnings } = format === 'xlsx' ? await planWorkbook(store.ctx, plan.id) : { bytes: ledgerCsv(store.ctx, plan.id), warnings: [] };
      for (const w of warnings) io.err(`注意：${w}\n`);
      const tmp = `${out}.part`;
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, out);
      io.out(`已导出“${plan.title}”到 ${out}（${(bytes.length / 1024).toFixed(0)} KB）\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
