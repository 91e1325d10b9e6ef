/**
 * Writes an import's catalog changes (catalog-changes.ts) inside the import's one change set, each row
 * recorded like the authoring operations record it (rec.inserted / rec.update / sort_order), so the
 * whole import stays one undo step. Departments first: they are common to every plan.
 */
import type { StoreContext } from '../context.ts';
import { preparedOnce } from '../context.ts';
import type { ChangeRecorder } from '../audit/recorder.ts';
import { clusterQueries } from '../clusters/queries.ts';
import { indicatorQueries } from '../indicators/queries.ts';
import { indicatorEditQueries } from '../indicators/edit-queries.ts';
import { COLUMNS as INDICATOR_COLUMNS } from '../indicators/patch.ts';
import { applyOrder } from '../clusters/authoring.ts';
import { departmentEditQueries, departmentQueries } from '../departments/queries.ts';
import { writeTargetCell } from '../targets/cells.ts';
import type { CatalogWrites } from './catalog-changes.ts';

const q = preparedOnce((db) => ({
  clusterUpdate: db.prepare<[string, string | null, string | null, string], never>('UPDATE clusters SET name = ?, note = ?, source = ? WHERE id = ?'),
  clusterOrder: db.prepare<[number, string], never>('UPDATE clusters SET sort_order = ? WHERE id = ?'),
  indicatorOrder: db.prepare<[number, string], never>('UPDATE indicators SET sort_order = ? WHERE id = ?'),
}));

export function applyCatalogWrites(ctx: StoreContext, rec: ChangeRecorder, planId: string, w: CatalogWrites): number {
  const dq = departmentEditQueries(ctx.db);
  for (const d of w.departments) {
    if (d.kind === 'insert') {
      dq.insert.run({ id: d.id, name: d.name, sort_order: null });
      rec.inserted('department', d.id);
    } else if (d.beforeName !== null && d.beforeName !== d.name) {
      dq.rename.run(d.name, d.id);
      rec.update('department', d.id, 'name', d.beforeName, d.name);
    }
    if (d.aliases) {
      for (const a of d.beforeAliases.filter((x) => !d.aliases?.includes(x))) {
        rec.removing('department_alias', a);
        dq.removeAlias.run(a);
      }
      for (const a of d.aliases.filter((x) => !d.beforeAliases.includes(x))) {
        departmentQueries(ctx.db).insertAlias.run(a, d.id);
        rec.inserted('department_alias', a);
      }
    }
  }
  if (w.departmentOrder) applyOrder(rec, 'department', dq.ordered.all(), w.departmentOrder, (o, id) => dq.setOrder.run(o, id));

  for (const c of w.clusters) {
    if (c.kind === 'insert') {
      clusterQueries(ctx.db).insert.run({ ...c.row, sort_order: 1_000_000 });
      rec.inserted('cluster', c.row.id);
    } else if (c.before) {
      q(ctx.db).clusterUpdate.run(c.row.name, c.row.note, c.row.source, c.row.id);
      for (const k of ['name', 'note', 'source'] as const) rec.update('cluster', c.row.id, k, c.before[k], c.row[k]);
    }
  }
  // New rows are placed by the sheet's order (they count as moved when it is written).
  const clusterOrder = w.clusterOrder ?? (w.clusters.some((c) => c.kind === 'insert') ? clusterQueries(ctx.db).ofPlan.all(planId).map((c) => c.id) : null);
  if (clusterOrder) applyOrder(rec, 'cluster', clusterQueries(ctx.db).ofPlan.all(planId), clusterOrder, (o, id) => q(ctx.db).clusterOrder.run(o, id));

  for (const i of w.indicators) {
    if (i.kind === 'insert') {
      indicatorQueries(ctx.db).insert.run({ ...i.row, sort_order: 1_000_000 });
      rec.inserted('indicator', i.row.id);
    } else if (i.before) {
      indicatorEditQueries(ctx.db).update.run(i.row);
      for (const k of INDICATOR_COLUMNS) rec.update('indicator', i.row.id, k, i.before[k], i.row[k]);
    }
    // As indicators.update does: the indicator's target is the plan's stated total for its year.
    const targetMoved = !i.before || i.before.target_value !== i.row.target_value || i.before.target_text !== i.row.target_text || i.before.target_year !== i.row.target_year;
    if (targetMoved && i.row.target_year !== null && (i.before || i.row.target_value !== null)) {
      writeTargetCell(ctx, rec, { indicator: i.row, scope: 'plan', scopeId: '', year: i.row.target_year, period: '', kind: 'target', value: i.row.target_value, text: i.row.target_text });
    }
  }
  const indicatorOrder = w.indicatorOrder ?? (w.indicators.some((i) => i.kind === 'insert') ? indicatorQueries(ctx.db).ofPlan.all(planId).map((i) => i.id) : null);
  if (indicatorOrder) applyOrder(rec, 'indicator', indicatorQueries(ctx.db).ofPlan.all(planId), indicatorOrder, (o, id) => q(ctx.db).indicatorOrder.run(o, id));
  return w.clusters.length + w.indicators.length + w.departments.length;
}
