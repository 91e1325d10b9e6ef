/** Pure arithmetic of breakdowns, checks and completion, against values computed by hand from the documents. */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../domain/numbers.ts';
import { fillPath, impliedCagr, spreadTotal, yearOnYearPercent } from '../../db/breakdown/rules.ts';
import { boundOf, compareGrowth, intervalOf, intervalsMeet, isAdditiveUnit, normalizeMeasureName, parseStatedGrowth, sumIntervals } from '../../db/checks/rules.ts';
import { completionPercent, pathPercent, statusOf, timeAdjusted, timePercent } from '../../db/completion/rules.ts';
import { parseValueText } from '../../domain/numbers.ts';

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
    expect(impliedCagr({ year: 2020, value: '0' }, { year: 2025, value: '10' })).toEqual({ ok: false, reason: '基期值为 0，无法计算增长率' });
    expect(impliedCagr({ year: 2020, value: null }, { year: 2025, value: '10' })).toEqual({ ok: false, reason: '缺少基期值' });
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
  it('splits equally when no free part has a value; refuses when everything is held', () => {
    const r = spreadTotal('10', [{ id: 'a', current: null, held: false }, { id: 'b', current: null, held: false }, { id: 'c', current: null, held: false }], 0);
    expect(r.ok && [...r.values.values()]).toEqual(['4', '3', '3']);
    expect(spreadTotal('10', [{ id: 'a', current: '1', held: true }], 0).ok).toBe(false);
  });
  it('money with two decimals: 100 over three equal parts is 33.34 + 33.33 + 33.33', () => {
    const r = spreadTotal('100', ['1', '1', '1'].map((c, i) => ({ id: String(i), current: c, held: false })), 2);
    expect(r.ok && [...r.values.values()]).toEqual(['33.34', '33.33', '33.33']);
  });
});

describe('reading the documents’ wording', () => {
  it('"30左右" is approximately 30, ">6" a floor of 6, "超过1.28万家" a floor of 12800', () => {
    expect(parseValueText('30左右', '%')).toEqual({ value: '30', text: '30左右' });
    expect(boundOf('30左右')).toBe('approx');
    expect(parseValueText('>6', '%')).toEqual({ value: '6', text: '>6' });
    expect(boundOf('>6')).toBe('lower');
    expect(boundOf('超过1.28万家')).toBe('lower');
    expect(boundOf('不超过2个')).toBe('upper');
    expect(boundOf('1.4万亿元')).toBe('exact');
  });
  it('stated growth forms', () => {
    expect(parseStatedGrowth('18%', '亿元')).toEqual({ form: 'rate', value: '18', cumulative: false, bound: 'exact' });
    expect(parseStatedGrowth('0.6个百分点', '%')).toEqual({ form: 'points', value: '0.6', cumulative: false, bound: 'exact' });
    expect(parseStatedGrowth('0.6', '%')).toEqual({ form: 'points', value: '0.6', cumulative: false, bound: 'exact' });
    expect(parseStatedGrowth('0.6万元/人', '万元/人')).toEqual({ form: 'absolute', value: '0.6', cumulative: false, bound: 'exact' });
    expect(parseStatedGrowth('[-16%]', '%')).toEqual({ form: 'rate', value: '-16', cumulative: true, bound: 'exact' });
    expect(parseStatedGrowth('10%以上', '亿元')?.bound).toBe('lower');
    expect(parseStatedGrowth('—', '%')).toBeNull();
    expect(parseStatedGrowth(null, '%')).toBeNull();
  });
  it('intervals: parts "超过7110 + 超过4640 + 超过1060" can be "超过1.28万"; 14100 cannot be 14000; 1.27万 cannot be 超过1.28万', () => {
    const parts = sumIntervals(['7110', '4640', '1060'].map((v) => intervalOf(v, 'lower')));
    expect(intervalsMeet(parts, intervalOf('12800', 'lower'))).toBe(true);
    expect(intervalsMeet(intervalOf('14100', 'exact'), intervalOf('14000', 'exact'))).toBe(false);
    expect(intervalsMeet(intervalOf('12700', 'exact'), intervalOf('12800', 'lower'))).toBe(false);
    expect(intervalsMeet(intervalOf('86000', 'exact'), intervalOf('86000', 'lower'))).toBe(true);
  });
  it('same measure and additive units', () => {
    expect(normalizeMeasureName('高技术制造业增加值占规模以上工业增加值的比重')).toBe(normalizeMeasureName('高技术制造业增加值占规模以上工业增加值比重'));
    expect(normalizeMeasureName('专精特新“小巨人”企业数量')).toBe('专精特新小巨人企业数量');
    expect(normalizeMeasureName('汽车零部件产值')).not.toBe(normalizeMeasureName('汽车零部件营业收入'));
    expect(isAdditiveUnit('亿元')).toBe(true);
    expect(isAdditiveUnit('家')).toBe(true);
    expect(isAdditiveUnit('%')).toBe(false);
    expect(isAdditiveUnit('万元/人')).toBe(false);
    expect(isAdditiveUnit(null)).toBe(false);
  });
});

