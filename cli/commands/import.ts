import fs from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { openForRead, openForWrite } from '../open.ts';
import { call, finishJob, refused } from '../client.ts';
import type { ImportPreviewOut } from '../../contract/ops/import.ts';

type Problem = ImportPreviewOut['problems'][number];
const problemText = (p: Problem): string =>
  [p.sheet && `工作表“${p.sheet}”`, p.row !== null && `第 ${p.row} 行`, p.column && `“${p.column}”列`].filter(Boolean).join(' ') + `：${p.reason}`;

export const importCommand: Command = {
  name: 'import',
  summary:
    '从 Excel 工作簿（.xlsx）或 CSV 导入任务和分区县目标。不加 --yes 时只显示将要做的修改和发现的问题，不写入；加 --yes 才写入（全部写入或全部不写，可一步撤销）。',
  usage: 'plandesk import --db FILE --plan ID|文号 [--yes] [--json] FILE.xlsx|FILE.csv',
  options: { db: { type: 'string' }, plan: { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw new UsageError('请给出一个要导入的文件');
    if (!fs.existsSync(file)) throw refused('FILE_NOT_FOUND', `找不到文件：${file}`);
    const dataBase64 = fs.readFileSync(file).toString('base64');
    const fileName = file.split(/[\\/]/).pop() ?? file;
    const db = requireString(values, 'db');
    const store = values.yes ? openForWrite(db) : openForRead(db);
    try {
      const plan = call(store, 'plans.resolve', { ref: requireString(values, 'plan') });
      const started = call(store, 'import.preview', { planId: plan.id, fileName, dataBase64 });
      const preview = (await finishJob(store, started.jobId, '读取导入文件')).preview;
      if (!preview) throw refused('INTERNAL', '读取导入文件失败（任务没有给出预览）');
      if (values.json && !values.yes) {
        io.out(`${JSON.stringify(preview, null, 2)}\n`);
        return preview.problemsTotal ? 1 : 0;
      }
      const s = preview.summary;
      io.out(`“${fileName}” → ${plan.title}\n`);
      for (const sh of preview.sheets)
        io.out(`  工作表“${sh.name}”：${sh.kind === 'tasks' ? '任务表' : sh.kind === 'matrix' ? '目标表' : sh.kind === 'catalog' ? '集群/指标/部门表' : '未导入（仅供查阅）'}，${sh.rows} 行\n`);
      // What the reading did that the officer should know: hidden sheets, merged cells applied to several rows.
      for (const n of preview.notices) io.out(`  注意：${n}\n`);
      io.out(`将修改任务 ${s.tasksUpdated} 个、新增任务 ${s.tasksAdded} 个、修改目标值 ${s.targetsChanged} 个（共 ${preview.changesTotal} 处）\n`);
      for (const c of preview.changes.slice(0, 50))
        io.out(`  第 ${c.row} 行 ${c.subject} “${c.column}”：${c.before ?? '（空）'} → ${c.after ?? '（空）'}\n`);
      if (preview.changesTotal > 50) io.out(`  ……另有 ${preview.changesTotal - 50} 处\n`);
      if (preview.problemsTotal) {
        io.err(`发现 ${preview.problemsTotal} 处问题，未导入任何内容：\n`);
        for (const p of preview.problems.slice(0, 200)) io.err(`  - ${problemText(p)}\n`);
        return 1;
      }
      if (!values.yes) {
        io.out('以上为预览，未写入。确认无误后加 --yes 再运行一次以导入。\n');
        return 0;
      }
      const applying = call(store, 'import.apply', { planId: plan.id, fileName, dataBase64, fingerprint: preview.fingerprint });
      const r = (await finishJob(store, applying.jobId, '导入')).applied;
      if (!r) throw refused('INTERNAL', '导入失败（任务没有给出结果）');
      if (values.json) io.out(`${JSON.stringify(r, null, 2)}\n`);
      else io.out(`已导入：修改任务 ${r.tasksUpdated} 个、新增任务 ${r.tasksAdded} 个、修改目标值 ${r.targetsChanged} 个。可在工作台中一步撤销（“${r.label}”）。\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
