/** Pure arithmetic of breakdowns (db/breakdown/rules.ts), against values computed by hand from the documents. */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../domain/numbers.ts';
import { fillPath, impliedCagr, spreadTotal, yearOnYearPercent } from '../../db/breakdown/rules.ts';

const dp = (s: string, n: number) => new Dec(s).toDecimalPlaces(n, Dec.ROUND_HALF_UP).toFixed();

describe('implied growth (CAGR) with decimal.js powers', () => {
  it('软件业务收入 2000 → 5000 over 2020—2025: (5000/2000)^(1/5) − 1 = 20.1124433981…%', () => {
    const r = impliedCagr({ year: 2020, value: '2000' }, { year: 2025, value: '5000' });
    expect(r.ok && dp(r.percent, 10)).toBe('20.1124433981');
  });
  it('工业增加值 6991 → 9000: 5.18%; 规模以上工业产值 22655 → 30000: 5.78%; 研发投入 370 → 600: 10.15%', () => {
    const g = (b: string, t: string) => {
      const r = impliedCagr({ year: 2020, value: b }, { year: 2025, value: t });
      return r.ok ? dp(r.percent, 4) : r.reason;
    };
    expect(g('6991', '9000')).toBe('5.1818');
    expect(g('22655', '30000')).toBe('5.777');
    expect(g('370', '600')).toBe('10.1514');
  });
  it('negative growth: 100 → 81 over 2 years is −10% exactly', () => {
    const r = impliedCagr({ year: 2020, value: '100' }, { year: 2022, value: '81' });
    expect(r.ok && r.percent).toBe('-10');
  });
  it('edge cases: zero or missing baseline, target year before baseline, opposite signs', () => {
    expect(impliedCagr({ year: 2020, value: '0' }, { year: 2025, value: '10' })).toEqual({ ok: false, reason: '基期值为 0，无法计算增长率', key: 'breakdown.zeroBaseline' });
    expect(impliedCagr({ year: 2020, value: null }, { year: 2025, value: '10' })).toEqual({ ok: false, reason: '缺少基期值', key: 'breakdown.noBaseline' });
    expect(impliedCagr({ year: 2025, value: '10' }, { year: 2020, value: '12' }).ok).toBe(false);
    expect(impliedCagr({ year: 2025, value: '10' }, { year: 2025, value: '12' }).ok).toBe(false);
    expect(impliedCagr({ year: 2020, value: '-5' }, { year: 2025, value: '12' }).ok).toBe(false);
  });
});

describe('filling the years between baseline and target', () => {
  it('constant growth 2000 → 5000 (2020—2025): 2402.25, 2885.40, 3465.72, 4162.77, 5000', () => {
    const r = fillPath('growth', { year: 2020, value: '2000' }, { year: 2025, value: '5000' }, 2);
    expect(r.ok && r.values).toEqual([
      { year: 2021, value: '2402.25' }, { year: 2022, value: '2885.4' }, { year: 2023, value: '3465.72' },
      { year: 2024, value: '4162.77' }, { year: 2025, value: '5000' },
    ]);
  });
  it('equal steps 37.1 → 40 (劳动生产率): 0.58 a year, exact', () => {
    const r = fillPath('steps', { year: 2020, value: '37.1' }, { year: 2025, value: '40' }, 2);
    expect(r.ok && r.values.map((v) => v.value)).toEqual(['37.68', '38.26', '38.84', '39.42', '40']);
  });
  it('negative steps and percentages: 32% → 35% is 0.6 points a year; 100 → 90 falls 2 a year', () => {
    const a = fillPath('steps', { year: 2020, value: '32' }, { year: 2025, value: '35' }, 1);
    expect(a.ok && a.values.map((v) => v.value)).toEqual(['32.6', '33.2', '33.8', '34.4', '35']);
    const b = fillPath('growth', { year: 2020, value: '100' }, { year: 2022, value: '81' }, 2);
    expect(b.ok && b.values.map((v) => v.value)).toEqual(['90', '81']);
  });
  it('refuses constant growth from a zero baseline and a target year before the baseline', () => {
    expect(fillPath('growth', { year: 2020, value: '0' }, { year: 2025, value: '5' }, 0).ok).toBe(false);
    expect(fillPath('steps', { year: 2020, value: '0' }, { year: 2025, value: '5' }, 0)).toEqual({
      ok: true, values: [1, 2, 3, 4, 5].map((v, i) => ({ year: 2021 + i, value: String(v) })),
    });
    expect(fillPath('steps', { year: 2027, value: '1' }, { year: 2023, value: '5' }, 0).ok).toBe(false);
  });
  it('year-on-year growth of any row', () => {
    expect(yearOnYearPercent('2000', '2402.25')).toBe('20.1125');
    expect(yearOnYearPercent('0', '5')).toBeNull();
    expect(yearOnYearPercent(null, '5')).toBeNull();
  });
});

