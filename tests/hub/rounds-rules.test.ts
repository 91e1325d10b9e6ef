/** hub/plans/rounds.ts reportRounds, pure: a report's round from its base, followed through the district's own reports. */
import { describe, expect, it } from 'vitest';
import { reportRounds, type PackageMeta } from '../../hub/plans/rounds.ts';

let n = 0n;
const pkg = (sender: string, recipient: string, seq: number, base: PackageMeta | string | null = null): PackageMeta => ({
  id: ++n,
  packageId: `p${n}`,
  sender,
  recipient,
  seq,
  basePackageId: typeof base === 'string' || base === null ? base : base.packageId,
});

describe('rounds of a plan', () => {
  it('a report is in the round of the city package it was made on, or of its own report it was made on', () => {
    const c1 = pkg('city', '江津区', 1);
    const r1 = pkg('江津区', 'city', 1, c1);
    const c2 = pkg('city', '江津区', 2);
    // made on its own round-1 report after round 2 went out: a round-1 answer
    const late = pkg('江津区', 'city', 2, r1);
    const r2 = pkg('江津区', 'city', 3, c2);
    const again = pkg('江津区', 'city', 4, r2);
    const m = reportRounds([again, r2, late, c2, r1, c1]);
    expect([m.get(r1.id), m.get(late.id), m.get(r2.id), m.get(again.id)]).toEqual([1, 1, 2, 2]);
    expect(m.has(c1.id)).toBe(false);
  });

  it('a base the hub does not hold: the round of the city package received last before it, else 1', () => {
    const first = pkg('合川区', 'city', 1, 'went-by-file');
    const c1 = pkg('city', '合川区', 1);
    const c2 = pkg('city', '合川区', 2);
    const c9 = pkg('city', '永川区', 9);
    const unknown = pkg('合川区', 'city', 2, 'went-by-file');
    const none = pkg('合川区', 'city', 3, null);
    const m = reportRounds([first, c1, c2, c9, unknown, none]);
    expect([m.get(first.id), m.get(unknown.id), m.get(none.id)]).toEqual([1, 2, 2]);
  });

  it('another district\'s package as base does not count, and a cycle of forged bases ends', () => {
    const c3 = pkg('city', '永川区', 3);
    const c1 = pkg('city', '江津区', 1);
    const foreign = pkg('江津区', 'city', 1, c3);
    const a: PackageMeta = { ...pkg('江津区', 'city', 2), basePackageId: `p${n + 1n}` };
    const b = pkg('江津区', 'city', 3, a);
    const m = reportRounds([c3, c1, foreign, a, b]);
    expect([m.get(foreign.id), m.get(a.id), m.get(b.id)]).toEqual([1, 1, 1]);
  });
});
