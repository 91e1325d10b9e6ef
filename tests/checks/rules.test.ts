/** Pure rules of the consistency checks (db/checks/rules.ts), against values computed by hand from the documents. */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../domain/numbers.ts';
import { boundOf, compareGrowth, intervalOf, intervalsMeet, isAdditiveUnit, normalizeMeasureName, parseStatedGrowth, sumIntervals } from '../../db/checks/rules.ts';
import { parseValueText } from '../../domain/numbers.ts';

const dp = (s: string, n: number) => new Dec(s).toDecimalPlaces(n, Dec.ROUND_HALF_UP).toFixed();

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

