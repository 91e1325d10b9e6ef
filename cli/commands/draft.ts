import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../command.ts';
import { requireString, UsageError } from '../command.ts';
import { openForRead, openForWrite } from '../open.ts';
import { call, finishJob, refused } from '../client.ts';
import { MAX_DRAFT_BYTES, type DraftPlan } from '../../contract/ops/draft.ts';
import { fieldLabel, KIND_LABELS, TABLE_LABELS } from '../../contract/ops/versions.ts';
import type { Caller } from '../client.ts';

/** The plan already in the file for a draft: same 文号, or (no 文号) the same title; null when it is new. */
function planInFile(existing: { id: string; docNumber: string; title: string }[], d: DraftPlan): string | null {
  const p = existing.find((x) => (d.plan.docNumber ? x.docNumber === d.plan.docNumber : !x.docNumber && x.title === d.plan.title));
  return p ? p.id : null;
}

/** What a draft would change in the plan already in the file (draft.compare, the versions' comparison): the summary and the first rows. */
function comparedText(store: Caller, d: DraftPlan, planId: string): string {
  const SHOWN = 20;
  const c = call(store, 'draft.compare', { draft: d, planId, limit: SHOWN });
  const parts = c.summary.filter((s) => s.added + s.removed + s.changed > 0).map((s) => `${TABLE_LABELS[s.table]}：新增 ${s.added}，删除 ${s.removed}，修改 ${s.changed}`);
  const cut = (t: string) => (t.length > 40 ? `${t.slice(0, 40)}…` : t || '（空）');
  const rows = c.rows.map((r) => `    [${TABLE_LABELS[r.table]}] ${KIND_LABELS[r.kind]}  ${r.label}${r.cells.length ? `：${r.cells.map((x) => `${fieldLabel(x.field)} ${cut(x.oldText)} → ${cut(x.newText)}`).join('；')}` : ''}\n`);
  const more = c.total > c.rows.length ? `    ……共 ${c.total} 行（工作台“从公文新建规划”中可逐行比较）\n` : '';
  return `  已在文件中（规划 ${planId}）：与现有规划比较（现有 → 草稿）${parts.length ? `，${parts.join('；')}` : '，两边没有差别'}\n${rows.join('')}${more}`;
}

function summary(d: DraftPlan): string {
  const p = d.plan;
  const out = [`${p.docNumber || '（无文号）'}　${p.title}`, `  ${p.issuer}　${p.issueDate ?? '日期未识别'}　规划期 ${p.periodStart ?? '?'}—${p.periodEnd ?? '?'}　原文${d.lines.firstPage ? `第 ${d.lines.firstPage} 页第 ${d.lines.first} 行至第 ${d.lines.lastPage} 页第 ${d.lines.last} 行` : `第 ${d.lines.first}—${d.lines.last} 行`}`];
  const conf = (key: string) => {
    const s = d.sources[key];
    return s ? `　[${s.page ? `第${s.page}页` : ''}第${s.line}行 ${Math.round(s.confidence * 100)}%]` : '';
  };
  const indName = new Map(d.indicators.map((i) => [i.id, `${i.name}${i.unit ? `（${i.unit}）` : ''}`]));
  if (d.indicators.length) out.push(`  指标（${d.indicators.length}）：`);
  d.indicators.forEach((i, k) =>
    out.push(`    ${i.category ? `[${i.category}] ` : ''}${i.name}${i.unit ? `（${i.unit}）` : ''}：${i.baselineText ?? i.baselineValue ?? ''}${i.baselineText || i.baselineValue ? ' → ' : ''}${i.targetYear ?? ''} ${i.targetText ?? i.targetValue ?? '—'}${i.statedGrowthText ? `，年均 ${i.statedGrowthText}` : ''}${conf(`indicators[${k}]`)}`),
  );
  if (d.districts.length) out.push(`  区县/区域（${d.districts.length}）：`);
  d.districts.forEach((x, k) => out.push(`    ${x.name}${x.id ? '' : '（不在名录中）'}：${x.targets.map((t, ti) => `${indName.get(t.indicatorId) ?? ''} ${t.year} ${t.text ?? t.value ?? ''}${conf(`districts[${k}].targets[${ti}]`)}`).join('；') || '—'}`));
  if (d.clusters.length) out.push(`  产业集群（${d.clusters.length}）：`);
  d.clusters.forEach((c, k) => out.push(`    ${c.name}：${c.targets.map((t, ti) => `${t.year} ${t.text ?? t.value ?? ''}${conf(`clusters[${k}].targets[${ti}]`)}`).join('；')}`));
  if (d.tasks.length) out.push(`  任务（${d.tasks.length}）：`);
  d.tasks.forEach((t, k) =>
    out.push(`    ${t.number}\t${t.title.slice(0, 40)}\t牵头：${t.leadDepartments.map((u) => u.name).join('、') || '—'}\t配合：${t.participatingDepartments.map((u) => u.name).join('、') || '—'}\t时限：${t.deadline ?? '—'}${conf(`tasks[${k}]`)}`),
  );
  if (d.newDepartments.length) out.push(`  新部门（不在部门名录中，创建时新增）：${d.newDepartments.join('、')}`);
  return `${out.join('\n')}\n`;
}

