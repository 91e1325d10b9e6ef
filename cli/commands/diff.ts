import fs from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { openForRead } from '../open.ts';
import { call, exportedFile, refused, type Caller } from '../client.ts';
import { KIND_LABELS, TABLE_LABELS, type VersionInfo } from '../../contract/ops/versions.ts';

type Side = VersionInfo | 'current';

const sideText = (s: Side) => (s === 'current' ? '当前' : `#${s.id} 第 ${s.seq} 版“${s.name}”（${s.createdAt}）`);

function planOfSides(a: Side, b: Side, planRef: string | undefined): string {
  if (planRef) return planRef;
  const plans = [a, b].flatMap((s) => (s === 'current' ? [] : [s.planId]));
  const planId = plans[0];
  if (!planId) throw refused('INVALID_INPUT', '至少一边须是保存的版本');
  if (plans.some((p) => p !== planId)) throw refused('INVALID_INPUT', '只能比较同一规划的版本');
  return planId;
}

function sides(store: Caller, values: Record<string, unknown>) {
  const planRef = typeof values.plan === 'string' ? call(store, 'plans.resolve', { ref: values.plan }).id : undefined;
  const side = (ref: string): Side => (ref === 'current' ? 'current' : call(store, 'versions.resolve', planRef ? { ref, planId: planRef } : { ref }));
  const from = side(requireString(values, 'from'));
  const to = side(requireString(values, 'to'));
  if (from === 'current' && to === 'current' && !planRef) throw new UsageError('两边都是 current 时须用 --plan 指定规划');
  const ref = (x: Side): number | 'current' => (x === 'current' ? 'current' : x.id);
  return { planId: planOfSides(from, to, planRef), from: ref(from), to: ref(to), fromSide: from, toSide: to };
}

export const diffCommand: Command = {
  name: 'diff',
  summary: '逐行逐格比较一个规划的两个版本（或版本与当前）。--json 输出的格式见 docs/diff-json.md；--xlsx 把比较结果写成与工作台导出相同的 Excel 工作簿。',
  usage: 'plandesk diff --db FILE --from 版本编号|名称|current --to 版本编号|名称|current [--plan ID|文号] [--json | --xlsx FILE]',
  options: { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean' }, xlsx: { type: 'string' } },
  async run(values, _pos, io) {
    if (values.json && values.xlsx !== undefined) throw new UsageError('--json 与 --xlsx 只能选一个');
    const store = openForRead(requireString(values, 'db'));
    try {
      const { planId, from, to, fromSide, toSide } = sides(store, values);
      if (typeof values.xlsx === 'string') {
        const out = values.xlsx;
        if (!out) throw new UsageError('缺少参数 --xlsx 的文件名');
        const { jobId } = call(store, 'versions.exportComparison', { planId, from, to });
        const file = await exportedFile(store, jobId, '导出比较结果');
        const bytes = Buffer.from(file.dataBase64, 'base64');
        const tmp = `${out}.part`;
        fs.writeFileSync(tmp, bytes);
        fs.renameSync(tmp, out);
        io.out(`已把比较结果导出到 ${out}（${(bytes.length / 1024).toFixed(0)} KB；工作台中的文件名为“${file.fileName}”）\n`);
        return 0;
      }
      const doc = call(store, 'versions.diff', { planId, from, to });
      if (values.json) {
        io.out(`${JSON.stringify(doc, null, 2)}\n`);
        return 0;
      }
      io.out(`${doc.plan.title}（${doc.plan.docNumber}）\n比较：${sideText(fromSide)} → ${sideText(toSide)}\n`);
      for (const c of doc.changes) {
        io.out(`\n[${TABLE_LABELS[c.table]}] ${KIND_LABELS[c.kind]}  ${c.label}  (${c.id})\n`);
        for (const x of c.cells) {
          const num = x.delta !== undefined ? `（${x.delta.startsWith('-') ? '' : '+'}${x.delta}${x.pct ? `，${x.pct.startsWith('-') ? '' : '+'}${x.pct}%` : ''}）` : '';
          io.out(`    ${x.fieldLabel}：${x.oldText || '（空）'} → ${x.newText || '（空）'}${num}\n`);
        }
      }
      io.out(doc.changes.length ? '\n摘要：\n' : '\n两边没有差别。\n');
      for (const s of doc.summary) {
        if (s.added + s.removed + s.changed === 0) continue;
        io.out(`  ${TABLE_LABELS[s.table]}：新增 ${s.added}，删除 ${s.removed}，修改 ${s.changed}（${s.cells} 个单元格）\n`);
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
