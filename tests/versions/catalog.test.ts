/**
 * Clusters, indicators and departments in versions and compare (issue 14 §1): an added, renamed or
 * deleted cluster or indicator is a row of the comparison; a department merge shows in the tasks it
 * repointed — in every plan, also those other than the one the merge was made in — with names, never ids.
 */
import { describe, expect, it } from 'vitest';
import { builtStore, ok, seededStore } from '../helpers/store.ts';
import type { Comparison } from '../../contract/ops/versions.ts';
import type { IndicatorRow } from '../../contract/ops/indicators.ts';

const PLAN = 'p-yufu-2023-13';
type Row = Comparison['rows'][number];
const compare = (s: ReturnType<typeof seededStore>, planId: string, from: number) =>
  ok<Comparison>(s, 'versions.compare', { planId, from, to: 'current', limit: 2000 });
const brief = (r: Row) => [r.table, r.kind, r.label];

describe('authoring in versions', () => {
  it('new, renamed, moved and deleted clusters and indicators are rows of the comparison (a move as its 位置, s8-auth14)', () => {
    const s = seededStore();
    const v1 = ok<{ id: number }>(s, 'versions.create', { planId: PLAN, name: 'v1' });
    const doc = ok<{ clusters: { id: string; name: string }[] }>(s, 'plans.get', { planId: PLAN });
    const [c0, c1] = doc.clusters;
    ok(s, 'clusters.create', { planId: PLAN, name: '低空经济' });
    ok(s, 'clusters.update', { planId: PLAN, updates: [{ clusterId: c1!.id, patch: { name: '改名后的集群' } }] });
    ok(s, 'clusters.delete', { planId: PLAN, clusterId: c0!.id, confirm: true });
    ok(s, 'indicators.create', { planId: PLAN, patch: { name: '研发投入强度', unit: '%', targetYear: 2027, targetValue: '2%以上' } });
    const ind = ok<IndicatorRow[]>(s, 'indicators.list', { planId: PLAN });
    ok(s, 'indicators.move', { planId: PLAN, indicatorId: ind[0]!.id, position: 3 });
    const rows = compare(s, PLAN, v1.id).rows;
    const mine = rows.filter((r) => r.table === 'cluster' || r.table === 'indicator').map(brief);
    expect(mine).toEqual(expect.arrayContaining([
      ['cluster', 'added', '低空经济'], ['cluster', 'changed', '改名后的集群'], ['cluster', 'removed', c0!.name], ['indicator', 'added', '研发投入强度'],
      ['indicator', 'changed', ind[0]!.name],
    ]));
    // the rows that closed up behind the deleted cluster, or made room, did not move relative to each other
    expect(mine).toHaveLength(5);
    expect(rows.find((r) => r.table === 'indicator' && r.kind === 'changed')!.cells).toMatchObject([{ field: 'position', oldText: '1', newText: '4' }]);
    const renamed = rows.find((r) => r.table === 'cluster' && r.kind === 'changed')!;
    expect(renamed.cells).toMatchObject([{ field: 'name', oldText: c1!.name, newText: '改名后的集群' }]);
    // the deleted cluster's target values went with it
    expect(rows.filter((r) => r.table === 'target' && r.kind === 'removed').length).toBeGreaterThan(0);
    // saved again, the new version holds the same
    const v2 = ok<{ id: number }>(s, 'versions.create', { planId: PLAN, name: 'v2' });
    const between = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v1.id, to: v2.id, limit: 2000 }).rows;
    expect(between.filter((r) => r.table === 'cluster' || r.table === 'indicator').map(brief)).toEqual(mine);
  });

  it('a merge made in one plan shows in the tasks of another plan it repointed, by name (the merged name, not an id)', () => {
    const s = builtStore((b) => {
      b.department('市金融监管局');
      b.department('市金融工作局');
      const task = (id: string, lead: string) => ({
        id, number: '1', section: null, title: `任务${id}`, description: null, leadDepartments: [lead], participatingDepartments: [], districts: [],
        deadline: null, deadlineText: null, quantitativeGoal: null, source: 'test',
      });
      b.plan({ id: 'p1' }).tasks.push(task('a', '市金融监管局'));
      b.plan({ id: 'p2' }).tasks.push(task('b', '市金融工作局'));
    });
    const v1 = ok<{ id: number }>(s, 'versions.create', { planId: 'p2', name: 'before' });
    ok(s, 'departments.merge', { planId: 'p1', fromId: 'u-2', intoId: 'u-1' });
    const rows = compare(s, 'p2', v1.id).rows;
    expect(rows.map(brief)).toEqual([['task', 'changed', '1 任务b']]);
    // the merged spelling stays the task's wording (task_departments.as_written), beside the department it links now
    expect(rows[0]!.cells).toMatchObject([{ field: 'lead_departments', oldText: '市金融工作局', newText: '市金融监管局（原文：市金融工作局）' }]);
    const v2 = ok<{ id: number }>(s, 'versions.create', { planId: 'p2', name: 'after' });
    expect(ok<Comparison>(s, 'versions.compare', { planId: 'p2', from: v1.id, to: v2.id }).rows.map(brief)).toEqual([['task', 'changed', '1 任务b']]);
  });
});
