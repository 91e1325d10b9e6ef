/**
 * Undo and redo of whole user actions, per plan, from the audit log: so they survive a restart.
 * Undoing writes the reversed values through a change set of its own (kind 'undo'), so the audit
 * log and a cell's history show every value the cell had. Like every write, undo and redo answer
 * with the change set they made (db/audit/changes.ts), so the views refresh only what they touched.
 */
import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { historyOps } from '../../contract/ops/history.ts';
import type { Entity } from '../audit/recorder.ts';
import { PlanDeskError, fromSqliteError } from '../errors.ts';
import { auditQueries } from '../audit/queries.ts';
import { asText } from '../audit/recorder.ts';
import { currentAuthor } from '../identity/author.ts';
import { ChangeCollector, noChanges } from '../audit/changes.ts';
import type { Changes } from '../../contract/changes.ts';
import { entityDefs, removeEntity, restoreEntity, setEntityField, type Snapshot } from './entities.ts';

export interface HistoryStatus {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

function isEntity(e: string): e is Entity {
  return Object.prototype.hasOwnProperty.call(entityDefs, e);
}

export function historyStatus(ctx: StoreContext, planId: string): HistoryStatus {
  const q = auditQueries(ctx.db);
  const done = q.lastDone.get(planId);
  const undone = q.lastUndone.get(planId);
  return { canUndo: !!done, canRedo: !!undone, undoLabel: done?.label ?? null, redoLabel: undone?.label ?? null };
}

type Entry = { entity: string; entity_id: string; field: string; old_value: string | null; new_value: string | null };

/** Applies entries in the given direction: 'back' puts old values back, 'forward' puts new values again. */
function apply(ctx: StoreContext, entries: Entry[], direction: 'back' | 'forward', record: (e: Entry, from: string | null, to: string | null) => void): void {
  const ordered = direction === 'back' ? [...entries].reverse() : entries;
  for (const e of ordered) {
    if (!isEntity(e.entity)) throw new PlanDeskError('INTERNAL', `修改记录中有未知的记录类型：${e.entity}`);
    const from = direction === 'back' ? e.new_value : e.old_value;
    const to = direction === 'back' ? e.old_value : e.new_value;
    if (e.field === '*') {
      if (to === null) removeEntity(ctx.db, e.entity, e.entity_id);
      else restoreEntity(ctx.db, e.entity, JSON.parse(to) as Snapshot);
    } else {
      setEntityField(ctx.db, e.entity, e.entity_id, e.field, to);
    }
    record(e, from, to);
  }
}

function reverse(ctx: StoreContext, planId: string, kind: 'undo' | 'redo'): { label: string | null; changes: Changes } {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能修改。');
  const q = auditQueries(ctx.db);
  const tx = ctx.db.transaction(() => {
    const target = kind === 'undo' ? q.lastDone.get(planId) : q.lastUndone.get(planId);
    if (!target) return { label: null, changes: noChanges(planId) };
    const label = `${kind === 'undo' ? '撤销' : '重做'}：${target.label}`;
    const who = currentAuthor(ctx);
    const info = q.insertReversal.run(ctx.now(), who.name, who.department, who.district, planId, label, kind, target.id);
    const setId = Number(info.lastInsertRowid);
    const collected = new ChangeCollector();
    apply(ctx, q.entriesOf.all(target.id), kind === 'undo' ? 'back' : 'forward', (e, from, to) => {
      q.insertEntry.run(setId, e.entity, e.entity_id, e.field, asText(from), asText(to));
      if (isEntity(e.entity)) collected.note(e.entity, e.entity_id, e.field, asText(from), asText(to));
    });
    q.setState.run(kind === 'undo' ? 'undone' : 'done', target.id);
    return { label: target.label, changes: collected.build(ctx, { changeSetId: setId, planId }) };
  });
  try {
    return tx();
  } catch (err) {
    throw fromSqliteError(err);
  }
}

export function undo(ctx: StoreContext, planId: string): HistoryStatus & { undone: string | null; changes: Changes } {
  const r = reverse(ctx, planId, 'undo');
  return { ...historyStatus(ctx, planId), undone: r.label, changes: r.changes };
}

export function redo(ctx: StoreContext, planId: string): HistoryStatus & { redone: string | null; changes: Changes } {
  const r = reverse(ctx, planId, 'redo');
  return { ...historyStatus(ctx, planId), redone: r.label, changes: r.changes };
}

export function cellHistory(ctx: StoreContext, entity: Entity, entityId: string, field: string) {
  return auditQueries(ctx.db)
    .cellHistory.all(entity, entityId, field)
    .map((r) => ({ at: r.at, userName: r.user_name, userDepartment: r.user_department, userDistrict: r.user_district, label: r.label, oldValue: r.old_value, newValue: r.new_value }));
}

export const historyHandlers = {
  'history.status': (ctx, input) => historyStatus(ctx, input.planId),
  'history.undo': (ctx, input) => undo(ctx, input.planId),
  'history.redo': (ctx, input) => redo(ctx, input.planId),
  'history.cell': (ctx, input) => cellHistory(ctx, input.entity, input.entityId, input.field),
} satisfies HandlersFor<typeof historyOps, StoreContext>;
