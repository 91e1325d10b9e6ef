import fs from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { openForRead } from '../open.ts';
import { call, exportedFile } from '../client.ts';

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
      const plan = call(store, 'plans.resolve', { ref: requireString(values, 'plan') });
      // The same jobs the workbench starts: the whole workbook, or the task ledger without filters.
      const { jobId } = format === 'xlsx' ? call(store, 'export.planXlsx', { planId: plan.id }) : call(store, 'export.tasks', { planId: plan.id, filter: {}, format: 'csv' });
      const file = await exportedFile(store, jobId, '导出');
      for (const w of file.warnings) io.err(`注意：${w}\n`);
      const bytes = Buffer.from(file.dataBase64, 'base64');
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
