import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { departmentOps } from '../../contract/ops/departments.ts';
import type { Department } from '../../contract/entities.ts';
import { departmentQueries, type DepartmentRow } from './queries.ts';
import {
  createDepartment, deleteDepartment, departmentEntries, mergeDepartments, moveDepartment, renameDepartment, setDepartmentAliases,
} from './authoring.ts';

export function listDepartments(ctx: StoreContext): Department[] {
  return departmentQueries(ctx.db)
    .all.all()
    .map((r) => ({ id: r.id, name: r.name, aliases: r.aliases ? (JSON.parse(r.aliases) as string[]) : [] }));
}

/** A department by its name or any known alias (市住房城乡建委 → 市住房城乡建设委), or null. */
export function resolveDepartment(ctx: StoreContext, nameOrAlias: string): DepartmentRow | null {
  const q = departmentQueries(ctx.db);
  const name = nameOrAlias.trim();
  return q.byName.get(name) ?? q.byAlias.get(name) ?? null;
}

export const departmentHandlers = {
  'departments.list': (ctx) => listDepartments(ctx),
  'departments.entries': (ctx) => departmentEntries(ctx),
  'departments.create': (ctx, input) => createDepartment(ctx, input),
  'departments.rename': (ctx, input) => renameDepartment(ctx, input),
  'departments.setAliases': (ctx, input) => setDepartmentAliases(ctx, input),
  'departments.move': (ctx, input) => moveDepartment(ctx, input),
  'departments.delete': (ctx, input) => deleteDepartment(ctx, input),
  'departments.merge': (ctx, input) => mergeDepartments(ctx, input),
} satisfies HandlersFor<typeof departmentOps, StoreContext>;
