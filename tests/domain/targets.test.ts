import { describe, expect, it } from 'vitest';
import { checkTargetCell, checkValueText, targetYearRange, type TargetCellFacts } from '../../domain/targets.ts';

const facts = (over: Partial<TargetCellFacts> = {}): TargetCellFacts => ({
  plan: { periodStart: 2023, periodEnd: 2027 },
  indicator: { name: '营业收入', unit: '亿元', baselineYear: 2022, targetYear: 2027 },
  scopeInPlan: true,
  ...over,
});
const district = (year: number, value: string | null) => ({ scope: 'district' as const, scopeId: 'd-500116', year, value });

describe('target cells: one rule for a typed cell, a pasted block and a cluster', () => {
  it('the year range is the plan period widened to the baseline and target years', () => {
    expect(targetYearRange(facts())).toEqual({ first: 2022, last: 2027 });
    expect(targetYearRange(facts({ indicator: { name: 'x', unit: null, baselineYear: null, targetYear: 2030 } }))).toEqual({ first: 2023, last: 2030 });
    expect(targetYearRange(facts({ indicator: { name: 'x', unit: null, baselineYear: 2025, targetYear: 2026 } }))).toEqual({ first: 2023, last: 2027 });
  });

  it.each([
    [2022, '2,800', { ok: true, value: '2800', text: null }],
    [2027, '1.4万亿', { ok: true, value: '14000', text: '1.4万亿' }],
    [2027, '', { ok: true, value: null, text: null }],
    [2027, null, { ok: true, value: null, text: null }],
    [2021, '5', { ok: false, field: 'year', message: '年份 2021 超出本指标的年份范围（2022—2027）' }],
    [2028, '5', { ok: false, field: 'year', message: '年份 2028 超出本指标的年份范围（2022—2027）' }],
    [2027, '很多', { ok: false, field: 'value', message: '“很多”不是有效的数值' }],
    [2027, '-5', { ok: false, field: 'value', message: '营业收入（亿元）不能为负数：-5' }],
  ])('a district cell %i = %j', (year, value, expected) => {
    expect(checkTargetCell(district(year, value), facts())).toEqual(expected);
  });

  it('a district must be in the plan’s own list; a cluster must be the plan’s', () => {
    expect(checkTargetCell(district(2027, '5'), facts({ scopeInPlan: false }))).toEqual({ ok: false, field: 'scopeId', message: '区县“d-500116”不属于本规划' });
    expect(checkTargetCell({ scope: 'cluster', scopeId: 'c-1', year: 2027, value: '5' }, facts({ scopeInPlan: false }))).toEqual({ ok: false, field: 'scopeId', message: '产业集群“c-1”不属于本规划' });
    expect(checkTargetCell({ scope: 'plan', scopeId: null, year: 2027, value: '5' }, facts({ scopeInPlan: false })).ok).toBe(true);
  });

  it('the scope is checked before the year and the value', () => {
    expect(checkTargetCell(district(2040, '很多'), facts({ scopeInPlan: false }))).toMatchObject({ ok: false, field: 'scopeId' });
    expect(checkTargetCell(district(2040, '很多'), facts())).toMatchObject({ ok: false, field: 'year' });
    expect(checkTargetCell(district(2027, '很多'), facts())).toMatchObject({ ok: false, field: 'value' });
  });

  it('negative values only where the unit allows them', () => {
    const rate = facts({ indicator: { name: '能耗下降率', unit: '%', baselineYear: null, targetYear: null } });
    expect(checkTargetCell(district(2025, '-16'), rate)).toEqual({ ok: true, value: '-16', text: null });
    expect(checkValueText('-3', { name: '企业数', unit: '家' })).toEqual({ ok: false, message: '企业数（家）不能为负数：-3' });
    expect(checkValueText('-3', { name: '无单位', unit: null })).toEqual({ ok: true, value: { value: '-3', text: null } });
    expect(checkValueText(null, { name: 'x', unit: '亿元' })).toEqual({ ok: true, value: { value: null, text: null } });
  });
});
