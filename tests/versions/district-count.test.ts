/** The version comparison's per-district count (issue 13): a change counts once in each district it actually touches. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { Comparison, VersionInfo } from '../../contract/ops/versions.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';

describe('changes per district in a comparison', () => {
  it('one edit of an 8-district task is one shared change, not eight; membership and single-district edits count where they happen', () => {
    const s = seededStore();
    const tasks = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 500 }).rows;
    const wide = tasks.find((t) => t.districts.length === 8)!;
    const single = tasks.find((t) => t.districts.length === 1)!;
    expect(wide && single).toBeTruthy();
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: 'v1' });

    ok(s, 'tasks.update', { taskId: wide.id, patch: { progress: '已开工' } });
    let cmp = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current' });
    expect(cmp.byDistrict).toEqual([]);
    expect(cmp.sharedChanges).toBe(1);

    // 荣昌区 taken off the wide task: a removal there, nowhere else; the progress edit stays one shared change.
    const rongchang = wide.districts.find((d) => d.name === '荣昌区')!;
    ok(s, 'tasks.update', { taskId: wide.id, patch: { districts: wide.districts.filter((d) => d.id !== rongchang.id).map((d) => d.name) } });
    // A task of one district edited: a change in that district.
    ok(s, 'tasks.update', { taskId: single.id, patch: { progress: '推进中' } });
    // A district target edited: a change in that district.
    ok(s, 'targets.set', { indicatorId: `${PLAN}/i/revenue`, scope: 'district', scopeId: 'd-500116', year: 2027, kind: 'target', value: '3100' });
    cmp = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current' });
    const counts = Object.fromEntries(cmp.byDistrict.map((d) => [d.name, [d.added, d.removed, d.changed]]));
    const singleName = single.districts[0]!.name;
    const expected: Record<string, number[]> = { 荣昌区: [0, 1, 0], 江津区: [0, 0, 1] };
    expected[singleName] = [0, 0, (expected[singleName]?.[2] ?? 0) + 1];
    expect(counts).toEqual(expected);
    expect(cmp.sharedChanges).toBe(1);
  });
});
