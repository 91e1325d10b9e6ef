/**
 * Writing a merge's actions into the plan, through the change recorder (runChange's `rec`): each cell
 * set is recorded old → new, each row inserted or removed is recorded whole, so undo takes the whole
 * merge back as one step (db/history). Deletes first, children first; then inserts, parents first (merge.ts orderForApply).
 */
import type { StoreContext } from '../context.ts';
import type { ChangeRecorder } from '../audit/recorder.ts';
import { asText } from '../audit/recorder.ts';
import { removeEntity, restoreEntity, setEntityField, type Snapshot } from '../history/entities.ts';
import { invalid } from '../errors.ts';
import { isDecimalString } from '../../domain/numbers.ts';
import { TASK_STATUSES } from '../../domain/tasks.ts';
import { LINK_WORDING, PRESENTATION_FIELDS, type Action, type ExchangeEntity, type Row, type Value } from '../../domain/exchange/types.ts';
import type { LinkValue } from '../history/links.ts';
import { orderForApply } from '../../domain/exchange/merge.ts';
import { exchangeQueries } from './queries.ts';

const TASK_RELATIONS = ['lead_departments', 'participating_departments', 'districts'] as const;

type Scalar = string | number | null;
const scalar = (v: Value | undefined): Scalar => (Array.isArray(v) ? JSON.stringify(v) : (v ?? null));

function snapshotOf(planId: string, entity: ExchangeEntity, rowId: string, row: Row, now: string): Snapshot {
  const base: Record<string, Scalar> = {};
  // presentation fields (names kept for people: a task's department names, a plan district's name) are never
  // written, whatever the entity; a task's relations are written as links below
  for (const [k, v] of Object.entries(row)) if (!PRESENTATION_FIELDS.has(k) && !(entity === 'task' && (TASK_RELATIONS as readonly string[]).includes(k))) base[k] = scalar(v);
  if (entity === 'plan') return { row: { sort_order: 0, ...base, id: rowId, updated_at: now } };
  if (entity === 'plan_district') {
    const [p, d] = rowId.split('|');
    return { row: { ...base, plan_id: p ?? planId, district_id: d ?? null } };
  }
  if (entity === 'target') return { row: { ...base, id: rowId } };
  if (entity === 'comment') return { row: { ...base, id: rowId, plan_id: planId } };
  if (entity === 'task') {
    const list = (v: Value | undefined) => (Array.isArray(v) ? v : []);
    // a department link keeps the document's wording where the row has one ('' where it writes the name)
    const links = (field: string): LinkValue[] => {
      const wording = row[LINK_WORDING[field] ?? ''];
      return list(row[field]).map((id, i) => {
        const w = Array.isArray(wording) ? wording[i] : undefined;
        return typeof w === 'string' && w !== '' ? { id, asWritten: w } : id;
      });
    };
    return {
      row: { sort_order: 0, ...base, id: rowId, plan_id: planId, updated_at: now },
      relations: { lead_departments: links('lead_departments'), participating_departments: links('participating_departments'), districts: list(row.districts) },
    };
  }
  return { row: { sort_order: 0, ...base, id: rowId, plan_id: planId } };
}

const STATUSES: readonly string[] = TASK_STATUSES;

/** A value as the grid's own edit would take it (numbers as decimal strings, the status list, …); a message when not. */
export function valueProblem(entity: ExchangeEntity, field: string, v: Value): string | null {
  const isText = (x: Value) => x === null || typeof x === 'string';
  if (entity === 'target' && field === 'value') return v === null || (typeof v === 'string' && isDecimalString(v)) ? null : '目标值/实际值应为数字';
  if (entity === 'task' && field === 'status') return typeof v === 'string' && STATUSES.includes(v) ? null : `任务状态应为 ${STATUSES.join('、')} 之一`;
  if (entity === 'task' && field === 'deadline') return v === null || (typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v)) ? null : '完成时限应为 年-月（如 2025-06）';
  if (entity === 'task' && (TASK_RELATIONS as readonly string[]).includes(field)) return Array.isArray(v) ? null : '应为名单';
  if (['year', 'period_start', 'period_end', 'baseline_year', 'target_year', 'max_priority_industries'].includes(field))
    return v === null || (typeof v === 'number' && Number.isInteger(v)) ? null : '应为整数';
  if (typeof v === 'string' && v.length > 20_000) return '文字过长（最多 20000 字）';
  return isText(v) ? null : '应为文字';
}

const oneOf = (v: Value | undefined, list: readonly (string | null)[]) => list.includes(v === undefined ? null : typeof v === 'string' ? v : '\u0000');
const isId = (v: Value | undefined) => typeof v === 'string' && v.length > 0 && v.length <= 500;

