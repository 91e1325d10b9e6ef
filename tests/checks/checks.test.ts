/** Consistency checks: the seeded documents' real inconsistencies, found from the data, and each rule on small plans. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore, dumpTables } from '../helpers/store.ts';
import type { Finding } from '../../contract/ops/checks.ts';
import { districts, indicator, smallStore, target, task } from '../helpers/analysis.ts';

type Result = { findings: Finding[]; settings: { growthTolerancePoints: string }; planCount: number };

describe('checks on the seeded plans', () => {
  it('find the documents’ real inconsistencies, with the numbers that disagree', () => {
    const store = seededStore();
    const before = dumpTables(store);
    const r = ok<Result>(store, 'checks.run', {});
    expect(r.planCount).toBe(12);
    expect(r.settings.growthTolerancePoints).toBe('0.5');

    // 13号: nine clusters sum to 14100 against the stated 1.4万亿元 = 14000; the eight districts do add up.
    const sums = r.findings.filter((f) => f.kind === 'sum');
    expect(sums).toHaveLength(1);
    const cluster = sums[0];
    expect(cluster?.planId).toBe('p-yufu-2023-13');
    expect(cluster?.severity).toBe('error');
    expect(cluster?.numbers).toEqual([
      { label: '产业集群合计', value: '14100', unit: '亿元', labelCode: 'clustersTotal', unitCode: null },
      { label: '规划总量', value: '14000', unit: '亿元', labelCode: 'planTotal', unitCode: null },
    ]);
    expect(cluster?.difference).toEqual({ label: '相差', value: '100', unit: '亿元', labelCode: 'difference', unitCode: null });
    // the words as a code and values, for the renderer's catalogue (either language); plan content as written
    expect(cluster?.code).toBe('sum');
    expect(cluster?.params).toMatchObject({ plan: '渝府〔2023〕13号', scope: 'cluster', kind: 'target', year: 2027, total: '14,100', whole: '14,000', wholeText: '1.4万亿元', diff: '+100', unit: '亿元' });
    expect(cluster?.cells[1]).toMatchObject({ labelCode: 'target', labelParams: { scope: 'cluster', year: 2027, kind: 'target' } });
    expect(cluster?.cells).toHaveLength(10);
    expect(cluster?.cells[0]?.focus).toBe('indicator=p-yufu-2023-13%2Fi%2Frevenue&row=plan&year=2027&kind=target');
    expect(cluster?.cells[1]?.focus).toBe('indicator=p-yufu-2023-13%2Fi%2Frevenue&row=cluster%3Ap-yufu-2023-13%2Fc%2F1&year=2027&kind=target');
    expect(cluster?.message).toContain('相差 +100亿元');

    // 18号 专栏1: stated growth against implied, beyond 0.5 points.
    const growth = r.findings.filter((f) => f.kind === 'growth');
    expect(growth.map((f) => f.id).sort()).toEqual(['growth:p-yufufa-2021-18/i/software-revenue', 'growth:p-yufufa-2021-18/i/value-added']);
    const software = growth.find((f) => f.id.endsWith('software-revenue'));
    expect(software?.numbers.map((n) => n.value)).toEqual(['18', '20.11']);
    expect(software?.difference?.value).toBe('-2.11');
    expect(software?.cells.map((c) => c.focus)).toContain('indicator=p-yufufa-2021-18%2Fi%2Fsoftware-revenue&field=statedGrowthText');
    const va = growth.find((f) => f.id.endsWith('value-added'));
    expect(va?.numbers.map((n) => n.value)).toEqual(['6', '5.18']);
    expect(va?.difference?.value).toBe('0.82');

    // 高新技术企业 2027: 8号 1.27万家 vs 26号 超过1.28万家; 科技型企业 8.6万家 vs 超过8.6万家 agree.
    const cross = r.findings.filter((f) => f.kind === 'cross_plan');
    expect(cross).toHaveLength(1);
    expect(cross[0]?.numbers).toEqual([
      { label: '渝府发〔2023〕8号', value: '12700', unit: '家', labelCode: null, unitCode: null },
      { label: '渝府办发〔2023〕26号', value: '12800', unit: '家', labelCode: null, unitCode: null },
    ]);
    expect(cross[0]?.difference?.value).toBe('100');
    expect(cross[0]?.cells.map((c) => c.planId)).toEqual(['p-yufufa-2023-8', 'p-yufubanfa-2023-26']);

    // Every 渝西 district lists exactly 2 priority industries (limit 2); every task has a
    // lead except 8号's 56 numbered tasks, for which the document names no responsible unit (shown, not filled in).
    expect(r.findings.filter((f) => f.kind === 'priority')).toEqual([]);
    // 79号 (issued 2021-08-04) lists ten decisions for months before its own date (2021年1月 … 2021年7月): shown, kept
    const early = r.findings.filter((f) => f.kind === 'deadline');
    expect(early.map((f) => f.planId)).toEqual(Array(10).fill('p-yufubanfa-2021-79'));
    expect(early.map((f) => f.message).join('\n')).toContain('任务“4 制定重庆市全面推行证明事项告知承诺制实施方案”的完成时限 2021-01 早于规划发布日期 2021-08-04');
    const lead = r.findings.filter((f) => f.kind === 'lead');
    // 8号's 56 numbered tasks and 37号's 14 name no responsible unit (the documents as written)
    expect(lead).toHaveLength(70);
    expect(lead.filter((f) => f.planId === 'p-yufubanfa-2023-37')).toHaveLength(14);
    expect(new Set(lead.map((f) => f.planId))).toEqual(new Set(['p-yufufa-2023-8', 'p-yufubanfa-2023-37']));
    // Checks only read.
    expect(dumpTables(store)).toEqual(before);
  });

  it('a tighter tolerance also finds 规模以上工业产值 (6% stated, 5.78% implied); one plan by id', () => {
    const store = seededStore();
    expect(ok(store, 'checks.settings.set', { growthTolerancePoints: '0.2' })).toEqual({ growthTolerancePoints: '0.2' });
    const r = ok<Result>(store, 'checks.run', { planId: 'p-yufufa-2021-18' });
    expect(r.planCount).toBe(1);
    const output = r.findings.find((f) => f.id === 'growth:p-yufufa-2021-18/i/output');
    expect(output?.numbers.map((n) => n.value)).toEqual(['6', '5.78']);
    expect(r.findings.every((f) => f.planId === 'p-yufufa-2021-18')).toBe(true);
    const bad = store.call('checks.settings.set', { growthTolerancePoints: '-1' });
    expect(bad.ok).toBe(false);
  });

  it('a plan filter keeps cross-plan findings that involve the plan', () => {
    const store = seededStore();
    const r = ok<Result>(store, 'checks.run', { planId: 'p-yufubanfa-2023-26' });
    expect(r.findings.map((f) => f.kind)).toEqual(['cross_plan']);
  });
});

describe('each rule on small plans', () => {
  it('districts against the total, with wording: exact parts that fall short of an exact total, floors that meet a floor', () => {
    const store = smallStore((b) => {
      const p = b.plan({ id: 'p1' });
      p.districts = districts(['d-a', 'd-b', 'd-c']);
      p.indicators = [indicator('p1/rev', '营业收入', '亿元'), indicator('p1/firms', '企业数量', '家'), indicator('p1/share', '占比', '%')];
      p.targets = [
        target('p1/rev', 'plan', null, 2027, '1000'),
        target('p1/rev', 'district', 'd-a', 2027, '300'), target('p1/rev', 'district', 'd-b', 2027, '300'), target('p1/rev', 'district', 'd-c', 2027, '350'),
        target('p1/firms', 'plan', null, 2027, '100', '超过100家'),
        target('p1/firms', 'district', 'd-a', 2027, '50', '超过50家'), target('p1/firms', 'district', 'd-b', 2027, '60', '超过60家'),
        target('p1/share', 'plan', null, 2027, '30'), target('p1/share', 'district', 'd-a', 2027, '40'), target('p1/share', 'district', 'd-b', 2027, '40'),
      ];
    });
    const r = ok<Result>(store, 'checks.run', {});
    expect(r.findings.map((f) => [f.kind, f.severity, f.numbers.map((n) => n.value), f.difference?.value])).toEqual([
      ['sum', 'error', ['950', '1000'], '-50'],
    ]);
  });

  it('a breakdown that is not finished is only a note; approximate wording is a warning', () => {
    const store = smallStore((b) => {
      const p = b.plan({ id: 'p1' });
      p.districts = districts(['d-a', 'd-b', 'd-c']);
      p.indicators = [indicator('p1/rev', '营业收入', '亿元'), indicator('p1/out', '产值', '亿元')];
      p.targets = [
        target('p1/rev', 'plan', null, 2027, '1000'), target('p1/rev', 'district', 'd-a', 2027, '300'), target('p1/rev', 'district', 'd-b', 2027, '300'),
        target('p1/out', 'plan', null, 2027, '1000', '1000亿元左右'), target('p1/out', 'district', 'd-a', 2027, '600'),
        target('p1/out', 'district', 'd-b', 2027, '500'), target('p1/out', 'district', 'd-c', 2027, '100'),
      ];
    });
    const r = ok<Result>(store, 'checks.run', {});
    expect(r.findings.map((f) => [f.severity, f.difference?.value])).toEqual([['warning', '200'], ['info', '-400']]);
    expect(r.findings[1]?.message).toContain('另有 1 个区县尚未分解');
  });

  it('deadlines outside the period or before the issue date, tasks without a lead, too many priority industries', () => {
    const store = smallStore((b) => {
      const p = b.plan({ id: 'p1', issueDate: '2023-07-14', periodStart: 2023, periodEnd: 2027, maxPriorityIndustries: 2 });
      p.districts = districts(['d-a', 'd-b'], [['汽车', '电子', '材料'], ['汽车', '电子']]);
      p.tasks = [
        task('1', { deadline: '2028-12', deadlineText: '2028年底' }),
        task('2', { deadline: '2023-05', deadlineText: '2023年5月' }),
        task('3', { deadline: '2023-07' }),
        task('4', { leadDepartments: [], participatingDepartments: ['市发展改革委'] }),
      ];
    });
    const r = ok<Result>(store, 'checks.run', { planId: 'p1' });
    const summary = r.findings.map((f) => [f.kind, f.cells[0]?.focus, f.difference?.value ?? null]);
    expect(summary).toEqual([
      ['priority', 'district=d-a&field=priorityIndustries', '1'],
      ['deadline', 'task=1&field=deadline', '1'],
      ['deadline', 'task=2&field=deadline', null],
      ['lead', 'task=4&field=leadDepartments', null],
    ]);
  });

  it('the same measure in two plans: normalized name + unit + year + place; other years or places are not compared', () => {
    const store = smallStore((b) => {
      const a = b.plan({ id: 'pa' });
      a.indicators = [indicator('pa/x', '全市技术合同成交额', '亿元'), indicator('pa/y', '“专精特新”企业', '家')];
      a.targets = [target('pa/x', 'plan', null, 2027, '1100', '超过1100亿元'), target('pa/y', 'plan', null, 2027, '500')];
      const c = b.plan({ id: 'pc' });
      c.indicators = [indicator('pc/x', '技术合同成交额', '亿元'), indicator('pc/y', '专精特新企业', '家'), indicator('pc/z', '专精特新企业', '个')];
      c.targets = [target('pc/x', 'plan', null, 2027, '1300', '超过1300亿元'), target('pc/y', 'plan', null, 2025, '400'), target('pc/z', 'plan', null, 2027, '400')];
      // A plan over some districts is a different place from a city-wide plan.
      const d = b.plan({ id: 'pd' });
      d.districts = districts(['d-a']);
      d.indicators = [indicator('pd/y', '专精特新企业', '家')];
      d.targets = [target('pd/y', 'plan', null, 2027, '60')];
    });
    const r = ok<Result>(store, 'checks.run', {});
    // "超过1100" and "超过1300" can both hold: floors meet. Nothing else matches.
    expect(r.findings).toEqual([]);
    const s2 = smallStore((b) => {
      const a = b.plan({ id: 'pa' });
      a.indicators = [indicator('pa/x', '技术合同成交额', '亿元', { targetYear: 2027, targetValue: '1100', targetText: '1100亿元' })];
      const c = b.plan({ id: 'pc' });
      c.indicators = [indicator('pc/x', '技术合同成交额', '亿元')];
      c.targets = [target('pc/x', 'plan', null, 2027, '1300', '1300亿元')];
    });
    const r2 = ok<Result>(s2, 'checks.run', {});
    expect(r2.findings.map((f) => [f.kind, f.numbers.map((n) => n.value), f.difference?.value])).toEqual([['cross_plan', ['1100', '1300'], '200']]);
    expect(r2.findings[0]?.cells[0]?.focus).toBe('indicator=pa%2Fx&field=targetValue');
  });

  it('stated growth edge cases: target year before the baseline; percentage points; "30左右" targets', () => {
    const store = smallStore((b) => {
      const p = b.plan({ id: 'p1', periodStart: 2021, periodEnd: 2025 });
      p.indicators = [
        indicator('p1/a', '甲', '亿元', { baselineYear: 2025, baselineValue: '100', targetYear: 2020, targetValue: '200', statedGrowthText: '6%' }),
        indicator('p1/b', '乙', '%', { baselineYear: 2020, baselineValue: '28', targetYear: 2025, targetValue: '30', targetText: '30左右', statedGrowthText: '0.4个百分点' }),
        indicator('p1/c', '丙', '%', { baselineYear: 2020, baselineValue: '28', targetYear: 2025, targetValue: '32', statedGrowthText: '0.2个百分点' }),
        indicator('p1/d', '丁', '亿元', { baselineYear: 2020, baselineValue: '0', targetYear: 2025, targetValue: '10', statedGrowthText: '10%' }),
        indicator('p1/e', '戊', '%', { baselineYear: 2020, baselineValue: '5.85', targetYear: 2025, targetValue: '6', targetText: '>6', statedGrowthText: '—' }),
      ];
    });
    const r = ok<Result>(store, 'checks.run', {});
    expect(r.findings.map((f) => [f.id, f.numbers.map((n) => n.value), f.difference?.value ?? null])).toEqual([
      ['growth:p1/a', [], null],
      ['growth:p1/c', ['0.2', '0.8'], '-0.6'],
    ]);
    expect(r.findings[0]?.message).toContain('目标年份（2020）不晚于基期年份（2025）');
  });
});
