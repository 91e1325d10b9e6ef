/**
 * Helpers of the version tests: edits written straight through runChange (the path every write of
 * the core takes), tables read back in the comparison's form, and daff (an independent table diff)
 * on the same tables.
 */
import daff from 'daff';
import { randomUUID } from 'node:crypto';
import type { PlanStore } from '../../db/store.ts';
import { runChange, type Entity } from '../../db/audit/recorder.ts';
import { removeEntity, setEntityField, snapshotEntity } from '../../db/history/entities.ts';
import { asText } from '../../db/audit/recorder.ts';
import { specs, type CellValue, type RowData, type VersionedEntity } from '../../db/versions/rows.ts';
import { currentTable, versionTable } from '../../db/versions/store.ts';
import type { RowChange } from '../../db/versions/rules.ts';

export type Edit =
  | { op: 'set'; entity: Entity; id: string; field: string; value: CellValue }
  | { op: 'delete'; entity: Entity; id: string }
  | { op: 'insertTask'; planId: string; title: string; sortOrder: number; id?: string };

/** Applies edits as one change set (one undo step), recording each like the core's handlers do. */
export function applyEdits(store: PlanStore, planId: string, edits: Edit[], label = '测试修改'): void {
  runChange(store.ctx, { label, planId }, (rec) => {
    for (const e of edits) {
      if (e.op === 'set') {
        const snap = snapshotEntity(store.db, e.entity, e.id);
        if (!snap) continue;
        const old = snap.relations?.[e.field] ?? snap.row[e.field] ?? null;
        setEntityField(store.db, e.entity, e.id, e.field, asText(e.value));
        rec.update(e.entity, e.id, e.field, old, e.value);
      } else if (e.op === 'delete') {
        if (!snapshotEntity(store.db, e.entity, e.id)) continue;
        rec.removing(e.entity, e.id);
        removeEntity(store.db, e.entity, e.id);
      } else {
        const id = e.id ?? randomUUID();
        store.db
          .prepare("INSERT INTO tasks (id, plan_id, number, sort_order, title, status, updated_at) VALUES (?, ?, '', ?, ?, '未开始', ?)")
          .run(id, planId, e.sortOrder, e.title, store.ctx.now());
        rec.inserted('task', id);
      }
    }
  });
}

export type Rows = Map<string, RowData>;

const toRows = (list: Iterable<{ rowId: string; data: string }>): Rows => {
  const m: Rows = new Map();
  for (const r of list) m.set(r.rowId, JSON.parse(r.data) as RowData);
  return m;
};

export const versionRows = (store: PlanStore, planId: string, seq: number, entity: VersionedEntity): Rows => toRows(versionTable(store.ctx, planId, seq, entity));
export const currentRows = (store: PlanStore, planId: string, entity: VersionedEntity): Rows => toRows(currentTable(store.ctx, planId, entity));

const cellText = (v: CellValue | undefined): string | null => (v === null || v === undefined ? null : Array.isArray(v) ? JSON.stringify(v) : String(v));

/** A table in daff's form: header row, then [id, …compared fields] as text. */
export function daffTable(entity: VersionedEntity, rows: Rows): (string | null)[][] {
  const fields = specs[entity].fields;
  return [['__id', ...fields], ...[...rows].map(([id, r]) => [id, ...fields.map((f) => cellText(r[f]))])];
}

export interface Verdict {
  added: string[];
  removed: string[];
  /** "id field old→new" per changed cell */
  cells: string[];
}

type DaffCell = string | number | null | { before: unknown; after: unknown };

/** daff's comparison of two tables, keyed by id, reduced to added/removed rows and changed cells. */
export function daffVerdict(entity: VersionedEntity, a: Rows, b: Rows): Verdict {
  const flags = new daff.CompareFlags();
  flags.addPrimaryKey('__id');
  flags.show_unchanged = false;
  flags.show_unchanged_columns = true;
  flags.unchanged_context = 0;
  flags.allow_nested_cells = true;
  flags.ordered = false;
  const alignment = daff.compareTables(new daff.TableView(daffTable(entity, a)), new daff.TableView(daffTable(entity, b)), flags).align();
  const out: DaffCell[][] = [];
  new daff.TableDiff(alignment, flags).hilite(new daff.TableView(out));
  const v: Verdict = { added: [], removed: [], cells: [] };
  const head = (out[0] ?? []).map(String);
  for (const row of out.slice(1)) {
    const action = String(row[0] ?? '');
    const idCell = row[head.indexOf('__id')];
    const id = typeof idCell === 'object' && idCell !== null ? String(idCell.after) : String(idCell);
    if (action === '+++') v.added.push(id);
    else if (action === '---') v.removed.push(id);
    else if (action.includes('->')) {
      row.forEach((c, i) => {
        if (i === 0 || typeof c !== 'object' || c === null) return;
        v.cells.push(`${id} ${head[i]} ${String(c.before)}→${String(c.after)}`);
      });
    }
  }
  return { added: v.added.sort(), removed: v.removed.sort(), cells: v.cells.sort() };
}

/** Our comparison reduced the same way. */
export function ourVerdict(changes: Iterable<RowChange>, entity: VersionedEntity): Verdict {
  const v: Verdict = { added: [], removed: [], cells: [] };
  for (const c of changes) {
    if (c.entity !== entity) continue;
    if (c.kind === 'added') v.added.push(c.rowId);
    else if (c.kind === 'removed') v.removed.push(c.rowId);
    else for (const x of c.cells) v.cells.push(`${c.rowId} ${x.field} ${String(cellText(x.old))}→${String(cellText(x.new))}`);
  }
  return { added: v.added.sort(), removed: v.removed.sort(), cells: v.cells.sort() };
}
