/**
 * The change set a write answers with (contract/changes.ts), derived from what the write recorded
 * through `runChange` (or what undo/redo replayed): which records of which domain were inserted,
 * changed or removed, and which fields. The records the views apply in place (targets, tasks, plan
 * headers) are read once here, inside the write's transaction, as they are after it; every other
 * domain is named by id only and its views fetch again.
 */
import type { StoreContext } from '../context.ts';
import type { Changes, ChangeDomain } from '../../contract/changes.ts';
import type { Entity } from './recorder.ts';
import { targetQueries, toTargetValue } from '../targets/queries.ts';
import { taskQueries, type TaskRow } from '../tasks/queries.ts';
import { hydrateTasks } from '../tasks/hydrate.ts';
import { planQueries, toPlanHeader } from '../plans/queries.ts';

/** More changed records than this in one domain (an import, a version restored) are named, not sent. */
export const MAX_ROWS = 2000;

/** null: not a view's domain (a deleted plan's saved versions: the versions tab reads them when shown) */
const DOMAIN: Record<Entity, ChangeDomain | null> = {
  plan: 'plans',
  district: 'districts',
  plan_district: 'districts',
  cluster: 'clusters',
  indicator: 'indicators',
  target: 'targets',
  department: 'departments',
  task: 'tasks',
  comment: 'comments',
  department_alias: 'departments',
  department_merge: 'departments',
  version: null,
  version_row: null,
  trusted_key: 'keys',
};

type Mark = { state: 'added' | 'changed' | 'removed'; fields: Set<string> };

/** Collects what a write touched, entry by entry, in the order the audit log records it. */
export class ChangeCollector {
  private readonly marks = new Map<ChangeDomain, Map<string, Mark>>();

  /** one audit entry: `field` '*' with `oldValue` null is an insert, with `newValue` null a delete */
  note(entity: Entity, entityId: string, field: string, oldValue: string | null, newValue: string | null): void {
    const domain = DOMAIN[entity];
    if (domain === null) return;
    const byId = this.marks.get(domain) ?? new Map<string, Mark>();
    this.marks.set(domain, byId);
    const mark = byId.get(entityId);
    if (field === '*' && newValue === null) {
      // Inserted then removed in the same write: as if it never was.
      if (mark?.state === 'added') byId.delete(entityId);
      else byId.set(entityId, { state: 'removed', fields: new Set(['*']) });
      return;
    }
    if (field === '*') {
      // Removed then put back (a restore): a change of the record.
      byId.set(entityId, { state: mark?.state === 'removed' ? 'changed' : 'added', fields: new Set(['*']) });
      return;
    }
    if (mark) mark.fields.add(field);
    else byId.set(entityId, { state: 'changed', fields: new Set([field]) });
  }

  get empty(): boolean {
    return [...this.marks.values()].every((m) => m.size === 0);
  }

  /** The change set, with the records the views apply read as they are now (call inside the write's transaction). */
  build(ctx: StoreContext, meta: { changeSetId: number | null; planId: string | null }): Changes {
    const out: Changes = { changeSetId: meta.changeSetId, planId: meta.planId, everything: false };
    for (const [domain, byId] of this.marks) {
      if (byId.size === 0) continue;
      const changed: string[] = [];
      const added: string[] = [];
      const removed: string[] = [];
      const fields = new Set<string>();
      for (const [id, m] of byId) {
        if (m.state === 'removed') removed.push(id);
        else changed.push(id);
        if (m.state === 'added') added.push(id);
        m.fields.forEach((f) => fields.add(f));
      }
      const truncated = changed.length > MAX_ROWS;
      const base = { changed, added, removed, fields: [...fields].sort(), truncated };
      const ids = truncated ? [] : changed;
      if (domain === 'targets') out.targets = { ...base, rows: loadTargets(ctx, ids) };
      else if (domain === 'tasks') out.tasks = { ...base, rows: loadTasks(ctx, ids) };
      else if (domain === 'plans') out.plans = { ...base, rows: loadPlans(ctx, ids) };
      else out[domain] = { ...base, rows: [] };
    }
    return out;
  }
}

function present<T>(v: T | undefined): v is T {
  return v !== undefined;
}

function loadTargets(ctx: StoreContext, ids: string[]) {
  const q = targetQueries(ctx.db);
  return ids.map((id) => q.byId.get(id)).filter(present).map(toTargetValue);
}

function loadTasks(ctx: StoreContext, ids: string[]) {
  const q = taskQueries(ctx.db);
  return hydrateTasks(ctx, ids.map((id) => q.byId.get(id)).filter((r): r is TaskRow => r !== undefined));
}

function loadPlans(ctx: StoreContext, ids: string[]) {
  const q = planQueries(ctx.db);
  return ids.map((id) => q.byId.get(id)).filter(present).map(toPlanHeader);
}

/** The answer of a write that wrote nothing (every value already as asked). */
export function noChanges(planId: string | null): Changes {
  return { changeSetId: null, planId, everything: false };
}

/** The answer of a write that replaced the whole file (a backup restored): every view fetches again. */
export function everythingChanged(): Changes {
  return { changeSetId: null, planId: null, everything: true };
}
