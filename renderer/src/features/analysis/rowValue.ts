/**
 * The current value of one row of a breakdown form (the plan total, a district, a cluster) in a
 * year, from the plan overview the form starts from: what the target and baseline fields show when a
 * row or a year is chosen. Pure.
 */
import type { Indicator, PlanOverview, TargetValue } from '../../../../contract/entities.ts';

/**
 * `row` is the form's row key: 'plan', 'district:<id>' or 'cluster:<id>'. `which`: 'target' / 'actual'
 * read that kind; 'baseline' reads the indicator's baseline for the plan row, else the row's actual of
 * that year, else its target. Null when the row has no value there.
 */
export function rowValue(data: PlanOverview, ind: Indicator, row: string, year: number, which: 'target' | 'actual' | 'baseline'): string | null {
  const find = (targets: readonly TargetValue[], kind: 'target' | 'actual') =>
    targets.find((x) => x.indicatorId === ind.id && x.year === year && x.period === '' && x.kind === kind)?.value ?? null;
  let targets: readonly TargetValue[] = [];
  if (row === 'plan') {
    if (which === 'baseline' && ind.baselineYear === year && ind.baselineValue !== null) return ind.baselineValue;
    targets = ind.targets;
  } else {
    const id = row.slice(row.indexOf(':') + 1);
    targets = row.startsWith('cluster:') ? (data.clusters.find((c) => c.id === id)?.targets ?? []) : (data.districts.find((d) => d.id === id)?.targets ?? []);
  }
  if (which === 'baseline') return find(targets, 'actual') ?? find(targets, 'target');
  const v = find(targets, which);
  if (v !== null) return v;
  // A plan whose target is only in its indicator table (18号): the indicator's target is the plan row's.
  return row === 'plan' && which === 'target' && ind.targetYear === year ? ind.targetValue : null;
}
