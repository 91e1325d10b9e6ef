import { describe, expect, it } from 'vitest';
import type { TargetMatrix } from '../../contract/ops/targets.ts';
import type { TargetValue } from '../../contract/entities.ts';
import { applyTargetChanges, withFigures } from '../../domain/target-matrix.ts';

const YEARS = [2022, 2023, 2024, 2025, 2026, 2027];
const ROWS = ['d-1', 'd-2', 'd-3', 'd-4', 'd-5'];

/** A small deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function matrix(kind: 'target' | 'actual', next: () => number): TargetMatrix {
  const value = () => (next() < 0.2 ? null : String(Math.round(next() * 1000) + (next() < 0.3 ? 0.5 : 0)));
  const nulls = () => YEARS.map(() => null);
  return withFigures({
    indicator: { id: 'i', planId: 'p', name: '营业收入', unit: '亿元', baselineYear: 2022, targetYear: 2027 },
    scope: 'district',
    kind,
    years: YEARS,
    rows: ROWS.map((id) => ({ scopeId: id, name: id, target: YEARS.map(value), targetText: nulls(), actual: YEARS.map(value), actualText: nulls(), cagr: null, cagrFrom: null, cagrTo: null, share: nulls() })),
    totals: { sum: nulls(), stated: YEARS.map(() => (next() < 0.5 ? String(Math.round(next() * 5000)) : null)), statedText: nulls(), difference: nulls(), cagr: null },
  });
}

function cell(scope: 'district' | 'plan', scopeId: string | null, year: number, kind: 'target' | 'actual', value: string | null): TargetValue {
  return { id: `i/${scope}/${scopeId ?? ''}/${year}/${kind}`, indicatorId: 'i', scope, scopeId, year, period: '', kind, value, text: null, source: null };
}

describe('a change set applied to a matrix: the figures an edit kept equal the ones computed from scratch', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: 60 edits in a row (cells, stated totals, the other kind, several at once)', (seed) => {
    const next = random(seed);
    for (const kind of ['target', 'actual'] as const) {
      let m = matrix(kind, next);
      for (let step = 0; step < 60; step++) {
        const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
        const value = () => (next() < 0.15 ? null : String(Math.round(next() * 2000) - (next() < 0.1 ? 100 : 0)));
        const cells = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
          next() < 0.2 ? cell('plan', null, pick(YEARS), pick(['target', 'actual'] as const), value()) : cell('district', pick(ROWS), pick(YEARS), pick(['target', 'actual'] as const), value()),
        );
        const update = applyTargetChanges(m, { rows: cells, removed: [], truncated: false });
        expect(update.kind).toBe('applied');
        if (update.kind !== 'applied') return;
        expect(update.matrix, `seed ${seed}, ${kind}, step ${step}`).toEqual(withFigures(update.matrix));
        m = update.matrix;
      }
    }
  });
});
