/** The reference lists a draft's names are matched against: the file's departments (with aliases) and districts. */
import type { StoreContext } from '../context.ts';
import { departmentQueries } from '../departments/queries.ts';
import { districtQueries } from '../districts/queries.ts';
import type { Reference } from './names.ts';

export function referenceOf(ctx: StoreContext): Reference {
  const departments = departmentQueries(ctx.db)
    .all.all()
    .map((d) => ({ id: d.id, name: d.name, aliases: (JSON.parse(d.aliases ?? '[]') as unknown[]).filter((a): a is string => typeof a === 'string') }));
  const districts = districtQueries(ctx.db)
    .all.all()
    .map((d) => ({ id: d.id, name: d.name, code: d.code, group: d.area_group }));
  return { departments, districts };
}
