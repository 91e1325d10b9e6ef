/** Pure arithmetic of completion (db/completion/rules.ts), against values computed by hand from the documents. */
import { describe, expect, it } from 'vitest';
import { completionPercent, pathPercent, statusOf, timeAdjusted, timePercent } from '../../db/completion/rules.ts';

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
