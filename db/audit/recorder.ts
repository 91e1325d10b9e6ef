/**
 * Every write of the core runs through `runChange`: one transaction, one change set (the unit of
 * undo and of the audit log), one audit row per changed field. For inserts and deletes the field is
 * '*' and the value is the whole row as JSON, so the change can be replayed backwards. What was
 * recorded is also the write's answer: `runChange` returns the write's value with `changes`
 * (db/audit/changes.ts), which the renderer publishes to the views showing those records.
 */
import type { StoreContext } from '../context.ts';
import { PlanDeskError, fromSqliteError } from '../errors.ts';
import { auditQueries } from './queries.ts';
import { snapshotEntity } from '../history/entities.ts';
import type { Changes } from '../../contract/changes.ts';
import { ChangeCollector } from './changes.ts';
import { currentAuthor } from '../identity/author.ts';

export type Entity = 'plan' | 'district' | 'plan_district' | 'cluster' | 'indicator' | 'target' | 'department' | 'task' | 'comment' | 'department_alias' | 'department_merge' | 'version' | 'version_row' | 'trusted_key';

export interface ChangeRecorder {
  changeSetId: number;
  /** records one field's change (nothing when old and new are equal) */
  update(entity: Entity, entityId: string, field: string, oldValue: unknown, newValue: unknown): void;
  /** call right after inserting a record: records it whole, so undo can remove it and redo re-create it */
  inserted(entity: Entity, entityId: string): void;
  /** call right before deleting a record (and before its dependants, each recorded too) */
  removing(entity: Entity, entityId: string): void;
}

export { DEFAULT_USER } from '../identity/author.ts';

/** The name the audit log writes beside the next change (db/identity/author.ts: identity, old preferences.userName, 未署名). */
export function currentUser(ctx: StoreContext): string {
  return currentAuthor(ctx).name;
}

export function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export type WithChanges<T> = T & { changes: Changes };

type ChangeMeta = { label: string; planId: string | null };

export function runChange<T extends object>(ctx: StoreContext, change: ChangeMeta, write: (rec: ChangeRecorder) => T): WithChanges<T>;
export function runChange(ctx: StoreContext, change: ChangeMeta, write: (rec: ChangeRecorder) => void): { changes: Changes };
export function runChange(ctx: StoreContext, change: ChangeMeta, write: (rec: ChangeRecorder) => object | void): { changes: Changes } {
  if (ctx.readonly) throw new PlanDeskError('READ_ONLY', '规划文件以只读方式打开，不能修改。');
  const q = auditQueries(ctx.db);
  const tx = ctx.db.transaction(() => {
    // A new edit ends the redo stack of its plan.
    q.discardRedo.run(change.planId);
    const who = currentAuthor(ctx);
    const info = q.insertChangeSet.run(ctx.now(), who.name, who.department, who.district, change.planId, change.label);
    const changeSetId = Number(info.lastInsertRowid);
    const collected = new ChangeCollector();
    const entry = (entity: Entity, entityId: string, field: string, o: string | null, n: string | null) => {
      q.insertEntry.run(changeSetId, entity, entityId, field, o, n);
      collected.note(entity, entityId, field, o, n);
    };
    const rec: ChangeRecorder = {
      changeSetId,
      update(entity, entityId, field, oldValue, newValue) {
        const o = asText(oldValue);
        const n = asText(newValue);
        if (o !== n) entry(entity, entityId, field, o, n);
      },
      inserted(entity, entityId) {
        entry(entity, entityId, '*', null, asText(snapshotEntity(ctx.db, entity, entityId)));
      },
      removing(entity, entityId) {
        entry(entity, entityId, '*', asText(snapshotEntity(ctx.db, entity, entityId)), null);
      },
    };
    const value = write(rec);
    return { ...(value ?? {}), changes: collected.build(ctx, { changeSetId, planId: change.planId }) };
  });
  try {
    return tx();
  } catch (err) {
    throw fromSqliteError(err);
  }
}
