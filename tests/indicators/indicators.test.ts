import { describe, expect, it } from 'vitest';
import { ok, seededStore, dumpTables } from '../helpers/store.ts';
import type { IndicatorRow } from '../../contract/ops/indicators.ts';
import type { TargetMatrix } from '../../contract/ops/targets.ts';

describe('indicators grid', () => {
  it('lists the 渝府发〔2021〕18号 indicators with the growth their baseline and target imply', () => {
    const s = seededStore();
    const rows = ok<IndicatorRow[]>(s, 'indicators.list', { planId: 'p-yufufa-2021-18' });
    const by = (suffix: string) => rows.find((r) => r.id.endsWith(`/${suffix}`))!;
    expect(by('output')).toMatchObject({ statedGrowthText: '6%', impliedGrowth: { kind: 'rate', value: '5.78', years: 5 } });
    expect(by('software-revenue').impliedGrowth).toEqual({ kind: 'rate', value: '20.11', years: 5 });
    expect(by('sei-share').impliedGrowth).toEqual({ kind: 'points', value: '0.6', years: 5 });
    expect(by('innovation-platforms').impliedGrowth).toEqual({ kind: 'absolute', value: '4', years: 5 });
    expect(by('energy-intensity').impliedGrowth).toBeNull();
  });

  it('edits an indicator; its target value is the stated total of the districts matrix; undo restores both', () => {
    const s = seededStore();
    const PLAN = 'p-yufu-2023-13';
    const REVENUE = `${PLAN}/i/revenue`;
    ok(s, 'indicators.update', { planId: PLAN, updates: [{ indicatorId: REVENUE, patch: { targetValue: '15,000', baselineYear: '2022', baselineValue: '9000' } }] });
    const m = ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' });
    expect(m.years[0]).toBe(2022);
    expect(m.totals.stated.at(-1)).toBe('15000');
    expect(m.totals.difference.at(-1)).toBe('-1000');
    const ind = ok<IndicatorRow[]>(s, 'indicators.list', { planId: PLAN }).find((i) => i.id === REVENUE)!;
    expect(ind.impliedGrowth).toEqual({ kind: 'rate', value: '10.76', years: 5 });
    ok(s, 'history.undo', { planId: PLAN });
    const back = ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' });
    expect(back.totals.stated.at(-1)).toBe('14000');
    expect(back.totals.statedText.at(-1)).toBe('1.4万亿元');
    expect(back.years[0]).toBe(2023);
  });

  it('refuses bad values with row and field, writing nothing', () => {
    const s = seededStore();
    const PLAN = 'p-yufufa-2021-18';
    const before = dumpTables(s);
    const r = s.call('indicators.update', {
      planId: PLAN,
      updates: [
        { indicatorId: `${PLAN}/i/output`, patch: { targetValue: '-1' } },
        { indicatorId: `${PLAN}/i/value-added`, patch: { name: '', attribute: '随便', baselineYear: '2030' } },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.issues.map((i) => [i.row, i.field])).toEqual([[1, 'targetValue'], [2, 'name'], [2, 'attribute'], [2, 'baselineYear']]);
    expect(dumpTables(s)).toEqual(before);
  });
});
