/**
 * A plan's rows on the hub (migration 003 hub_rows, temporal): the current state read into the pure
 * merge's in-memory tables (domain/exchange/merge.ts Tables), and a new state written as one version —
 * each changed row's current line closed at the new version, its new content inserted from it.
 */
import { EXCHANGE_ENTITIES, type ExchangeEntity, type Row } from '../../domain/exchange/types.ts';
import type { Tables } from '../../domain/exchange/merge.ts';
import type { Queryable } from '../pg.ts';
import { query } from '../pg.ts';

export async function currentTables(db: Queryable, planId: string): Promise<Tables> {
  return tablesOf(await query<{ entity: ExchangeEntity; row_id: string; data: Row }>(db, 'SELECT entity, row_id, data FROM hub_rows WHERE plan_id = $1 AND to_version IS NULL', [planId]));
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

function tablesOf(rows: { rows: { entity: ExchangeEntity; row_id: string; data: Row }[] }): Tables {
  const tables: Tables = new Map(EXCHANGE_ENTITIES.map((e) => [e, new Map<string, Row>()]));
  for (const r of rows.rows) tables.get(r.entity)!.set(r.row_id, r.data);
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
    for (const [id, row] of a) {
      const nb = b.get(id);
      // the same object is the same content (applyActions keeps the rows it does not touch): no JSON for those
      if (nb === row || (nb && sorted(nb) === sorted(row))) continue;
      closeE.push(e);
      closeR.push(id);
    }
    for (const [id, row] of b) {
      const na = a.get(id);
      if (na === row || (na && sorted(na) === sorted(row))) continue;
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
