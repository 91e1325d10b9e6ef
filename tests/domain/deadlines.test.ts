/** The one deadline normalization (domain/deadlines.ts): the export's 规范时限 column and the ledger's sort. */
import { describe, expect, it } from 'vitest';
import { normalizeDeadlineText, normalizedDeadline } from '../../domain/deadlines.ts';

describe('normalizeDeadlineText', () => {
  it.each([
    ['2025-06', '2025-06'],
    ['2025-6', '2025-06'],
    ['2025.6', '2025-06'],
    ['2025/06', '2025-06'],
    ['2025年6月', '2025-06'],
    ['2025年06月底', '2025-06'],
    ['2025年6月前', '2025-06'],
    ['2025年6月份', '2025-06'],
    ['2025年6月30日', '2025-06'],
    ['2025-06-30', '2025-06'],
    [' 2025 年 6 月 ', '2025-06'],
    ['２０２５年６月', '2025-06'],
    ['2027年', '2027-12'],
    ['2027', '2027-12'],
    ['2027年底', '2027-12'],
    ['2027年年底', '2027-12'],
    ['2027年末', '2027-12'],
    ['2027年前', '2027-12'],
    ['2027年前完成', '2027-12'],
    ['2024年上半年', '2024-06'],
    ['2024年年中', '2024-06'],
    ['2024年下半年', '2024-12'],
    ['2024年第一季度', '2024-03'],
    ['2024年三季度', '2024-09'],
    ['2024Q4', '2024-12'],
  ])('%s → %s', (text, want) => expect(normalizeDeadlineText(text)).toBe(want));

  it.each([
    ['2023年至2027年间', '2023-01～2027-12'],
    ['2023年至2027年期间', '2023-01～2027-12'],
    ['2023—2027年', '2023-01～2027-12'],
    ['2023-2027年', '2023-01～2027-12'],
    ['2023－2027', '2023-01～2027-12'],
    ['2023～2027年', '2023-01～2027-12'],
    ['2023年起至2027年', '2023-01～2027-12'],
    ['从2023年到2025年', '2023-01～2025-12'],
    ['2023年6月至2024年3月', '2023-06～2024-03'],
    ['2024年3月至6月', '2024-03～2024-06'],
    ['2024年下半年至2025年', '2024-07～2025-12'],
    ['2024年6月至2024年6月', '2024-06'],
  ])('span %s → %s', (text, want) => expect(normalizeDeadlineText(text)).toBe(want));

  it.each(['', '长期', '持续推进', '每年', '2027年至2023年', '2025年13月', '2025年0月', '6月', '6月至2025年', '12345年', '2027年12月32日x', '近期'])(
    'no deadline in %j',
    (text) => expect(normalizeDeadlineText(text)).toBeNull(),
  );

  it('sorts as time runs: months and spans in one order', () => {
    const texts = ['2027年', '2023年至2027年间', '2025-06', '2024年上半年', '2023年12月'];
    const sorted = texts.map((t) => normalizeDeadlineText(t) ?? '').sort();
    expect(sorted).toEqual(['2023-01～2027-12', '2023-12', '2024-06', '2025-06', '2027-12']);
  });
});

describe('normalizedDeadline (a task)', () => {
  it('reads the wording first, the stored month when the wording says no time, null when neither', () => {
    expect(normalizedDeadline({ deadline: '2027-12', deadlineText: '2023年至2027年间' })).toBe('2023-01～2027-12');
    expect(normalizedDeadline({ deadline: '2027-12', deadlineText: '长期坚持' })).toBe('2027-12');
    expect(normalizedDeadline({ deadline: '2025-06', deadlineText: null })).toBe('2025-06');
    expect(normalizedDeadline({ deadline: null, deadlineText: null })).toBeNull();
  });
});
