import { describe, expect, it } from 'vitest';
import { cagrPercent, difference, growthKind, impliedGrowth, rowGrowth, sharePercent, sumPresent } from '../../db/targets/rollups.ts';
import { matrixYears } from '../../db/targets/matrix.ts';

describe('rollups (exact decimals)', () => {
  it('sums only the values present and states the difference to the stated total', () => {
    expect(sumPresent(['3000', '1600', '3300', '1000', '1500', '1600', '1000', '1000'])).toBe('14000');
    expect(sumPresent(['0.1', '0.2'])).toBe('0.3');
    expect(sumPresent([null, null])).toBeNull();
    expect(sumPresent([null, '5'])).toBe('5');
    expect(difference('14100', '14000')).toBe('100');
    expect(difference('13900', '14000')).toBe('-100');
    expect(difference(null, '14000')).toBeNull();
  });

  it('computes shares of the total', () => {
    expect(sharePercent('4000', '14000')).toBe('28.57');
    expect(sharePercent('500', '14000')).toBe('3.57');
    expect(sharePercent('7000', '14000')).toBe('50');
    expect(sharePercent('1', '0')).toBeNull();
  });

  it('computes the compound annual growth the 渝府发〔2021〕18号 indicators imply', () => {
    // 规模以上工业产值 22655 → 30000 亿元 (2020→2025), stated 6%
    expect(cagrPercent('22655', '30000', 5)).toBe('5.78');
    // 工业增加值 6991 → 9000, stated 6%
    expect(cagrPercent('6991', '9000', 5)).toBe('5.18');
    // 软件业务收入 2000 → 5000, stated 18%
    expect(cagrPercent('2000', '5000', 5)).toBe('20.11');
    // 研发投入 370 → 600, stated 10%
    expect(cagrPercent('370', '600', 5)).toBe('10.15');
    // 每亿元营业收入有效发明专利数 0.9 → 1.45, stated 10%
    expect(cagrPercent('0.9', '1.45', 5)).toBe('10.01');
    expect(cagrPercent('0', '10', 5)).toBeNull();
    expect(cagrPercent('10', '10', 0)).toBeNull();
  });

  it('reads the stated growth the way the plan writes it', () => {
    expect(growthKind('亿元', '6%')).toBe('rate');
    expect(growthKind('%', '0.6个百分点')).toBe('points');
    expect(growthKind('个', '4个')).toBe('absolute');
    expect(growthKind('万元/人', '0.6万元/人')).toBe('absolute');
    expect(growthKind('%', '—')).toBe('points');
    expect(growthKind('亿元', null)).toBe('rate');
    expect(impliedGrowth({ year: 2020, value: '32' }, { year: 2025, value: '35' }, '%', '0.6个百分点')).toEqual({ kind: 'points', value: '0.6', years: 5 });
    expect(impliedGrowth({ year: 2020, value: '10' }, { year: 2025, value: '30' }, '个', '4个')).toEqual({ kind: 'absolute', value: '4', years: 5 });
    expect(impliedGrowth({ year: 2020, value: '37.1' }, { year: 2025, value: '40' }, '万元/人', '0.6万元/人')).toEqual({ kind: 'absolute', value: '0.58', years: 5 });
    expect(impliedGrowth({ year: 2020, value: null }, { year: 2025, value: '-16' }, '%', '—')).toBeNull();
  });

  it('finds a row’s first and last values for its growth', () => {
    expect(rowGrowth([2022, 2023, 2024, 2025], [null, '100', null, '121'])).toEqual({ cagr: '10', from: 2023, to: 2025 });
    expect(rowGrowth([2023, 2027], [null, '3000'])).toEqual({ cagr: null, from: null, to: null });
  });

  it('spans the baseline year, every plan year and the target year', () => {
    expect(matrixYears(2023, 2027, null, 2027)).toEqual([2023, 2024, 2025, 2026, 2027]);
    expect(matrixYears(2021, 2025, 2020, 2025)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(matrixYears(2023, 2025, 2022, 2027)).toEqual([2022, 2023, 2024, 2025, 2026, 2027]);
  });
});

describe('growth of the totals row', () => {
  it('is shown only when the same rows make up both years', async () => {
    const { sumGrowth } = await import('../../db/targets/matrix.ts');
    const years = [2025, 2026, 2027];
    expect(sumGrowth(years, [['100', null, '121'], ['100', null, '121']], ['200', null, '242'])).toBe('10');
    // 2025 holds one district, 2027 two: a growth of the sum would compare unlike totals
    expect(sumGrowth(years, [['100', null, '121'], [null, null, '121']], ['100', null, '242'])).toBeNull();
  });
});
