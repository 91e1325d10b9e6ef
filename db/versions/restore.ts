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
import { LINK_NAMES, VERSIONED, specs, type RowData, type VersionedEntity } from './rows.ts';
import { encodeLinks, readLinks, writeLinks, type Link, type LinkValue, type Role } from '../history/links.ts';
import { departmentQueries } from '../departments/queries.ts';
import { comparePairs, type RawPair } from './diff.ts';
import { sameValue, parseRow } from './rules.ts';
import type { VersionRow } from './queries.ts';

const ROLE_OF: Record<string, Role> = { lead_departments: 'lead', participating_departments: 'participating' };

/**
 * The links a version's task row asks for, with the document's wording: the wording it kept, else the
 * name the department had then where the department is named otherwise now (a rename since: the plan
 * gets its old wording back, linked to the same department), else none. A row stored without names
 * keeps the wording the task has now for the departments that stay (`current`).
 */
function versionLinks(ctx: StoreContext, data: RowData, field: keyof typeof LINK_NAMES, current: readonly Link[]): Link[] {
  const ids = Array.isArray(data[field]) ? (data[field] as string[]) : [];
  const c = LINK_NAMES[field];
  const names = data[c.names];
  const wording = data[c.asWritten];
  const byId = departmentQueries(ctx.db).byId;
  const out: Link[] = [];
  ids.forEach((saved, i) => {
    const kept = Array.isArray(names) && names.length === ids.length;
    const w = kept && Array.isArray(wording) ? wording[i] : undefined;
    const then = kept ? names[i] : undefined;
    // a department merged away since: the department it was merged into, under the name it had
    const merged = byId.get(saved) ? null : mergedInto(ctx, saved);
    const id = merged?.id ?? saved;
    if (out.some((l) => l.id === id)) return;
    if (!kept) out.push({ id, asWritten: current.find((l) => l.id === id)?.asWritten ?? (merged ? merged.fromName : null) });
    else if (w) out.push({ id, asWritten: w });
    else out.push({ id, asWritten: then !== undefined && then !== byId.get(id)?.name ? then : null });
  });
  return out;
}

/** Where a merged-away department went (following later merges), with its name when merged. */
function mergedInto(ctx: StoreContext, id: string): { id: string; fromName: string } | null {
  const q = ctx.db.prepare<[string], { into: string; from_name: string }>(
    'SELECT into_department_id AS "into", from_name FROM department_merges WHERE from_department_id = ? ORDER BY merged_at DESC LIMIT 1',
  );
  let at = q.get(id);
  if (!at) return null;
  const fromName = at.from_name;
  for (let hops = 0; hops < 50; hops++) {
    if (departmentQueries(ctx.db).byId.get(at.into)) return { id: at.into, fromName };
    const next = q.get(at.into);
    if (!next) return null;
    at = next;
  }
  return null;
}

const sameLinkList = (a: readonly Link[], b: readonly Link[]) => a.length === b.length && a.every((x, i) => x.id === b[i]?.id && x.asWritten === b[i]?.asWritten);

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
    const relations: Record<string, LinkValue[]> = { districts: Array.isArray(data.districts) ? (data.districts as string[]) : [] };
    for (const r of ['lead_departments', 'participating_departments'] as const) relations[r] = encodeLinks(versionLinks(ctx, data, r, []));
    for (const k of Object.values(LINK_NAMES)) {
      delete row[k.names];
      delete row[k.asWritten];
    }
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
        const role = p.entity === 'task' ? ROLE_OF[f] : undefined;
        if (role && (f === 'lead_departments' || f === 'participating_departments')) {
          // the links with their wording, also where only the names differ (history/links.ts)
          const before = readLinks(ctx.db, p.rowId, role);
          const after = versionLinks(ctx, next, f, before);
          if (sameLinkList(before, after)) continue;
          writeLinks(ctx.db, p.rowId, role, after);
          rec.update('task', p.rowId, f, encodeLinks(before), encodeLinks(after));
          continue;
        }
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
