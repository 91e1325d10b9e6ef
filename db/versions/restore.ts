/**
 * Restoring a version: the differences current → version are written through runChange, so the
 * restore is one undoable step and every field it changes is in the audit log (and in the cell's
 * history). Removals go children first, inserts parents first, updates in between, so foreign keys
 * and unique keys hold at every step (and undo, which replays backwards, keeps them too).
 */
import type { StoreContext } from '../context.ts';
import { runChange, type Entity } from '../audit/recorder.ts';
import { asText } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import type { Changes } from '../../contract/changes.ts';
import { removeEntity, restoreEntity, setEntityField, type Snapshot } from '../history/entities.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { historyStatus, type HistoryStatus } from '../history/handlers.ts';
import { VERSIONED, specs, type RowData, type VersionedEntity } from './rows.ts';
import { comparePairs, type RawPair } from './diff.ts';
import { sameValue, parseRow } from './rules.ts';
import type { VersionRow } from './queries.ts';

const RELATIONS = ['lead_departments', 'participating_departments', 'districts'];

function snapshotOf(ctx: StoreContext, planId: string, entity: VersionedEntity, rowId: string, data: RowData): Snapshot {
  const row: Snapshot['row'] = {};
  for (const [k, v] of Object.entries(data)) if (!Array.isArray(v)) row[k] = v;
  if (entity === 'plan_district') {
    row.plan_id = planId;
    row.district_id = rowId.slice(planId.length + 1);
  } else {
    row.id = rowId;
    if (entity !== 'target') row.plan_id = planId;
  }
  if (entity === 'task') {
    row.updated_at = ctx.now();
    const relations: Record<string, string[]> = {};
    for (const r of RELATIONS) relations[r] = Array.isArray(data[r]) ? (data[r] as string[]) : [];
    return { row, relations };
  }
  return { row };
}

export interface RestoreResult extends HistoryStatus {
  rowsChanged: number;
  label: string;
  changes: Changes;
}

export function restoreVersion(ctx: StoreContext, version: VersionRow): RestoreResult {
  const plan = getPlanRow(ctx, version.plan_id);
  // Read the whole difference first (O(changes)): the driver does not write while a read is open.
  const pairs: RawPair[] = [...comparePairs(ctx, plan.id, 'current', version)];
  const label = `恢复版本“${version.name}”`;
  if (pairs.length === 0) return { ...historyStatus(ctx, plan.id), rowsChanged: 0, label, changes: noChanges(plan.id) };
  const rank = (e: VersionedEntity) => VERSIONED.indexOf(e);
  const removals = pairs.filter((p) => p.new === null).sort((x, y) => rank(y.entity) - rank(x.entity));
  const inserts = pairs.filter((p) => p.old === null).sort((x, y) => rank(x.entity) - rank(y.entity));
  const updates = pairs.filter((p) => p.old !== null && p.new !== null);

  const { changes } = runChange(ctx, { label, planId: plan.id }, (rec) => {
    for (const p of removals) {
      rec.removing(p.entity satisfies Entity, p.rowId);
      removeEntity(ctx.db, p.entity, p.rowId);
    }
    for (const p of updates) {
      const cur = parseRow(p.old) ?? {};
      const next = parseRow(p.new) ?? {};
      for (const f of [...specs[p.entity].fields, ...specs[p.entity].meta]) {
        if (f === 'district_id' || sameValue(cur[f], next[f])) continue;
        setEntityField(ctx.db, p.entity, p.rowId, f, asText(next[f] ?? null));
        rec.update(p.entity, p.rowId, f, cur[f] ?? null, next[f] ?? null);
      }
    }
    for (const p of inserts) {
      restoreEntity(ctx.db, p.entity, snapshotOf(ctx, plan.id, p.entity, p.rowId, parseRow(p.new) ?? {}));
      rec.inserted(p.entity, p.rowId);
    }
    return {};
  });
  return { ...historyStatus(ctx, plan.id), rowsChanged: pairs.length, label, changes };
}
