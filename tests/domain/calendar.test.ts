import { afterEach, describe, expect, it } from 'vitest';
import { PLAN_TIME_ZONE, isTimeZone, planDate, planDay, planMonth } from '../../domain/calendar.ts';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('the plan calendar (Asia/Shanghai unless told otherwise)', () => {
  it('is Beijing time by default', () => {
    expect(PLAN_TIME_ZONE).toBe('Asia/Shanghai');
  });

  it.each([
    // instant (UTC)                  plan day (UTC+8)   plan month
    ['2026-11-30T15:59:59.999Z', '2026-11-30', '2026-11'],
    ['2026-11-30T16:00:00.000Z', '2026-12-01', '2026-12'],
    ['2026-11-30T16:30:00Z', '2026-12-01', '2026-12'],
    ['2026-12-31T15:59:59Z', '2026-12-31', '2026-12'],
    ['2026-12-31T16:00:00Z', '2027-01-01', '2027-01'],
    ['2028-02-28T16:00:00Z', '2028-02-29', '2028-02'],
    ['2028-02-29T16:00:00Z', '2028-03-01', '2028-03'],
    ['2026-06-15T00:00:00Z', '2026-06-15', '2026-06'],
    ['2026-06-15T00:00:00+08:00', '2026-06-15', '2026-06'],
    ['2026-05-31T23:30:00-05:00', '2026-06-01', '2026-06'],
  ])('%s is %s in Chongqing', (instant, day, month) => {
    expect(planDay(instant)).toBe(day);
    expect(planMonth(instant)).toBe(month);
    expect(planMonth(new Date(instant))).toBe(month);
  });

  it('does not depend on the computer’s own time zone', () => {
    const instant = '2026-11-30T16:30:00Z';
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Etc/GMT+12']) {
      process.env.TZ = tz;
      expect(planMonth(instant), tz).toBe('2026-12');
      expect(planDate(new Date(instant)), tz).toEqual({ year: 2026, month: 12, day: 1 });
    }
  });

  it('can be asked for another calendar', () => {
    expect(planMonth('2026-11-30T16:30:00Z', 'UTC')).toBe('2026-11');
    expect(planDay('2026-11-30T16:30:00Z', 'America/New_York')).toBe('2026-11-30');
    expect(planDay('2026-11-30T10:30:00Z', 'Pacific/Kiritimati')).toBe('2026-12-01');
  });

  it('knows which time zones exist', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => planMonth('2026-01-01T00:00:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('refuses a time that is not one', () => {
    expect(() => planMonth('not a time')).toThrow(RangeError);
    expect(() => planMonth(new Date(Number.NaN))).toThrow(RangeError);
  });
});