describe('spreading a total with held parts (largest remainder keeps the sum exact)', () => {
  it('13号 districts: total 14000 → 14700 with 江津 held at 3000 spreads 11700 over the rest in proportion', () => {
    const parts = [
      { id: 'jj', current: '3000', held: true }, { id: 'hc', current: '1600', held: false }, { id: 'yc', current: '3300', held: false },
      { id: 'dz', current: '1000', held: false }, { id: 'bs', current: '1500', held: false }, { id: 'tl', current: '1600', held: false },
      { id: 'tn', current: '1000', held: false }, { id: 'rc', current: '1000', held: false },
    ];
    const r = spreadTotal('14700', parts, 0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 11000 free → 11700: factor 117/110. 1600 × 117/110 = 1701.818… etc.; rounded parts sum to 11700 exactly.
    const values = Object.fromEntries(r.values);
    expect(values.jj).toBe('3000');
    expect(values.yc).toBe('3510');
    expect(values.dz).toBe('1064');
    expect(Object.values(values).reduce((a, v) => a.plus(v), new Dec(0)).toFixed()).toBe('14700');
  });
  it('splits equally when no free part has a value and blanks are asked to share; refuses when everything is held', () => {
    const r = spreadTotal('10', [{ id: 'a', current: null, held: false }, { id: 'b', current: null, held: false }, { id: 'c', current: null, held: false }], 0, 'share');
    expect(r.ok && [...r.values.values()]).toEqual(['4', '3', '3']);
    expect(spreadTotal('10', [{ id: 'a', current: '1', held: true }], 0).ok).toBe(false);
    // zeros are values: they share equally when all are 0
    const z = spreadTotal('10', [{ id: 'a', current: '0', held: false }, { id: 'b', current: '0', held: false }], 0);
    expect(z.ok && [...z.values.values()]).toEqual(['5', '5']);
  });
  it('a blank part stays blank by default (never a 0); all-blank is refused saying how to let them share', () => {
    const parts = [{ id: 'a', current: '300', held: false }, { id: 'b', current: null, held: false }, { id: 'c', current: '100', held: false }, { id: 'd', current: null, held: false }];
    const r = spreadTotal('800', parts, 0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.fromEntries(r.values)).toEqual({ a: '600', c: '200' });
    expect(r.blank).toEqual(['b', 'd']);
    const all = spreadTotal('10', [{ id: 'a', current: null, held: false }], 0);
    expect(!all.ok && all.reason).toContain('空白保持空白');
  });
  it('blanks asked to share take the average share of the parts with a value', () => {
    const parts = [{ id: 'a', current: '300', held: false }, { id: 'b', current: null, held: false }, { id: 'c', current: '100', held: false }];
    // weights 300, 200 (the average), 100 → 1200 × 3/6, 2/6, 1/6
    const r = spreadTotal('1200', parts, 0, 'share');
    expect(r.ok && Object.fromEntries(r.values)).toEqual({ a: '600', b: '400', c: '200' });
    expect(r.ok && r.blank).toEqual([]);
  });
  it('money with two decimals: 100 over three equal parts is 33.34 + 33.33 + 33.33', () => {
    const r = spreadTotal('100', ['1', '1', '1'].map((c, i) => ({ id: String(i), current: c, held: false })), 2);
    expect(r.ok && [...r.values.values()]).toEqual(['33.34', '33.33', '33.33']);
  });
});

