/** `plandesk package export|import|status`: 报送包 between the districts and the city (db/exchange/). */
import type { Command, Io } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { openForRead, openForWrite } from '../open.ts';
import { call } from '../client.ts';
import type { OperationOutput } from '../../contract/operations.ts';

const show = (v: unknown) => (v === null || v === undefined ? '（空）' : typeof v === 'string' ? v : JSON.stringify(v));

function printPreview(p: OperationOutput<'packages.preview'>, io: Io): void {
  io.out(`报送包：${p.senderLabel} ${p.sender.name} 第 ${p.seq} 号${p.full ? '（全量，创建规划）' : ''}，规划“${p.planTitle}”\n`);
  io.out(`${p.message}\n`);
  io.out(`修改 ${p.counts.changes} 处：将写入 ${p.counts.toApply} 处，已相同 ${p.counts.unchanged} 处，冲突 ${p.counts.conflicts} 处\n`);
  for (const i of p.items.slice(0, 50)) io.out(`  ${i.op === 'set' ? '改' : i.op === 'insert' ? '增' : '删'} ${i.table} ${i.rowId}${i.field ? ` ${i.field}：${show(i.from)} → ${show(i.to)}` : ''}（${i.author}）\n`);
  if (p.items.length > 50) io.out(`  …另有 ${p.items.length - 50} 处\n`);
  const rowText = (r: Record<string, unknown> | null, other: Record<string, unknown> | null) =>
    r ? Object.keys(r).filter((k) => k !== 'sort_order' && JSON.stringify(r[k]) !== JSON.stringify(other?.[k])).map((k) => `${k}=${show(r[k])}`).join(' ') || '（同）' : '（已删除）';
  const KIND = { cell: '', editedDeleted: '（对方修改、本方已删除）', deletedEdited: '（对方删除、本方已修改）', sameKey: '（双方都新增了同一条）' } as const;
  for (const c of p.conflicts.slice(0, 200))
    io.out(`  冲突${KIND[c.kind]} ${c.entity} ${c.rowId}${c.field ? ` ${c.field}` : ''}：${c.kind === 'cell' ? `基线 ${show(c.base)}｜本方 ${show(c.mine)}｜对方 ${show(c.theirs)}` : `本方 ${rowText(c.mineRow, c.theirsRow)}｜对方 ${rowText(c.theirsRow, c.mineRow)}`}${c.resolution ? `（已选：${'take' in c.resolution ? (c.resolution.take === 'mine' ? '本方' : '对方') : show(c.resolution.value)}）` : ''}\n`);
}

export const packageCommand: Command = {
  name: 'package',
  summary: '报送包：导出（export）、预览与合并（import）、报送情况（status）。',
  usage: [
    'plandesk package export --db FILE --plan ID|文号 --to 区县|city --out PKG [--json]',
    '       plandesk package import --db FILE PKG [--json] [--apply] [--take mine|theirs]',
    '       plandesk package status --db FILE --plan ID|文号 [--json]',
  ].join('\n'),
  options: {
    db: { type: 'string' }, plan: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
    apply: { type: 'boolean' }, take: { type: 'string' },
  },
  allowPositionals: true,
  run(values, positionals, io) {
    const [sub, ...rest] = positionals;
    const file = requireString(values, 'db');
    if (sub === 'export') {
      if (rest.length) throw new UsageError(`多余的参数：${rest.join(' ')}`);
      const store = openForWrite(file);
      try {
        const plan = call(store, 'plans.resolve', { ref: requireString(values, 'plan') });
        const r = call(store, 'packages.export', { planId: plan.id, to: requireString(values, 'to'), out: requireString(values, 'out') });
        if (values.json) io.out(`${JSON.stringify(r, null, 2)}\n`);
        else io.out(`已导出报送包 ${r.file}：发往${r.recipient}，第 ${r.seq} 号，${r.full ? '全量' : `${r.changeCount} 处修改`}；已保存版本“${r.versionName}”\n`);
        return 0;
      } finally {
        store.close();
      }
    }
    if (sub === 'import') {
      const [pkg, ...extra] = rest;
      if (!pkg) throw new UsageError('缺少报送包文件');
      if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
      const take = values.take;
      if (take !== undefined && take !== 'mine' && take !== 'theirs') throw new UsageError('--take 只能是 mine 或 theirs');
      const writes = !!values.apply || take !== undefined;
      const store = writes ? openForWrite(file) : openForRead(file);
      try {
        const p = call(store, 'packages.preview', { file: pkg, keep: writes });
        if (p.status === 'already') {
          if (values.json) io.out(`${JSON.stringify(p, null, 2)}\n`);
          else io.out(`${p.message}\n`);
          return 0;
        }
        let preview = p;
        if (take) {
          const r = call(store, 'packages.resolve', { packageId: p.packageId, resolutions: [], all: take });
          preview = { ...p, conflicts: r.conflicts, counts: { ...p.counts, unresolved: r.unresolved } };
        }
        if (!values.apply) {
          if (values.json) io.out(`${JSON.stringify(preview, null, 2)}\n`);
          else printPreview(preview, io);
          return 0;
        }
        if (preview.counts.unresolved > 0) {
          if (values.json) io.out(`${JSON.stringify(preview, null, 2)}\n`);
          else printPreview(preview, io);
          io.err(`错误：还有 ${preview.counts.unresolved} 处冲突没有解决，未合并（用 --take mine 或 --take theirs 全部选一方，或在工作台中逐一选择）\n`);
          return 1;
        }
        const a = call(store, 'packages.apply', { packageId: p.packageId });
        if (values.json) io.out(`${JSON.stringify({ preview, applied: { ...a, changes: undefined } }, null, 2)}\n`);
        else {
          printPreview(preview, io);
          io.out(`已合并：写入 ${a.applied} 处，保存版本“${a.versionName}”（可撤销）\n`);
        }
        return 0;
      } finally {
        store.close();
      }
    }
    if (sub === 'status') {
      const store = openForRead(file);
      try {
        const plan = call(store, 'plans.resolve', { ref: requireString(values, 'plan') });
        const s = call(store, 'packages.status', { planId: plan.id });
        if (values.json) {
          io.out(`${JSON.stringify(s, null, 2)}\n`);
          return 0;
        }
        const word = { reported: '已报送', waiting: '待报送', none: '未往来' } as const;
        for (const c of s.counterparts)
          io.out(`${c.name}\t${word[c.state]}\t${c.lastIn ? `收到第 ${c.lastIn.seq} 号 ${c.lastIn.at}（${c.lastIn.author}）` : '未收到'}\t${c.lastOut ? `发出第 ${c.lastOut.seq} 号 ${c.lastOut.at}` : '未发出'}${c.pending ? `\t待合并第 ${c.pending.seq} 号，${c.pending.unresolved} 处冲突未解决` : ''}\n`);
        return 0;
      } finally {
        store.close();
      }
    }
    throw new UsageError(sub ? `未知的子命令：${sub}` : '缺少子命令 export、import 或 status');
  },
};
