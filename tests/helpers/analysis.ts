/** Small plan files for the analysis tests (builder calls, as in tests/helpers/store.ts). */
import { builtStore, type SeedBuilder } from './store.ts';
import type { SeedPlan } from '../../db/seed/format.ts';

type Ind = SeedPlan['indicators'][number];
type Tgt = SeedPlan['targets'][number];
type Tsk = SeedPlan['tasks'][number];

export function indicator(id: string, name: string, unit: string | null, extra: Partial<Ind> = {}): Ind {
  return {
    id, category: null, name, unit, attribute: null, baselineYear: null, baselineValue: null, baselineText: null,
    targetYear: null, targetValue: null, targetText: null, statedGrowthText: null, note: null, source: 'test', ...extra,
  };
}

export function target(indicatorId: string, scope: Tgt['scope'], scopeId: string | null, year: number, value: string | null, text: string | null = null, kind: Tgt['kind'] = 'target'): Tgt {
  return { indicatorId, scope, scopeId, year, kind, value, text, source: 'test' };
}

export function task(id: string, extra: Partial<Tsk> = {}): Tsk {
  return {
    id, number: id, section: null, title: `任务${id}`, description: null, leadDepartments: ['市发展改革委'], participatingDepartments: [],
    districts: [], deadline: null, deadlineText: null, quantitativeGoal: null, source: 'test', ...extra,
  };
}

/** Two districts (甲区, 乙区, 丙区), one unit, and whatever `build` adds. */
export function smallStore(build: (b: SeedBuilder) => void) {
  return builtStore((b) => {
    b.district('甲区', { id: 'd-a' });
    b.district('乙区', { id: 'd-b' });
    b.district('丙区', { id: 'd-c' });
    b.department('市发展改革委');
    build(b);
  });
}

export function districts(ids: string[], priority: string[][] = []): SeedPlan['districts'] {
  return ids.map((districtId, i) => ({ districtId, priorityIndustries: priority[i] ?? [], featuredIndustries: [], note: null, source: 'test' }));
}
