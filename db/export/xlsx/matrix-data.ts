/**
 * The target matrices of a plan as the workbook shows them: one per indicator and scope (districts
 * or clusters) that has target values, rows × years. Shared by the export and the import's diff.
 */
import type { StoreContext } from '../../context.ts';
import type { Indicator, TargetValue } from '../../../contract/entities.ts';
import { listTargets } from '../../targets/handlers.ts';
import { listIndicators } from '../../indicators/list.ts';
import { districtQueries } from '../../districts/queries.ts';
import { clusterQueries } from '../../clusters/queries.ts';
import { getPlanRow } from '../../plans/handlers.ts';
import type { MatrixScope } from './layout.ts';

export interface MatrixRowData {
  scopeId: string;
  name: string;
  /** by year: the stored target (kind 'target', whole year) or undefined */
  cells: Map<number, TargetValue>;
}

export interface MatrixData {
  scope: MatrixScope;
  indicator: Indicator;
  years: number[];
  rows: MatrixRowData[];
}

/** Every indicator × scope with at least one yearly target value, in indicator order. */
export function planMatrices(ctx: StoreContext, planId: string): MatrixData[] {
  const plan = getPlanRow(ctx, planId);
  const indicators = listIndicators(ctx, planId);
  const out: MatrixData[] = [];
  for (const scope of ['district', 'cluster'] as const) {
    const targets = listTargets(ctx, planId, scope).filter((t) => t.kind === 'target' && t.period === '');
    const scopeRows: { id: string; name: string }[] =
      scope === 'district'
        ? districtQueries(ctx.db).ofPlan.all(planId).map((d) => ({ id: d.district_id, name: d.name }))
        : clusterQueries(ctx.db).ofPlan.all(planId).map((c) => ({ id: c.id, name: c.name }));
    for (const indicator of indicators) {
      const mine = targets.filter((t) => t.indicatorId === indicator.id);
      if (!mine.length) continue;
      const years = new Set<number>();
      for (let y = plan.period_start; y <= plan.period_end; y++) years.add(y);
      for (const t of mine) years.add(t.year);
      const rows: MatrixRowData[] = scopeRows.map((s) => ({ scopeId: s.id, name: s.name, cells: new Map() }));
      const byId = new Map(rows.map((r) => [r.scopeId, r]));
      for (const t of mine) {
        const id = t.scopeId ?? '';
        let row = byId.get(id);
        if (!row) {
          // A value for a district that is not (or no longer) listed in the plan: still shown.
          const name = scope === 'district' ? (districtQueries(ctx.db).byId.get(id)?.name ?? id) : (clusterQueries(ctx.db).byId.get(id)?.name ?? id);
          row = { scopeId: id, name, cells: new Map() };
          rows.push(row);
          byId.set(id, row);
        }
        row.cells.set(t.year, t);
      }
      out.push({ scope, indicator, years: [...years].sort((a, b) => a - b), rows });
    }
  }
  return out;
}
