/**
 * "Overdue" at the turn of a month: the core's filter (tasks.list overdueOnly), its count
 * (tasks.stats overdue) and the renderer's row highlight (rowIsOverdue) apply the one rule of
 * domain/tasks.ts in the plan's calendar, so they agree at every instant — in particular during the
 * 8 hours each month when it is already the next month in Chongqing but not yet in UTC.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { Task } from '../../contract/entities.ts';
import type { TaskStats } from '../../contract/ops/tasks.ts';
import { isOverdue, overdueCutoff } from '../../domain/tasks.ts';
import { rowIsOverdue } from '../../renderer/src/features/workbench/overdue.ts';

const PLAN = 'p-yufu-2023-13';
type List = { total: number; rows: Task[] };

const savedTz = process.env.TZ;
afterEach(() => {
  vi.useRealTimers();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

/** A seeded plan whose clock the test sets; one task due in 2026-11, one due 2026-11 but done. */
function planAt() {
  const clock = { now: '2026-11-15T04:00:00.000Z' };
  const s = seededStore(undefined, () => clock.now);
  const [first, second] = ok<List>(s, 'tasks.list', { planId: PLAN, limit: 2 }).rows;
  const due = ok<Task>(s, 'tasks.update', { taskId: first!.id, patch: { deadline: '2026-11', status: '进行中' } });
  const done = ok<Task>(s, 'tasks.update', { taskId: second!.id, patch: { deadline: '2026-11', status: '已完成' } });
  const overdueIds = () => ok<List>(s, 'tasks.list', { planId: PLAN, filter: { overdueOnly: true }, limit: 5000 }).rows.map((t) => t.id).sort();
  const overdueCount = () => ok<TaskStats>(s, 'tasks.stats', { planId: PLAN }).overdue;
  const all = () => ok<List>(s, 'tasks.list', { planId: PLAN, limit: 5000 }).rows;
  return { s, clock, due, done, overdueIds, overdueCount, all };
}

describe('overdue at the turn of the month, in the plan’s calendar (Asia/Shanghai)', () => {
  it('2026-11-30T16:30Z is already December in Chongqing: a task due in November is overdue in the core’s list and count', () => {
    const p = planAt();
    p.clock.now = '2026-11-30T15:59:59.000Z'; // 23:59:59 on 30 November in Chongqing
    expect(p.overdueIds()).not.toContain(p.due.id);
    const before = p.overdueCount();
    p.clock.now = '2026-11-30T16:30:00.000Z'; // 00:30 on 1 December in Chongqing, still November in UTC
    expect(p.overdueIds()).toContain(p.due.id);
    expect(p.overdueIds()).not.toContain(p.done.id);
    expect(p.overdueCount()).toBeGreaterThanOrEqual(before + 1);
    expect(p.overdueCount()).toBe(p.overdueIds().length);
  });

  it('the renderer’s highlight agrees with the core at the same instant, whatever the computer’s time zone', () => {
    const p = planAt();
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai']) {
      process.env.TZ = tz;
      for (const instant of ['2026-11-30T15:59:59.000Z', '2026-11-30T16:30:00.000Z', '2026-12-31T16:30:00.000Z']) {
        p.clock.now = instant;
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(new Date(instant));
        const shown = p.all().filter((t) => rowIsOverdue(t)).map((t) => t.id).sort();
        vi.useRealTimers();
        expect(shown, `${tz} ${instant}`).toEqual(p.overdueIds());
        expect(p.overdueCount(), `${tz} ${instant}`).toBe(shown.length);
        expect(rowIsOverdue(p.due, new Date(instant)), `${tz} ${instant}`).toBe(instant !== '2026-11-30T15:59:59.000Z');
      }
    }
  });

  it('the core’s SQL and the domain rule pick the same tasks across a whole year of month turns', () => {
    const p = planAt();
    for (let m = 0; m < 12; m++) {
      // 00:30 on the 1st in Chongqing = 16:30 UTC on the last day of the month before
      const instant = new Date(Date.UTC(2026, m, 1, 0, 30) - 8 * 3600_000).toISOString();
      p.clock.now = instant;
      const cutoff = overdueCutoff(instant);
      expect(cutoff).toBe(`2026-${String(m + 1).padStart(2, '0')}`);
      const byRule = p.all().filter((t) => isOverdue(t, cutoff)).map((t) => t.id).sort();
      expect(p.overdueIds(), instant).toEqual(byRule);
      expect(p.overdueCount(), instant).toBe(byRule.length);
    }
  });

  it('a row the grid has not loaded yet is not highlighted', () => {
    expect(rowIsOverdue(undefined)).toBe(false);
  });
});

describe('a plan file set to another time zone (preferences.timeZone)', () => {
  it('reads “this month” in that zone on both sides; an unknown zone is refused and changes nothing', () => {
    const p = planAt();
    p.clock.now = '2026-11-30T16:30:00.000Z'; // December in Chongqing, still November in UTC
    expect(p.overdueIds()).toContain(p.due.id);
    expect(ok(p.s, 'preferences.set', { timeZone: 'UTC' })).toMatchObject({ timeZone: 'UTC' });
    expect(p.overdueIds()).not.toContain(p.due.id);
    expect(rowIsOverdue(p.due, new Date(p.clock.now), 'UTC')).toBe(false);
    p.clock.now = '2026-12-01T00:30:00.000Z';
    expect(p.overdueIds()).toContain(p.due.id);
    expect(rowIsOverdue(p.due, new Date(p.clock.now), 'UTC')).toBe(true);
    const r = p.s.call('preferences.set', { timeZone: 'Mars/Olympus' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'timeZone' }] });
    expect(ok(p.s, 'preferences.get', {})).toMatchObject({ timeZone: 'UTC' });
  });
});
