/**
 * What a host does at start with its plan file, decided in one place for the web host and the
 * desktop app: open it when it is there; create a seeded file only on a first start with no trace
 * of an earlier file; and when the file is missing but traces of it exist (a `.replaced-…` or
 * `.restoring` file left by an interrupted restore, backups, a pre-upgrade copy), say so, offer
 * them, and create nothing in its place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { listBackups } from './backups.ts';
import { cleanInterruptedRestore, restoringPath } from './restore.ts';
import { verifyBackupFile } from './verify.ts';

export type TraceKind = 'restoring' | 'replaced' | 'backup' | 'upgrade' | 'sidecar';

export interface Trace {
  file: string;
  kind: TraceKind;
  /** when it was written (from its name, or its modification time) */
  at: string;
  /** passes the integrity check, so it can be restored */
  good: boolean;
}

export type StartPlan =
  | { kind: 'open'; file: string }
  | { kind: 'create'; file: string }
  | { kind: 'missing'; file: string; traces: Trace[]; message: string };

const KIND_TEXT: Record<TraceKind, string> = {
  restoring: '中断的恢复留下的备份副本',
  replaced: '恢复备份前改名保留的原文件',
  backup: '备份',
  upgrade: '升级数据结构前的副本',
  sidecar: 'SQLite 日志文件（单独无法打开）',
};

function mtime(file: string): string {
  try {
    return fs.statSync(file).mtime.toISOString().slice(0, 19).replace('T', ' ');
  } catch {
    return '';
  }
}

function good(file: string, nativeBinding: string | undefined): boolean {
  try {
    verifyBackupFile(file, nativeBinding);
    return true;
  } catch {
    return false;
  }
}

/** Every trace of an earlier `planFile`, the most useful first: good before damaged, then newest. */
export function findTraces(planFile: string, nativeBinding?: string): Trace[] {
  const plan = path.resolve(planFile);
  const dir = path.dirname(plan);
  const base = path.basename(plan);
  const traces: Trace[] = [];
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const isSidecar = (n: string) => /-(wal|shm|journal)$/.test(n);
  if (fs.existsSync(restoringPath(plan))) traces.push({ file: restoringPath(plan), kind: 'restoring', at: mtime(restoringPath(plan)), good: false });
  for (const name of names) {
    if (isSidecar(name) || !name.startsWith(`${base}.`)) continue;
    const rest = name.slice(base.length + 1);
    const replaced = /^replaced-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})/.exec(rest);
    if (replaced) traces.push({ file: path.join(dir, name), kind: 'replaced', at: `${replaced[1]} ${replaced[2]}:${replaced[3]}:${replaced[4]}`, good: false });
    else if (/^v\d+-.*\.bak$/.test(rest)) traces.push({ file: path.join(dir, name), kind: 'upgrade', at: mtime(path.join(dir, name)), good: false });
  }
  for (const b of listBackups(plan)) traces.push({ file: b.file, kind: 'backup', at: b.at, good: false });
  for (const s of ['-wal', '-journal']) if (fs.existsSync(plan + s) && fs.statSync(plan + s).size > 0) traces.push({ file: plan + s, kind: 'sidecar', at: mtime(plan + s), good: false });
  for (const t of traces) if (t.kind !== 'sidecar') t.good = good(t.file, nativeBinding);
  const rank: Record<TraceKind, number> = { restoring: 0, replaced: 1, backup: 2, upgrade: 3, sidecar: 4 };
  return traces.sort((a, b) => Number(b.good) - Number(a.good) || rank[a.kind] - rank[b.kind] || (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function describeTrace(t: Trace): string {
  return `${t.file} —— ${KIND_TEXT[t.kind]}，${t.at}，${t.kind === 'sidecar' ? '需要原文件' : t.good ? '完好，可以恢复' : '已损坏或不完整，不能恢复'}`;
}

/** The commands that restore `from` into `planFile` (shown by the web host and the CLI). */
export function restoreCommands(planFile: string, from: string): string[] {
  return [`npx plandesk backup restore --db "${planFile}" --from "${from}"`, `npm run web -- --db "${planFile}" --restore-from "${from}"`];
}

export function missingFileMessage(planFile: string, traces: readonly Trace[]): string {
  const best = traces.find((t) => t.good);
  const lines = [
    `找不到规划文件“${planFile}”，但它以前存在过。找到了这些：`,
    ...traces.slice(0, 12).map((t, i) => `  ${i + 1}. ${describeTrace(t)}`),
    ...(traces.length > 12 ? [`  ……另有 ${traces.length - 12} 个`] : []),
    '为了不让示例数据顶替你的规划，没有新建文件。',
  ];
  if (best) lines.push('用最上面那个完好的文件恢复：', ...restoreCommands(planFile, best.file).map((c) => `  ${c}`));
  else lines.push('这些文件都不能直接恢复，请联系技术支持，或把规划文件放回原处。');
  lines.push(`确实要在这里新建一个带示例数据的规划文件：npm run web -- --db "${planFile}" --new`);
  return lines.join('\n');
}

/**
 * The start decision for `planFile`. Changes nothing, except that when the plan file is there, what
 * a restore interrupted before its final step left beside it is removed (cleanInterruptedRestore).
 */
export function planStart(planFile: string, nativeBinding?: string): StartPlan {
  const file = path.resolve(planFile);
  if (fs.existsSync(file)) {
    cleanInterruptedRestore(file);
    return { kind: 'open', file };
  }
  const traces = findTraces(file, nativeBinding);
  if (traces.length === 0) return { kind: 'create', file };
  return { kind: 'missing', file, traces, message: missingFileMessage(file, traces) };
}

export type StartAction = { kind: 'restore'; from: string } | { kind: 'create' } | { kind: 'quit' };

/** The desktop dialog for a missing plan file: a button for each of the (at most three) good traces, then 新建 and 退出. */
export function startChoices(plan: Extract<StartPlan, { kind: 'missing' }>): { message: string; detail: string; buttons: string[]; actions: StartAction[]; defaultId: number; cancelId: number } {
  const offered = plan.traces.filter((t) => t.good).slice(0, 3);
  const buttons = offered.map((t) => `用${KIND_TEXT[t.kind]}恢复（${t.at}）`);
  const actions: StartAction[] = offered.map((t) => ({ kind: 'restore', from: t.file }));
  buttons.push('新建示例规划文件', '退出');
  actions.push({ kind: 'create' }, { kind: 'quit' });
  return {
    message: `找不到规划文件“${path.basename(plan.file)}”，但找到了它以前的文件`,
    detail: [
      `位置：${plan.file}`,
      ...plan.traces.slice(0, 8).map((t) => `· ${describeTrace(t)}`),
      '没有新建文件。请选择用哪个文件恢复（恢复不会删除任何文件）。',
    ].join('\n'),
    buttons,
    actions,
    // Never a new seeded file by pressing Enter: the default is the first offered file, else 退出.
    defaultId: offered.length > 0 ? 0 : buttons.length - 1,
    cancelId: buttons.length - 1,
  };
}
