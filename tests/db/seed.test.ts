/** Seed fidelity: spot values checked by hand against the gazette texts (seeds/sources/, copies of ../shared/seeds). */
import { describe, expect, it } from 'vitest';
import { seededStore, ok } from '../helpers/store.ts';
import { seedBundle } from '../../db/seed/files.ts';
import { checkSeedReferences } from '../../db/seed/load.ts';
import { seedCommon, seedPlan } from '../../db/seed/format.ts';
import type { PlanOverview, PlanSummary, Task } from '../../contract/entities.ts';
import { resolveDepartment } from '../../db/departments/handlers.ts';

const store = () => seededStore();

function districtTarget(o: PlanOverview, district: string, indicatorName: RegExp) {
  const d = o.districts.find((x) => x.name === district);
  const ind = o.indicators.find((i) => indicatorName.test(i.name));
  return d?.targets.find((t) => t.indicatorId === ind?.id && t.kind === 'target');
}

describe('seed data', () => {
  it('every seed file validates and every reference resolves', () => {
    const common = seedCommon.parse(seedBundle.common);
    const plans = seedBundle.plans.map((p) => seedPlan.parse(p.data));
    expect(checkSeedReferences(common, plans)).toEqual([]);
  });

  it('no seeded text runs on into the gazette’s colophon or an annex title (38号 33 carried 主管单位…印刷单位…)', () => {
    const ranOn = seedBundle.plans.flatMap((p) => {
      const plan = seedPlan.parse(p.data);
      return plan.tasks.filter((t) => /主管单位|主办单位|印刷单位|附件[：:]/.test(`${t.title}${t.description ?? ''}`)).map((t) => `${plan.plan.docNumber} ${t.number}`);
    });
    expect(ranOn).toEqual([]);
  });

  it('a fresh plan file holds the gazette plans', () => {
    const s = store();
    const plans = ok<PlanSummary[]>(s, 'plans.list', {});
    const docs = plans.map((p) => p.docNumber);
    expect(docs).toEqual(expect.arrayContaining(['渝府〔2023〕13号', '渝府办〔2023〕3号', '渝府发〔2021〕18号', '渝府发〔2021〕19号']));
    expect(plans.find((p) => p.title.includes('政务服务码'))?.taskCount).toBe(20);
  });

  it('渝府〔2023〕13号: 江津区 3000亿元, nine clusters, the regional 1.4万亿元 as written', () => {
    const s = store();
    const o = ok<PlanOverview>(s, 'plans.get', { planId: 'p-yufu-2023-13' });
    expect(districtTarget(o, '江津区', /营业收入/)?.value).toBe('3000');
    expect(districtTarget(o, '江津区', /营业收入/)?.year).toBe(2027);
    expect(o.districts.map((d) => d.name)).toEqual(['江津区', '合川区', '永川区', '大足区', '璧山区', '铜梁区', '潼南区', '荣昌区']);
    expect(o.clusters).toHaveLength(9);
    const revenue = o.indicators.find((i) => i.name === '规模以上工业企业营业收入');
    expect(revenue?.unit).toBe('亿元');
    expect(revenue?.targets.find((t) => t.year === 2027)?.value).toBe('14000');
    expect(revenue?.targets.find((t) => t.year === 2027)?.text).toBe('1.4万亿元');
    expect(o.clusters.find((c) => c.name.includes('汽车零部件'))?.targets[0]?.value).toBe('4000');
    // Every record keeps its source.
    for (const d of o.districts) expect(d.source).toMatch(/渝府〔2023〕13号/);
    expect(o.plan.maxPriorityIndustries).toBe(2);
    expect(o.districts.find((d) => d.name === '江津区')?.priorityIndustries.length).toBeGreaterThan(0);
  });

  it('the documents disagree with themselves and the seeds keep it: clusters sum to 14100, not 14000', () => {
    const s = store();
    const o = ok<PlanOverview>(s, 'plans.get', { planId: 'p-yufu-2023-13' });
    const clusterSum = o.clusters.reduce((acc, c) => acc + Number(c.targets[0]?.value ?? 0), 0);
    const districtSum = o.districts.reduce((acc, d) => acc + Number(d.targets[0]?.value ?? 0), 0);
    expect(clusterSum).toBe(14100);
    expect(districtSum).toBe(14000);
  });

  it('渝府办〔2023〕3号: 璧山区 auto parts 1200亿元 and 200家', () => {
    const s = store();
    const o = ok<PlanOverview>(s, 'plans.get', { planId: 'p-yufuban-2023-3' });
    const bishan = o.districts.find((d) => d.name === '璧山区');
    const byDepartment = (unit: string) => bishan?.targets.find((t) => o.indicators.find((i) => i.id === t.indicatorId)?.unit === unit)?.value;
    expect(byDepartment('亿元')).toBe('1200');
    expect(byDepartment('家')).toBe('200');
    const tasks = ok<{ total: number; rows: Task[] }>(s, 'tasks.list', { planId: 'p-yufuban-2023-3', limit: 100 });
    expect(tasks.rows.filter((t) => t.section?.includes('重点任务') || /^四/.test(t.number)).length).toBeGreaterThanOrEqual(11);
  });

  it('渝府发〔2021〕18号 专栏1: 软件业务收入 2000 → 5000 and every row kept', () => {
    const s = store();
    const o = ok<PlanOverview>(s, 'plans.get', { planId: 'p-yufufa-2021-18' });
    const sw = o.indicators.find((i) => i.name.includes('软件业务收入'));
    expect(sw?.baselineYear).toBe(2020);
    expect(sw?.baselineValue).toBe('2000');
    expect(sw?.targetYear).toBe(2025);
    expect(sw?.targetValue).toBe('5000');
    expect(sw?.statedGrowthText).toMatch(/18/);
    expect(o.indicators.length).toBe(20);
    expect(o.indicators.every((i) => i.attribute === '预期性' || i.attribute === '约束性')).toBe(true);
  });

  it('服务业扩大开放 task division: all 86 rows with lead units', () => {
    const s = store();
    const r = ok<{ total: number; rows: Task[] }>(s, 'tasks.list', { planId: 'p-yufufa-2021-19', limit: 200 });
    expect(r.total).toBe(86);
    expect(r.rows.every((t) => t.leadDepartments.length > 0)).toBe(true);
  });

  it('department aliases resolve to one department', () => {
    const s = store();
    const a = resolveDepartment(s.ctx, '市住房城乡建委');
    const b = resolveDepartment(s.ctx, '市住房城乡建设委');
    expect(a).not.toBeNull();
    expect(a?.id).toBe(b?.id);
  });
});