/** A new comment's row as the comments table takes it (migration 004's checks, said in words), or a message. */
export function commentRowProblem(row: Row): string | null {
  if (typeof row.body !== 'string' || !row.body.trim()) return '批注内容不能为空';
  if (typeof row.author !== 'string' || typeof row.created_at !== 'string' || typeof row.updated_at !== 'string') return '批注缺少作者或时间';
  if (row.target === 'task') return isId(row.task_id) && (row.indicator_id ?? null) === null ? null : '任务批注应写明任务';
  if (row.target !== 'cell') return '批注应在单元格或任务上';
  const ok = isId(row.indicator_id) && (row.task_id ?? null) === null && oneOf(row.scope, ['plan', 'district', 'cluster']) && typeof row.scope_id === 'string'
    && typeof row.year === 'number' && Number.isInteger(row.year) && oneOf(row.period, ['', 'Q1', 'Q2', 'Q3', 'Q4']) && oneOf(row.kind, ['target', 'actual']);
  return ok ? null : '单元格批注的地址不完整';
}

/** Refuses actions whose values or references the plan file cannot take, naming each cell. */
export function validateActions(ctx: StoreContext, actions: readonly Action[]): void {
  const q = exchangeQueries(ctx.db);
  const issues: { field: string; message: string }[] = [];
  const refs = (entity: ExchangeEntity, field: string, v: Value, rowId: string) => {
    if (entity === 'task' && Array.isArray(v) && (TASK_RELATIONS as readonly string[]).includes(field)) {
      for (const id of v) {
        const ok = field === 'districts' ? q.districtById.get(id) : q.departmentExists.get(id);
        if (!ok) issues.push({ field: `task.${field}`, message: `任务 ${rowId}：本文件中没有${field === 'districts' ? '区县' : '部门'} ${id}` });
      }
    }
    if (entity === 'plan_district' && field === 'district_id' && typeof v === 'string' && !q.districtById.get(v)) issues.push({ field: 'plan_district', message: `本文件中没有区县 ${v}` });
  };
  for (const a of actions) {
    if (a.op === 'set') {
      const p = valueProblem(a.entity, a.field, a.to);
      if (p) issues.push({ field: `${a.entity}.${a.field}`, message: `${a.entity} ${a.rowId} 的 ${a.field}：${p}` });
      refs(a.entity, a.field, a.to, a.rowId);
    } else if (a.op === 'insert') {
      const p = a.entity === 'comment' ? commentRowProblem(a.row) : null;
      if (p) issues.push({ field: 'comment', message: `新增的批注 ${a.rowId}：${p}` });
      for (const [f, v] of Object.entries(a.row)) {
        if (f === 'sort_order' || PRESENTATION_FIELDS.has(f)) continue;
        const p = valueProblem(a.entity, f, v);
        if (p) issues.push({ field: `${a.entity}.${f}`, message: `新增的 ${a.entity} ${a.rowId} 的 ${f}：${p}` });
        refs(a.entity, f, v, a.rowId);
      }
    }
    if (issues.length > 200) break;
  }
  if (issues.length) throw invalid(`报送包中有 ${issues.length} 处值本文件不能接受，未导入`, issues, { reason: 'exchange.valuesRefused', params: { count: issues.length } });
}

export function writeActions(ctx: StoreContext, rec: ChangeRecorder, planId: string, actions: readonly Action[]): void {
  const now = ctx.now();
  for (const a of orderForApply(actions)) {
    if (a.op === 'set') {
      setEntityField(ctx.db, a.entity, a.rowId, a.field, asText(a.to));
      rec.update(a.entity, a.rowId, a.field, a.from, a.to);
      if (a.entity === 'comment' && a.field === 'body') {
        // a comment's text taken from the package: edited now, as comments.update would say (not compared by the merge)
        const was = ctx.db.prepare<[string], { updated_at: string }>('SELECT updated_at FROM comments WHERE id = ?').get(a.rowId)?.updated_at ?? null;
        setEntityField(ctx.db, 'comment', a.rowId, 'updated_at', now);
        rec.update('comment', a.rowId, 'updated_at', was, now);
      }
    } else if (a.op === 'insert') {
      restoreEntity(ctx.db, a.entity, snapshotOf(planId, a.entity, a.rowId, a.row, now));
      rec.inserted(a.entity, a.rowId);
    } else {
      if (a.entity === 'indicator') {
        // its remaining values go with it: recorded first, so undo brings them back
        const ids = ctx.db.prepare<[string], { id: string }>('SELECT id FROM target_values WHERE indicator_id = ?').all(a.rowId);
        for (const t of ids) {
          rec.removing('target', t.id);
          removeEntity(ctx.db, 'target', t.id);
        }
      }
      rec.removing(a.entity, a.rowId);
      removeEntity(ctx.db, a.entity, a.rowId);
    }
  }
}
