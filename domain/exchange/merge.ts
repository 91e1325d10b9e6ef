/**
 * The three-way merge of a 报送包 into a plan, cell by cell against the package's base (issue 15).
 *
 * Why our own: the rule is Dolt's cell-wise merge (rows matched by primary key, each cell compared with
 * the common ancestor, conflicts kept as data for a person to resolve), and there is no library for our
 * rows: SQLite's session extension (changesets with a per-row conflict handler) is not exposed by
 * better-sqlite3, node:sqlite's handler cannot resolve per cell, cr-sqlite is dormant, and CRDT/LWW
 * libraries (Actual Budget's model) pick a winner silently, which is wrong for official targets.
 *
 * The rule, per changed cell of the package ("theirs") against the receiving plan ("mine"):
 * - changed on their side only (mine = base) → taken;
 * - the same new value on both sides → nothing;
 * - different → a conflict (base / mine / theirs);
 * - a row they edited that I deleted, or they deleted that I edited → a conflict;
 * - a new row of theirs whose natural key (a target's indicator, scope, scope id, year, period, kind)
 *   I already hold under another id, or whose id I hold with other content → a conflict.
 * Nothing is written here: the result lists actions and conflicts; `resolve` turns the chosen sides
 * into actions. Pure: no Node, no DOM.
 */
import { MERGED_FIELDS, naturalKey, sameRow, sameValue, type Action, type Change, type ExchangeEntity, type Row, type Value } from './types.ts';

/** The receiving plan as the merge sees it. */
export interface MineView {
  row(entity: ExchangeEntity, rowId: string): Row | null;
  /** the id of my row with this natural key (see types.ts naturalKey), or null */
  byNaturalKey(entity: ExchangeEntity, key: string): string | null;
}

export type ConflictKind = 'cell' | 'editedDeleted' | 'deletedEdited' | 'sameKey';

export interface Conflict {
  /** stable within one preview: entity/rowId/field */
  id: string;
  kind: ConflictKind;
  entity: ExchangeEntity;
  rowId: string;
  /** the cell, for 'cell'; null for a whole-row conflict */
  field: string | null;
  base: Value;
  mine: Value;
  theirs: Value;
  /** whole rows, for row conflicts: mine null when I deleted it, theirs null when they deleted it */
  mineRow: Row | null;
  theirsRow: Row | null;
  /** for 'sameKey': the id of my row with the same natural key */
  mineRowId: string | null;
  author: string;
  at: string;
}

export interface MergeResult {
  actions: Action[];
  conflicts: Conflict[];
  /** package changes that are already so in the plan */
  unchanged: number;
}

const conflictId = (entity: string, rowId: string, field: string | null) => `${entity}/${rowId}/${field ?? '*'}`;

type RowChanges = { entity: ExchangeEntity; rowId: string; changes: Change[] };

function groupByRow(changes: readonly Change[]): RowChanges[] {
  const byKey = new Map<string, RowChanges>();
  for (const c of changes) {
    const k = `${c.entity}\u0000${c.rowId}`;
    let g = byKey.get(k);
    if (!g) byKey.set(k, (g = { entity: c.entity, rowId: c.rowId, changes: [] }));
    g.changes.push(c);
  }
  return [...byKey.values()];
}

export function merge(changes: readonly Change[], mine: MineView): MergeResult {
  const out: MergeResult = { actions: [], conflicts: [], unchanged: 0 };
  // rows the package deletes: a new row of theirs may take the natural key such a row had (one id replaced by another)
  const deleted = new Set(changes.filter((c) => c.op === 'delete').map((c) => `${c.entity}\u0000${c.rowId}`));
  for (const g of groupByRow(changes)) mergeRow(g, mine, out, deleted);
  return out;
}

