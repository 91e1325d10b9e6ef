import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { TargetMatrix } from '../../contract/ops/targets.ts';

describe('clusters grid', () => {
  it('edits a cluster’s name, note and target value as one step; the share follows', () => {
    const s = seededStore();
    const PLAN = 'p-yufu-2023-13';
    const REVENUE = `${PLAN}/i/revenue`;
    ok(s, 'clusters.update', { planId: PLAN, indicatorId: REVENUE, year: 2027, updates: [{ clusterId: `${PLAN}/c/9`, patch: { targetValue: '500', note: '按总量口径调整' } }] });
    const m = ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'cluster' });
    expect(m.totals.sum.at(-1)).toBe('14000');
    expect(m.totals.difference.at(-1)).toBe('0');
    expect(m.rows.at(-1)!.share.at(-1)).toBe('3.57');
    ok(s, 'history.undo', { planId: PLAN });
    expect(ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'cluster' }).totals.sum.at(-1)).toBe('14100');
    const r = s.call('clusters.update', { planId: PLAN, indicatorId: REVENUE, year: 2027, updates: [{ clusterId: `${PLAN}/c/1`, patch: { name: ' ', targetValue: 'abc' } }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues).toHaveLength(2);
  });
});
