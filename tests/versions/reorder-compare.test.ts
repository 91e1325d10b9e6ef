/**
 * A moved cluster, indicator or district shows in version compare as a change of its 位置 (s8-auth14,
 * db/versions/order.ts); inserting a row, which renumbers the rows below it, names only the new row; a
 * reorder of the task ledger stays no change (engine.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { PlanOverview } from '../../contract/entities.ts';
import type { DiffDocument } from '../../contract/ops/versions.ts';
import { longestIncreasing } from '../../db/versions/order.ts';

const P = 'p-yufu-2023-13';

describe('reordering in version compare', () => {
  it('names the moved cluster and indicator with their old and new places, and nothing else', () => {
    const s = seededStore();
    const ov = ok<PlanOverview>(s, 'plans.get', { planId: P });
    const v1 = ok<{ id: number }>(s, 'versions.create', { planId: P, name: '调整前' });
    ok(s, 'clusters.move', { planId: P, clusterId: ov.clusters[2]!.id, position: 0 });
    ok(s, 'indicators.move', { planId: P, indicatorId: ov.indicators[0]!.id, position: 5 });
    ok(s, 'clusters.create', { planId: P, name: '低空经济', position: 1 });
    const diff = ok<DiffDocument>(s, 'versions.diff', { planId: P, from: v1.id, to: 'current' });
    const moved = diff.changes.filter((c) => c.cells.some((x) => x.field === 'position')).map((c) => [c.table, c.label, c.cells.map((x) => [x.fieldLabel, x.oldText, x.newText])]);
    expect(moved).toEqual([
      ['cluster', ov.clusters[2]!.name, [['位置', '3', '1']]],
      ['indicator', ov.indicators[0]!.name, [['位置', '1', '6']]],
    ]);
    expect(diff.changes.filter((c) => c.table === 'cluster').map((c) => c.kind).sort()).toEqual(['added', 'changed']);
    // saved as a version, the same; the comparison the workbench shows lists the place among the row's fields
    const v2 = ok<{ id: number }>(s, 'versions.create', { planId: P, name: '调整后' });
    const cmp = ok<{ rows: { table: string; fields: { field: string; oldText: string; newText: string; changed: boolean }[] }[] }>(s, 'versions.compare', { planId: P, from: v1.id, to: v2.id, table: 'cluster' });
    expect(cmp.rows.flatMap((r) => r.fields.filter((f) => f.field === 'position'))).toEqual([{ field: 'position', oldText: '3', newText: '1', changed: true }]);
  });

  it('keeps the longest run in order (pure)', () => {
    expect([...longestIncreasing([3, 1, 2, 4, 5])].sort()).toEqual([1, 2, 3, 4]);
    expect([...longestIncreasing([])]).toEqual([]);
    expect(longestIncreasing([5, 4, 3, 2, 1]).size).toBe(1);
  });
});
