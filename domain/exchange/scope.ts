/**
 * What a district's 报送包 may change (issue 15): its own district's actual values (target_values of kind
 * 'actual', scope 'district', scope id its district) — their value, wording and source —, the progress,
 * status and notes of the tasks it is named on (task_districts), and nothing else. The city owns the
 * targets, the indicators, the task list and everything else. A package from the city may change
 * anything. Out-of-scope changes are listed (and the package refused), never applied. Pure.
 * Comments (批注): a district may add, edit (the text) and delete only its own comments (written by a user of
 * its district) on its own district's target cells and on the tasks it is named on.
 */
import type { Change, ExchangeEntity, Row } from './types.ts';

export const DISTRICT_TARGET_FIELDS = ['value', 'text', 'source'] as const;
export const DISTRICT_TASK_FIELDS = ['status', 'progress', 'notes'] as const;

export interface ScopeView {
  /** the row as it is in the base (the city's version the package was made against), or null */
  baseRow(entity: ExchangeEntity, rowId: string): Row | null;
}

export interface OutOfScope {
  entity: ExchangeEntity;
  rowId: string;
  field: string | null;
  message: string;
}

const ENTITY_NAMES: Record<ExchangeEntity, string> = {
  plan: '规划信息', plan_district: '规划区县', cluster: '产业集群', indicator: '指标', target: '目标值', task: '任务', comment: '批注',
};

export const DISTRICT_COMMENT_FIELDS = ['body'] as const;

/**
 * A comment a district owns: written by one of its users (`author_district`, its id or name) on a cell of
 * its own district or on a task it is named on (`taskRow`: the task as the base holds it). The sender's
 * export carries only these (db/exchange/comments.ts); the receiver refuses any other.
 */
export function districtOwnsComment(row: Row | null, districtId: string, districtNames: readonly string[], taskRow: Row | null): boolean {
  if (!row) return false;
  const by = row.author_district;
  if (typeof by !== 'string' || !(by === districtId || districtNames.includes(by))) return false;
  if (row.target === 'cell') return row.scope === 'district' && row.scope_id === districtId;
  return row.target === 'task' && namedOn(taskRow, districtId);
}

function ownActual(row: Row | null, districtId: string): boolean {
  return !!row && row.kind === 'actual' && row.scope === 'district' && row.scope_id === districtId;
}

function namedOn(row: Row | null, districtId: string): boolean {
  return !!row && Array.isArray(row.districts) && row.districts.includes(districtId);
}

/** The changes of a district's package it may not make (empty: all in scope). */
export function outOfScope(changes: readonly Change[], districtId: string, view: ScopeView, districtNames: readonly string[] = []): OutOfScope[] {
  const out: OutOfScope[] = [];
  const refuse = (c: Change, field: string | null, why: string) =>
    out.push({ entity: c.entity, rowId: c.rowId, field, message: `${ENTITY_NAMES[c.entity]} ${c.rowId}${field ? ` 的 ${field}` : ''}：${why}` });
  const owns = (row: Row | null) => districtOwnsComment(row, districtId, districtNames, typeof row?.task_id === 'string' ? view.baseRow('task', row.task_id) : null);
  for (const c of changes) {
    if (c.entity === 'comment') {
      const base = view.baseRow('comment', c.rowId);
      if (c.op === 'insert') {
        if (base) refuse(c, null, '这条批注已经存在');
        else if (!owns(c.row)) refuse(c, null, '区县只能新增本区县人员在本区县单元格或本区县任务上的批注');
      } else if (!owns(base)) refuse(c, c.op === 'update' ? c.field : null, '区县只能修改或删除本区县自己的批注');
      else if (c.op === 'update' && !(DISTRICT_COMMENT_FIELDS as readonly string[]).includes(c.field)) refuse(c, c.field, '区县只能改批注的内容');
      else if (c.op === 'delete' && !owns(c.row)) refuse(c, null, '区县只能删除本区县自己的批注');
      continue;
    }
    if (c.entity === 'target') {
      const row = c.op === 'insert' ? c.row : view.baseRow('target', c.rowId) ?? (c.op === 'delete' ? c.row : null);
      if (!ownActual(row, districtId)) refuse(c, c.op === 'update' ? c.field : null, '区县只能报送本区县的实际值，目标值由市里下达');
      else if (c.op === 'update' && !(DISTRICT_TARGET_FIELDS as readonly string[]).includes(c.field)) refuse(c, c.field, '区县只能改实际值的数值、原文和来源');
      else if (c.op === 'delete' && !ownActual(c.row, districtId)) refuse(c, null, '区县只能删除本区县的实际值');
      continue;
    }
    if (c.entity === 'task' && c.op === 'update') {
      if (!namedOn(view.baseRow('task', c.rowId), districtId)) refuse(c, c.field, '本区县不是这项任务的责任区县');
      else if (!(DISTRICT_TASK_FIELDS as readonly string[]).includes(c.field)) refuse(c, c.field, '区县只能报送任务的进展、状态和备注，任务清单由市里确定');
      continue;
    }
    refuse(c, c.op === 'update' ? c.field : null, c.op === 'insert' ? '区县不能新增这类记录' : c.op === 'delete' ? '区县不能删除这类记录' : '这类记录由市里管理');
  }
  return out;
}
