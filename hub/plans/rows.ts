/**
 * A plan's rows on the hub (migration 003 hub_rows, temporal): the current state read into the pure
 * merge's in-memory tables (domain/exchange/merge.ts Tables), and a new state written as one version —
 * each changed row's current line closed at the new version, its new content inserted from it.
 */
import { EXCHANGE_ENTITIES, type Change, type ExchangeEntity, type Row } from '../../domain/exchange/types.ts';
import type { Tables } from '../../domain/exchange/merge.ts';
import type { Queryable } from '../pg.ts';
import { query } from '../pg.ts';

export async function currentTables(db: Queryable, planId: string): Promise<Tables> {
  return tablesOf(await query<{ entity: ExchangeEntity; row_id: string; data: Row }>(db, 'SELECT entity, row_id, data FROM hub_rows WHERE plan_id = $1 AND to_version IS NULL', [planId]));
}

type RowLine = { entity: ExchangeEntity; row_id: string; data: Row };

/**
 * The current rows a package of changes needs, not the whole plan: the rows it changes, the plan's own row
 * (its title and 文号 are kept on hub_plans), the targets of each indicator it adds a target to (a second
 * new row for one cell is found by its natural key: domain/exchange/merge.ts), and the tasks its comments
 * are on (a district's comment is in scope on a task it is named on: domain/exchange/scope.ts). A push of
 * 1,000 changes to a 40,000-task plan read every row of the plan before (the load bench: 6 s a push).
 */
export async function touchedTables(db: Queryable, planId: string, changes: readonly Change[]): Promise<Tables> {
  const entities: string[] = ['plan'];
  const ids: string[] = [planId];
  const indicators = new Set<string>();
  for (const c of changes) {
    entities.push(c.entity);
    ids.push(c.rowId);
    if (c.op === 'insert' && c.entity === 'target' && typeof c.row.indicator_id === 'string') indicators.add(c.row.indicator_id);
  }
  const byId = (e: string[], r: string[]) =>
    query<RowLine>(
      db,
      `SELECT h.entity, h.row_id, h.data FROM hub_rows h JOIN unnest($2::text[], $3::text[]) AS t(entity, row_id)
          ON h.entity = t.entity AND h.row_id = t.row_id
        WHERE h.plan_id = $1 AND h.to_version IS NULL`,
      [planId, e, r],
    );
  const lines = [...(await byId(entities, ids)).rows];
  if (indicators.size)
    lines.push(
      ...(
        await query<RowLine>(
          db,
          "SELECT entity, row_id, data FROM hub_rows WHERE plan_id = $1 AND to_version IS NULL AND entity = 'target' AND data ->> 'indicator_id' = ANY($2::text[])",
          [planId, [...indicators]],
        )
      ).rows,
    );
  // the tasks the comments (those changed, as they are now or as inserted) are on
  const tasks = new Set<string>();
  const taskOf = (row: Row | null | undefined) => (typeof row?.task_id === 'string' ? row.task_id : null);
  for (const l of lines) if (l.entity === 'comment' && taskOf(l.data)) tasks.add(taskOf(l.data)!);
  for (const c of changes) if (c.entity === 'comment' && c.op !== 'update' && taskOf(c.row)) tasks.add(taskOf(c.row)!);
  const have = new Set(lines.filter((l) => l.entity === 'task').map((l) => l.row_id));
  const missing = [...tasks].filter((t) => !have.has(t));
  if (missing.length) lines.push(...(await byId(missing.map(() => 'task'), missing)).rows);
  return tablesOf({ rows: lines });
}

/** the plan as it was at `version` */
export async function tablesAt(db: Queryable, planId: string, version: number): Promise<Tables> {
  return tablesOf(
    await query<{ entity: ExchangeEntity; row_id: string; data: Row }>(
      db,
      'SELECT entity, row_id, data FROM hub_rows WHERE plan_id = $1 AND from_version <= $2 AND (to_version IS NULL OR to_version > $2)',
      [planId, version],
    ),
  );
}

function tablesOf(rows: { rows: RowLine[] }): Tables {
  const tables: Tables = new Map(EXCHANGE_ENTITIES.map((e) => [e, new Map<string, Row>()]));
  for (const r of rows.rows) {
    let t = tables.get(r.entity);
    if (!t) tables.set(r.entity, (t = new Map<string, Row>()));
    t.set(r.row_id, r.data);
  }
  return tables;
}

/** one text per row content: jsonb gives its keys back in its own order, so compare key-sorted */
const sorted = (row: Row): string => JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k]]));

/** Writes `next` as version `version` of the plan where it differs from `now`; the number of rows written. */
export async function writeVersion(tx: Queryable, planId: string, version: number, now: Tables, next: Tables): Promise<number> {
  const closeE: string[] = [];
  const closeR: string[] = [];
  const newE: string[] = [];
  const newR: string[] = [];
  const newD: string[] = [];
  for (const e of EXCHANGE_ENTITIES) {
    const a = now.get(e) ?? new Map<string, Row>();
    const b = next.get(e) ?? new Map<string, Row>();
    // each row's content compared once (key-sorted JSON of both sides, not again for the second loop)
    const same = new Set<string>();
    for (const [id, row] of a) {
      const nb = b.get(id);
      // the same object is the same content (applyActions keeps the rows it does not touch): no JSON for those
      if (nb === row || (nb && sorted(nb) === sorted(row))) {
        same.add(id);
        continue;
      }
      closeE.push(e);
      closeR.push(id);
    }
    for (const [id, row] of b) {
      if (same.has(id)) continue;
      newE.push(e);
      newR.push(id);
      newD.push(JSON.stringify(row));
    }
  }
  if (closeE.length)
    await query(
      tx,
      `UPDATE hub_rows h SET to_version = $2 FROM unnest($3::text[], $4::text[]) AS c(entity, row_id)
        WHERE h.plan_id = $1 AND h.to_version IS NULL AND h.entity = c.entity AND h.row_id = c.row_id`,
      [planId, version, closeE, closeR],
    );
  if (newE.length)
    await query(
      tx,
      `INSERT INTO hub_rows (plan_id, entity, row_id, data, from_version)
       SELECT $1, n.entity, n.row_id, n.data::jsonb, $2 FROM unnest($3::text[], $4::text[], $5::text[]) AS n(entity, row_id, data)`,
      [planId, version, newE, newR, newD],
    );
  return new Set([...closeE.map((e, i) => `${e}\u0000${closeR[i]}`), ...newE.map((e, i) => `${e}\u0000${newR[i]}`)]).size;
}