function mergeRow(g: RowChanges, mine: MineView, out: MergeResult, deleted: ReadonlySet<string>): void {
  const { entity, rowId } = g;
  const mineRow = mine.row(entity, rowId);
  const del = g.changes.find((c) => c.op === 'delete');
  const ins = g.changes.find((c) => c.op === 'insert');
  if (del && del.op === 'delete') {
    if (!mineRow) out.unchanged++;
    else if (sameRow(entity, mineRow, del.row)) out.actions.push({ op: 'delete', entity, rowId, row: mineRow });
    else
      out.conflicts.push({
        id: conflictId(entity, rowId, null), kind: 'deletedEdited', entity, rowId, field: null, base: null, mine: null, theirs: null,
        mineRow, theirsRow: null, mineRowId: null, author: del.author, at: del.at,
      });
    return;
  }
  if (ins && ins.op === 'insert') {
    if (mineRow) {
      // the same id on both sides: compared cell by cell, the base being "no row" (null)
      let same = true;
      for (const f of MERGED_FIELDS[entity]) {
        const t = ins.row[f] ?? null;
        const m = mineRow[f] ?? null;
        if (sameValue(t, m)) continue;
        same = false;
        out.conflicts.push({
          id: conflictId(entity, rowId, f), kind: 'cell', entity, rowId, field: f, base: null, mine: m, theirs: t,
          mineRow: null, theirsRow: null, mineRowId: null, author: ins.author, at: ins.at,
        });
      }
      if (same) out.unchanged++;
      return;
    }
    const key = naturalKey(entity, ins.row);
    const other = key === null ? null : mine.byNaturalKey(entity, key);
    if (other !== null && other !== rowId && !deleted.has(`${entity}\u0000${other}`)) {
      const otherRow = mine.row(entity, other);
      if (otherRow && sameRow(entity, { ...otherRow }, { ...ins.row })) {
        out.unchanged++;
        return;
      }
      out.conflicts.push({
        id: conflictId(entity, rowId, null), kind: 'sameKey', entity, rowId, field: null, base: null, mine: null, theirs: null,
        mineRow: otherRow, theirsRow: ins.row, mineRowId: other, author: ins.author, at: ins.at,
      });
      return;
    }
    out.actions.push({ op: 'insert', entity, rowId, row: ins.row });
    return;
  }
  const updates = g.changes.filter((c): c is Extract<Change, { op: 'update' }> => c.op === 'update');
  if (!mineRow) {
    const first = updates[0];
    if (!first) return;
    const theirsRow: Row = {};
    for (const u of updates) theirsRow[u.field] = u.value;
    out.conflicts.push({
      id: conflictId(entity, rowId, null), kind: 'editedDeleted', entity, rowId, field: null, base: null, mine: null, theirs: null,
      mineRow: null, theirsRow, mineRowId: null, author: first.author, at: first.at,
    });
    return;
  }
  for (const u of updates) {
    const m = mineRow[u.field] ?? null;
    if (sameValue(m, u.value)) out.unchanged++;
    else if (sameValue(m, u.base)) out.actions.push({ op: 'set', entity, rowId, field: u.field, from: m, to: u.value });
    else
      out.conflicts.push({
        id: conflictId(entity, rowId, u.field), kind: 'cell', entity, rowId, field: u.field, base: u.base, mine: m, theirs: u.value,
        mineRow: null, theirsRow: null, mineRowId: null, author: u.author, at: u.at,
      });
  }
}

export type Resolution = { take: 'mine' } | { take: 'theirs' } | { value: Value };

/**
 * The actions a resolved conflict writes. A typed value is for a cell conflict only (a row conflict
 * is resolved by taking one side); it is validated by the caller like the grid's own edit.
 */