describe('comparing stated with implied growth', () => {
  const cmp = (text: string, unit: string | null, b: string, t: string, tol = '0.5', years = 5) => {
    const s = parseStatedGrowth(text, unit);
    if (!s) throw new Error('not parsed');
    return compareGrowth(s, { year: 2020, value: b }, { year: 2020 + years, value: t }, tol);
  };
  it('软件业务收入 18% vs 20.11%: −2.11 points, outside 0.5', () => {
    const r = cmp('18%', '亿元', '2000', '5000');
    expect(r.ok && [dp(r.result.implied, 2), dp(r.result.difference, 2), r.result.consistent]).toEqual(['20.11', '-2.11', false]);
  });
  it('规模以上工业产值 6% vs 5.78%: within 0.5, outside 0.2', () => {
    expect(cmp('6%', '亿元', '22655', '30000').ok && (cmp('6%', '亿元', '22655', '30000') as { result: { consistent: boolean } }).result.consistent).toBe(true);
    const r = cmp('6%', '亿元', '22655', '30000', '0.2');
    expect(r.ok && r.result.consistent).toBe(false);
  });
  it('percentage points: 战略性新兴产业占比 32 → 35 is 0.6 points a year, as stated', () => {
    const r = cmp('0.6个百分点', '%', '32', '35');
    expect(r.ok && [r.result.implied, r.result.consistent]).toEqual(['0.6', true]);
  });
  it('units per year: 劳动生产率 0.6万元/人 vs (40 − 37.1)/5 = 0.58, gap 0.02/37.1 = 0.054 points: consistent', () => {
    const r = cmp('0.6万元/人', '万元/人', '37.1', '40');
    expect(r.ok && [r.result.implied, dp(r.result.gapPoints, 3), r.result.consistent]).toEqual(['0.58', '0.054', true]);
  });
  it('cumulative "[-16%]": 100 → 84 over five years agrees; 100 → 90 does not', () => {
    const a = cmp('[-16%]', '%', '100', '84');
    expect(a.ok && [a.result.implied, a.result.consistent]).toEqual(['-16', true]);
    const b = cmp('[-16%]', '%', '100', '90');
    expect(b.ok && [b.result.implied, b.result.consistent]).toEqual(['-10', false]);
  });
  it('a floor "10%以上" is met by faster growth', () => {
    const r = cmp('10%以上', '亿元', '100', '200');
    expect(r.ok && r.result.consistent).toBe(true);
  });
  it('cannot compare with a zero baseline or a target year before the baseline', () => {
    expect(cmp('18%', '亿元', '0', '5000').ok).toBe(false);
    expect(cmp('18%', '亿元', '2000', '5000', '0.5', -1).ok).toBe(false);
  });
});

describe('completion', () => {
  it('rates against the year target and the path; thresholds', () => {
    expect(completionPercent('2800', '3000', 'up')).toBe('93.33');
    expect(completionPercent('3000', '3000', 'up')).toBe('100');
    expect(completionPercent('-10', '-13', 'up')).toBe('76.92');
    expect(completionPercent('0.55', '0.5', 'down')).toBe('90.91');
    expect(completionPercent('5', '0', 'up')).toBeNull();
    expect(pathPercent('2885.4', '2000', '5000')).toBe('29.51');
    expect(timePercent(2022, 2020, 2025)).toBe('40');
    expect(statusOf('100', '100', '90')).toBe('达标');
    expect(statusOf('93.33', '100', '90')).toBe('预警');
    expect(statusOf('89.99', '100', '90')).toBe('滞后');
    expect(statusOf(null, '100', '90')).toBe('无数据');
    // Half a year's revenue by the end of Q2 is on track.
    expect(timeAdjusted('50', 'Q2', '亿元')).toBe('100');
    expect(timeAdjusted('50', 'Q2', '家')).toBe('50');
  });
});
