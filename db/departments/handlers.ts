import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { departmentOps } from '../../contract/ops/departments.ts';
import type { Unit } from '../../contract/entities.ts';
import { unitQueries, type UnitRow } from './queries.ts';

export function listUnits(ctx: StoreContext): Unit[] {
  return unitQueries(ctx.db)
    .all.all()
    .map((r) => ({ id: r.id, name: r.name, aliases: r.aliases ? (JSON.parse(r.aliases) as string[]) : [] }));
}

/** A department by its name or any known alias (市住房城乡建委 → 市住房城乡建设委), or null. */
export function resolveUnit(ctx: StoreContext, nameOrAlias: string): UnitRow | null {
  const q = unitQueries(ctx.db);
  const name = nameOrAlias.trim();
  return q.byName.get(name) ?? q.byAlias.get(name) ?? null;
}

export const departmentHandlers = {
  'units.list': (ctx) => listUnits(ctx),
} satisfies HandlersFor<typeof departmentOps, StoreContext>;