export const draftCommand: Command = {
  name: 'draft',
  summary: '从公文起草规划：读取公报文本，每个通知/规划一份草稿（指标、区县/集群目标、任务，每个值注明出处），默认不写入；--create 创建为新规划（可撤销）。',
  usage: 'plandesk draft --db FILE DOC [--json] [--create]',
  options: { db: { type: 'string' }, json: { type: 'boolean' }, create: { type: 'boolean' } },
  allowPositionals: true,
  async run(values, positionals, io) {
    const db = requireString(values, 'db');
    const doc = positionals[0];
    if (!doc || positionals.length > 1) throw new UsageError('请给出一个公文文件');
    const size = fs.statSync(doc).size;
    if (size > MAX_DRAFT_BYTES) throw new UsageError(`文件超过 ${MAX_DRAFT_BYTES / 1024 / 1024} MB：${doc}`);
    const bytes = fs.readFileSync(doc).toString('base64');
    const fileName = path.basename(doc);
    const store = values.create ? openForWrite(db) : openForRead(db);
    try {
      // every format (text, PDF, .docx) is read in a worker as a job; the drafts come with its status
      const { jobId } = call(store, 'draft.start', { fileName, bytes });
      const read = (await finishJob(store, jobId, '起草')).drafts;
      if (!read) throw refused('INTERNAL', '起草失败（任务没有给出草稿）');
      if (values.create) {
        // a document already in the file is compared with its plan, not created again
        const existing = call(store, 'plans.list', {});
        const inFile = (d: DraftPlan) => planInFile(existing, d) !== null;
        const skipped = read.drafts.filter(inFile);
        for (const d of skipped) io.err(`已在文件中，未重复创建：${d.plan.docNumber || d.plan.title}\n${comparedText(store, d, planInFile(existing, d)!)}`);
        const fresh = read.drafts.filter((d) => !inFile(d));
        if (!fresh.length) {
          io.err('没有可新建的规划，未写入任何内容\n');
          return 1;
        }
        const made = call(store, 'draft.create', { drafts: fresh });
        if (values.json) io.out(`${JSON.stringify({ drafts: read.drafts, created: { planIds: made.planIds, newDepartments: made.newDepartments } }, null, 2)}\n`);
        else {
          io.out(`已创建 ${made.planIds.length} 个规划：${made.planIds.join('、')}\n`);
          if (made.newDepartments.length) io.out(`新增部门：${made.newDepartments.join('、')}\n`);
        }
        return 0;
      }
      if (values.json) {
        io.out(`${JSON.stringify(read.drafts, null, 2)}\n`);
        return 0;
      }
      io.out(`${fileName}：${read.drafts.length} 份草稿（未写入文件；--create 创建）\n\n`);
      for (const n of read.skipped ?? []) io.out(`未起草：${n.docNumber || '（无文号）'}　${n.title}（原文${n.page ? `第 ${n.page} 页` : ''}第 ${n.line} 行）：${n.reason}\n\n`);
      const existing = call(store, 'plans.list', {});
      for (const d of read.drafts) {
        const planId = planInFile(existing, d);
        io.out(`${summary(d)}${planId ? comparedText(store, d, planId) : ''}\n`);
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
