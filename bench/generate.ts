/**
 * A large generated plan for benchmarks and scale tests: N tasks, D districts × Y years of targets,
 * built as a seed bundle so it loads through the same path as the real seeds.
 */
import type { SeedBundle } from '../db/seed/load.ts';
import type { SeedCommon, SeedPlan } from '../db/seed/format.ts';

export interface GenerateOptions {
  tasks: number;
  districts: number;
  years: number;
  units?: number;
  /** deterministic pseudo-random seed */
  seed?: number;
}

export const BIG_PLAN_ID = 'p-bench';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

export function generatePlanBundle(o: GenerateOptions): SeedBundle {
  const rand = rng(o.seed ?? 42);
  const unitCount = o.units ?? 60;
  const startYear = 2021;
  const endYear = startYear + o.years - 1;
  const common: SeedCommon = {
    districts: Array.from({ length: o.districts }, (_, i) => ({ id: `bd-${i}`, name: `测试区${i + 1}`, code: String(510000 + i), group: i % 2 ? '渝西' : '主城新区' })),
    departments: Array.from({ length: unitCount }, (_, i) => ({ id: `bu-${i}`, name: `市测试局${i + 1}`, aliases: [`测试局${i + 1}`] })),
  };
  const plan: SeedPlan = {
    plan: {
      id: BIG_PLAN_ID, title: '基准测试规划', docNumber: '测试〔2024〕1号', issuer: '测试', issueDate: '2021-01-15',
      periodStart: startYear, periodEnd: endYear, source: 'generated', maxPriorityIndustries: null,
    },
    districts: common.districts.map((d) => ({ districtId: d.id, priorityIndustries: ['智能制造'], featuredIndustries: ['食品'], note: null, source: 'generated' })),
    clusters: Array.from({ length: 10 }, (_, i) => ({ id: `bc-${i}`, name: `集群${i + 1}`, note: null, source: 'generated' })),
    indicators: [
      {
        id: 'bi-revenue', category: '规模', name: '规模以上工业营业收入', unit: '亿元', attribute: '预期性', baselineYear: startYear,
        baselineValue: '10000', baselineText: null, targetYear: endYear, targetValue: '20000', targetText: null, statedGrowthText: '5%',
        note: null, source: 'generated',
      },
    ],
    targets: [],
    tasks: [],
  };
  for (const d of common.districts) {
    for (let y = startYear; y <= endYear; y++) {
      plan.targets.push({ indicatorId: 'bi-revenue', scope: 'district', scopeId: d.id, year: y, kind: 'target', value: String(Math.round(100 + rand() * 900)), text: null, source: 'generated' });
    }
  }
  for (let y = startYear; y <= endYear; y++) {
    plan.targets.push({ indicatorId: 'bi-revenue', scope: 'plan', scopeId: null, year: y, kind: 'target', value: String(10000 + (y - startYear) * 700), text: null, source: 'generated' });
  }
  for (let i = 0; i < o.tasks; i++) {
    const lead = common.departments[Math.floor(rand() * unitCount)]!.name;
    const part = common.departments[Math.floor(rand() * unitCount)]!.name;
    const month = 1 + Math.floor(rand() * 12);
    const year = startYear + Math.floor(rand() * o.years);
    plan.tasks.push({
      id: `bt-${i}`,
      number: String(i + 1),
      section: `第${1 + (i % 20)}部分`,
      title: `任务${i + 1}：推进重点项目建设`,
      description: `任务${i + 1}的具体内容，包括建设目标、进度安排和保障措施。`,
      leadDepartments: [lead],
      participatingDepartments: part === lead ? [] : [part],
      districts: [common.districts[i % o.districts]!.name],
      deadline: `${year}-${String(month).padStart(2, '0')}`,
      deadlineText: null,
      quantitativeGoal: rand() < 0.3 ? `完成投资${Math.round(rand() * 100)}亿元` : null,
      source: 'generated',
    });
  }
  return { common, plans: [{ file: 'bench.json', data: plan }] };
}
