import fs from 'node:fs';
import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import type { PlanStore } from '../../db/store.ts';
import { openForRead } from '../open.ts';
import { PlanDeskError, errorCodes, type ErrorCode } from '../../db/errors.ts';
import { operations } from '../../contract/operations.ts';
import type { ApiError, ApiResult } from '../../contract/result.ts';
import type { ExportedFile } from '../../contract/ops/export.ts';
import { getPlanRow, resolvePlan } from '../../db/plans/handlers.ts';
import { resolveVersion } from '../../db/versions/store.ts';
import { compareRows, type Side } from '../../db/versions/diff.ts';
import { Namer, planOfSides } from '../../db/versions/present.ts';
import { toVersion } from '../../db/versions/queries.ts';
import { VERSIONED } from '../../db/versions/rows.ts';
import { KIND_LABELS, TABLE_LABELS, fieldLabel } from '../../db/versions/labels.ts';

const isErrorCode = (c: string): c is ErrorCode => (errorCodes as readonly string[]).includes(c);
const refused = (e: ApiError) => new PlanDeskError(isErrorCode(e.code) ? e.code : 'INTERNAL', e.message, e.issues);
const valueOf = (r: ApiResult<unknown>): unknown => {
  if (!r.ok) throw refused(r.error);
  return r.value;
};

/** The comparison workbook through the contract, as the workbench gets it: start the job, poll jobs.status. */
async function comparisonWorkbook(store: PlanStore, input: { planId: string; from: number | 'current'; to: number | 'current' }): Promise<ExportedFile> {
  const { jobId } = operations['versions.exportComparison'].output.parse(valueOf(store.call('versions.exportComparison', input)));
  for (;;) {
    const s = operations['jobs.status'].output.parse(valueOf(store.call('jobs.status', { jobId })));
    if (s.state === 'failed') throw refused(s.error ?? { code: 'INTERNAL', message: '导出比较结果失败', issues: [] });
    if (s.state === 'done' && s.file) return s.file;
    if (s.state === 'done') throw new PlanDeskError('INTERNAL', '导出比较结果失败（任务没有给出文件）');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sideJson = (s: Side) => (s === 'current' ? { current: true } : { current: false, ...toVersion(s) });
const sideText = (s: Side) => (s === 'current' ? '当前' : `#${s.id} 第 ${s.seq} 版“${s.name}”（${s.created_at}）`);

export const diffCommand: Command = {
  name: 'diff',
  summary: '逐行逐格比较一个规划的两个版本（或版本与当前）。--json 输出的格式见 docs/diff-json.md；--xlsx 把比较结果写成与工作台导出相同的 Excel 工作簿。',
  usage: 'plandesk diff --db FILE --from 版本编号|名称|current --to 版本编号|名称|current [--plan ID|文号] [--json | --xlsx FILE]',
  options: { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean' }, xlsx: { type: 'string' } },
  async run(values, _pos, io) {
    if (values.json && values.xlsx !== undefined) throw new UsageError('--json 与 --xlsx 只能选一个');
    const store = openForRead(requireString(values, 'db'));
    try {
      const ctx = store.ctx;
      const planRef = typeof values.plan === 'string' ? resolvePlan(ctx, values.plan).id : undefined;
      const side = (ref: string): Side => (ref === 'current' ? 'current' : resolveVersion(ctx, ref, planRef));
      const from = side(requireString(values, 'from'));
      const to = side(requireString(values, 'to'));
      if (from === 'current' && to === 'current' && !planRef) throw new UsageError('两边都是 current 时须用 --plan 指定规划');
      const planId = from === 'current' && to === 'current' ? (planRef as string) : planOfSides(from, to);
      if (typeof values.xlsx === 'string') {
        const out = values.xlsx;
        if (!out) throw new UsageError('缺少参数 --xlsx 的文件名');
        const ref = (x: Side) => (x === 'current' ? 'current' : x.id);
        const file = await comparisonWorkbook(store, { planId, from: ref(from), to: ref(to) });
        const bytes = Buffer.from(file.dataBase64, 'base64');
        const tmp = `${out}.part`;
        fs.writeFileSync(tmp, bytes);
        fs.renameSync(tmp, out);
        io.out(`已把比较结果导出到 ${out}（${(bytes.length / 1024).toFixed(0)} KB；工作台中的文件名为“${file.fileName}”）\n`);
        return 0;
      }
      const plan = getPlanRow(ctx, planId);
      const namer = new Namer(ctx, planId);
      const summary = new Map(VERSIONED.map((e) => [e, { table: e, added: 0, removed: 0, changed: 0, cells: 0 }]));
      if (values.json) {
        io.out(`{\n"format": "plandesk-diff",\n"formatVersion": 1,\n"plan": ${JSON.stringify({ id: plan.id, title: plan.title, docNumber: plan.doc_number })},\n`);
        io.out(`"from": ${JSON.stringify(sideJson(from))},\n"to": ${JSON.stringify(sideJson(to))},\n"changes": [`);
      } else {
        io.out(`${plan.title}（${plan.doc_number}）\n比较：${sideText(from)} → ${sideText(to)}\n`);
      }
      let n = 0;
      for (const c of compareRows(ctx, planId, from, to)) {
        const s = summary.get(c.entity);
        if (s) {
          s[c.kind]++;
          s.cells += c.cells.length;
        }
        const label = namer.label(c);
        if (values.json) {
          const item = {
            table: c.entity, id: c.rowId, kind: c.kind, label,
            cells: c.cells.map((x) => ({ field: x.field, old: x.old, new: x.new, ...(x.delta !== undefined ? { delta: x.delta, pct: x.pct ?? null } : {}) })),
            ...(c.kind === 'changed' ? {} : { row: c.new ?? c.old }),
          };
          io.out(`${n ? ',' : ''}\n  ${JSON.stringify(item)}`);
        } else {
          io.out(`\n[${TABLE_LABELS[c.entity]}] ${KIND_LABELS[c.kind]}  ${label}  (${c.rowId})\n`);
          for (const x of c.cells) {
            const num = x.delta !== undefined ? `（${x.delta.startsWith('-') ? '' : '+'}${x.delta}${x.pct ? `，${x.pct.startsWith('-') ? '' : '+'}${x.pct}%` : ''}）` : '';
            io.out(`    ${fieldLabel(x.field)}：${namer.text(c.entity, x.field, x.old, c.old) || '（空）'} → ${namer.text(c.entity, x.field, x.new, c.new) || '（空）'}${num}\n`);
          }
        }
        n++;
      }
      if (values.json) {
        io.out(`${n ? '\n' : ''}],\n"summary": ${JSON.stringify([...summary.values()])}\n}\n`);
        return 0;
      }
      io.out(n ? '\n摘要：\n' : '\n两边没有差别。\n');
      for (const s of summary.values()) {
        if (s.added + s.removed + s.changed === 0) continue;
        io.out(`  ${TABLE_LABELS[s.table]}：新增 ${s.added}，删除 ${s.removed}，修改 ${s.changed}（${s.cells} 个单元格）\n`);
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
