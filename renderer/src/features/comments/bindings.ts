/** What the targets grid and the task ledger tell gridComments.tsx: which comments they show, and on which cells. */
import { t } from '../../i18n/index.ts';
import type { TargetMatrix } from '../../../../contract/ops/targets.ts';
import type { Task } from '../../../../contract/entities.ts';
import type { CommentBinding } from './gridComments.tsx';

/** A target matrix (rows: districts or clusters by scopeId; columns y<year>): comments on its cells of the shown kind. */
export function matrixComments<T extends { name: string; kind: string }>(m: TargetMatrix, readonly = false): CommentBinding<T> {
  const ind = m.indicator;
  return {
    planId: ind.planId,
    readonly,
    list: { planId: ind.planId, indicatorId: ind.id, target: 'cell' },
    cellOf: (c) => (c.cell && c.cell.scope === m.scope && c.cell.kind === m.kind && c.cell.period === '' ? `${c.cell.scopeId ?? ''}|y${c.cell.year}` : null),
    targetOf: (rowId, colId, data) => {
      const year = /^y(\d{4})$/.exec(colId)?.[1];
      if (!year || !data || data.kind !== 'row') return null;
      return {
        on: { target: 'cell', cell: { indicatorId: ind.id, scope: m.scope, scopeId: rowId, year: Number(year), period: '', kind: m.kind } },
        key: `${rowId}|${colId}`,
        title: t('comments.cellTitle', { row: data.name, year }),
      };
    },
  };
}

/** The task ledger: a task's comments, shown on its 任务 (title) cell; added from any cell of its row. */
export function taskComments(planId: string, readonly = false): CommentBinding<Task> {
  return {
    planId,
    readonly,
    list: { planId, target: 'task' },
    cellOf: (c) => (c.taskId ? `${c.taskId}|title` : null),
    targetOf: (rowId, _colId, data) => (data ? { on: { target: 'task', taskId: rowId }, key: `${rowId}|title`, title: `${data.number} ${data.title}` } : null),
  };
}
