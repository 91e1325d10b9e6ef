/** Actuals per year and quarter (targets.set kind 'actual'), completion rates, status thresholds, the districts' ranking. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { CompletionTable } from '../../contract/ops/completion.ts';

const REV = 'p-yufu-2023-13/i/revenue';
const SW = 'p-yufufa-2021-18/i/software-revenue';
type Ranking = { entries: { rank: number | null; name: string; percent: string | null; pacePercent: string | null; status: string; actualPeriod: string }[] };

const actual = (store: ReturnType<typeof seededStore>, indicatorId: string, scope: string, scopeId: string | null, year: number, value: string, period = '') =>
  ok(store, 'targets.set', { indicatorId, scope, scopeId, year, period, kind: 'actual', value });

describe('completion of 13号 营业收入 by district (“赛马”)', () => {
  it('ranks districts by completion of the 2027 targets and updates as actuals are entered', () => {
    const store = seededStore();
    const empty = ok<Ranking>(store, 'completion.ranking', { indicatorId: REV, year: 2027 });
    expect(empty.entries).toHaveLength(8);
    expect(empty.entries.every((e) => e.rank === null && e.status === '无数据')).toBe(true);

    actual(store, REV, 'district', 'd-500116', 2027, '2800'); // 江津 2800 / 3000 = 93.33% → 预警
    actual(store, REV, 'district', 'd-500118', 2027, '3300'); // 永川 3300 / 3300 = 100% → 达标
    actual(store, REV, 'district', 'd-500117', 2027, '1,400'); // 合川 1400 / 1600 = 87.5% → 滞后
    const r = ok<Ranking>(store, 'completion.ranking', { indicatorId: REV, year: 2027 });
    expect(r.entries.slice(0, 4).map((e) => [e.rank, e.name, e.percent, e.status])).toEqual([
      [1, '永川区', '100', '达标'], [2, '江津区', '93.33', '预警'], [3, '合川区', '87.5', '滞后'], [null, '大足区', null, '无数据'],
    ]);

    // A quarter's year-to-date revenue is judged against the part of the year elapsed: 750 of 1500 by Q2 is on track.
    actual(store, REV, 'district', 'd-500120', 2027, '750', 'Q2');
    const q = ok<Ranking>(store, 'completion.ranking', { indicatorId: REV, year: 2027 });
    const bishan = q.entries.find((e) => e.name === '璧山区');
    expect(bishan).toMatchObject({ rank: 1, percent: '50', pacePercent: '100', status: '达标', actualPeriod: 'Q2' });
    expect(q.entries.find((e) => e.name === '永川区')?.rank).toBe(1);

    // Thresholds are settings: with 预警 from 85%, 合川 is 预警.
    ok(store, 'completion.settings.set', { okPercent: '100', warnPercent: '85' });
    const t = ok<Ranking>(store, 'completion.ranking', { indicatorId: REV, year: 2027 });
    expect(t.entries.find((e) => e.name === '合川区')?.status).toBe('预警');
    const bad = store.call('completion.settings.set', { okPercent: '80', warnPercent: '90' });
    expect(!bad.ok && bad.error.message).toContain('预警线');
  });

  it('an actual entry is one undo step', () => {
    const store = seededStore();
    actual(store, REV, 'district', 'd-500116', 2027, '2800');
    ok(store, 'history.undo', { planId: 'p-yufu-2023-13' });
    const r = ok<Ranking>(store, 'completion.ranking', { indicatorId: REV, year: 2027 });
    expect(r.entries.every((e) => e.percent === null)).toBe(true);
  });
});

describe('completion against the path to the final target (18号 软件业务收入 2000 → 5000, 2020—2025)', () => {
  it('2022 actual 2900 against the path value 2885.4: 100.51%; 30% of the planned increase in 40% of the time', () => {
    const store = seededStore();
    actual(store, SW, 'plan', null, 2022, '2900');
    const table = ok<CompletionTable>(store, 'completion.table', { indicatorId: SW });
    expect(table.direction).toBe('up');
    expect(table.years).toEqual([2021, 2022, 2023, 2024, 2025]);
    const plan = table.rows[0];
    expect(plan).toMatchObject({ scope: 'plan', baselineYear: 2020, baseline: '2000', finalYear: 2025, finalTarget: '5000' });
    const c2022 = plan?.cells.find((c) => c.year === 2022);
    expect(c2022).toMatchObject({ target: null, pathTarget: '2885.4', actual: '2900', yearPercent: '100.51', pathPercent: '30', timePercent: '40', status: '达标' });
    const c2025 = plan?.cells.find((c) => c.year === 2025);
    expect(c2025).toMatchObject({ target: '5000', status: '无数据' });
  });

  it('quarters are stored per period; the latest quarter stands for the year until the annual value is entered', () => {
    const store = seededStore();
    actual(store, SW, 'plan', null, 2023, '800', 'Q1');
    actual(store, SW, 'plan', null, 2023, '1700', 'Q2');
    let cell = ok<CompletionTable>(store, 'completion.table', { indicatorId: SW }).rows[0]?.cells.find((c) => c.year === 2023);
    expect(cell?.quarters.map((q) => q.value)).toEqual(['800', '1700', null, null]);
    // 1700 / 3465.72 = 49.05%; by Q2 money is judged on half a year: 98.10% → 预警.
    expect(cell).toMatchObject({ actual: '1700', actualPeriod: 'Q2', pathTarget: '3465.72', yearPercent: '49.05', pacePercent: '98.1', status: '预警' });
    actual(store, SW, 'plan', null, 2023, '3500');
    cell = ok<CompletionTable>(store, 'completion.table', { indicatorId: SW }).rows[0]?.cells.find((c) => c.year === 2023);
    expect(cell).toMatchObject({ actual: '3500', actualPeriod: '', yearPercent: '100.99', status: '达标' });
  });

  it('less is better when the final target is below the baseline', () => {
    const store = seededStore();
    // 18号 单位增加值能耗 has no baseline value; 13号 energy intensity is a negative cumulative target (−13%).
    actual(store, 'p-yufu-2023-13/i/energy-intensity', 'plan', null, 2027, '-10');
    const table = ok<CompletionTable>(store, 'completion.table', { indicatorId: 'p-yufu-2023-13/i/energy-intensity' });
    const c = table.rows[0]?.cells.find((x) => x.year === 2027);
    expect(c).toMatchObject({ target: '-13', actual: '-10', yearPercent: '76.92', status: '滞后' });
  });
});