export function resolveConflict(c: Conflict, r: Resolution, baseRow: (entity: ExchangeEntity, rowId: string) => Row | null): Action[] {
  if ('take' in r && r.take === 'mine') return [];
  if (c.kind === 'cell') {
    const to = 'value' in r ? r.value : c.theirs;
    if (sameValue(to, c.mine)) return [];
    return [{ op: 'set', entity: c.entity, rowId: c.rowId, field: c.field ?? '', from: c.mine, to }];
  }
  if ('value' in r) return [];
  if (c.kind === 'deletedEdited') return c.mineRow ? [{ op: 'delete', entity: c.entity, rowId: c.rowId, row: c.mineRow }] : [];
  if (c.kind === 'editedDeleted') {
    // their edits on the row as it was in the base: the row comes back
    const base = baseRow(c.entity, c.rowId);
    return base ? [{ op: 'insert', entity: c.entity, rowId: c.rowId, row: { ...base, ...(c.theirsRow ?? {}) } }] : [];
  }
  // sameKey: their values go into my row of that key (one record, one id)
  const actions: Action[] = [];
  if (c.mineRow && c.theirsRow && c.mineRowId) {
    for (const f of MERGED_FIELDS[c.entity]) {
      const t = c.theirsRow[f] ?? null;
      const m = c.mineRow[f] ?? null;
      if (!sameValue(t, m)) actions.push({ op: 'set', entity: c.entity, rowId: c.mineRowId, field: f, from: m, to: t });
    }
  }
  return actions;
}

const ENTITY_ORDER: Record<ExchangeEntity, number> = { plan: 0, plan_district: 1, cluster: 2, indicator: 3, target: 4, task: 5, comment: 6 };

/**
 * The order a merge's actions are written in: deletes first (children before parents), so a new row may
 * take the natural key of one it replaces; then inserts (parents first); then cell values.
 */
export function orderForApply(actions: readonly Action[]): Action[] {
  const rank = (a: Action) => (a.op === 'delete' ? 10 - ENTITY_ORDER[a.entity] : a.op === 'insert' ? 20 + ENTITY_ORDER[a.entity] : 30 + ENTITY_ORDER[a.entity]);
  return actions.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i).map((x) => x.a);
}

/** Applies actions to in-memory tables (used by the property tests and by the district's local merge checks). */
export type Tables = Map<ExchangeEntity, Map<string, Row>>;

export function applyActions(tables: Tables, actions: readonly Action[]): Tables {
  const out: Tables = new Map([...tables].map(([e, t]) => [e, new Map(t)]));
  const table = (e: ExchangeEntity) => {
    let t = out.get(e);
    if (!t) out.set(e, (t = new Map()));
    return t;
  };
  for (const a of orderForApply(actions)) {
    const t = table(a.entity);
    if (a.op === 'delete') t.delete(a.rowId);
    else if (a.op === 'insert') t.set(a.rowId, { ...a.row });
    else t.set(a.rowId, { ...(t.get(a.rowId) ?? {}), [a.field]: a.to });
  }
  return out;
}

/** A MineView over in-memory tables. */
export function tablesView(tables: Tables): MineView {
  return {
    row: (e, id) => tables.get(e)?.get(id) ?? null,
    byNaturalKey: (e, key) => {
      for (const [id, row] of tables.get(e) ?? []) if (naturalKey(e, row) === key) return id;
      return null;
    },
  };
}

/** The changes from `base` to `now`, as a package carries them (for tests and the district's local merge). */
export function diffTables(base: Tables, now: Tables, author = '', at = ''): Change[] {
  const out: Change[] = [];
  const entities = new Set<ExchangeEntity>([...base.keys(), ...now.keys()]);
  for (const entity of entities) {
    const b = base.get(entity) ?? new Map<string, Row>();
    const n = now.get(entity) ?? new Map<string, Row>();
    for (const [rowId, row] of b) {
      const nr = n.get(rowId);
      if (!nr) out.push({ op: 'delete', entity, rowId, row, author, at });
      else
        for (const f of MERGED_FIELDS[entity])
          if (!sameValue(row[f], nr[f])) out.push({ op: 'update', entity, rowId, field: f, base: row[f] ?? null, value: nr[f] ?? null, author, at });
    }
    for (const [rowId, row] of n) if (!b.has(rowId)) out.push({ op: 'insert', entity, rowId, row, author, at });
  }
  return out;
}
