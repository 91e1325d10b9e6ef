import { describe, expect, it } from 'vitest';
import { taskStatus } from '../../contract/entities.ts';
import { INITIAL_TASK_STATUS, TASK_STATUS, TASK_STATUSES, checkStatus, isOverdue, isTaskStatus, overdueCutoff } from '../../domain/tasks.ts';

describe('task statuses', () => {
  it('are the contract’s list, in its order', () => {
    expect(TASK_STATUSES).toEqual(taskStatus.options);
    expect(TASK_STATUSES).toEqual(['未开始', '进行中', '已完成', '滞后']);
    expect(Object.values(TASK_STATUS).sort()).toEqual([...TASK_STATUSES].sort());
    expect(INITIAL_TASK_STATUS).toBe('未开始');
    expect(TASK_STATUS.done).toBe('已完成');
  });

  it.each([
    ['未开始', true],
    ['进行中', true],
    ['已完成', true],
    ['滞后', true],
    ['完成', false],
    ['', false],
    [' 进行中', false],
    ['达标', false],
  ])('isTaskStatus(%j) is %s', (s, expected) => {
    expect(isTaskStatus(s)).toBe(expected);
  });

  it('checkStatus trims and names the allowed statuses when refusing', () => {
    expect(checkStatus('  已完成 ')).toEqual({ ok: true, value: '已完成' });
    expect(checkStatus('搁置')).toEqual({ ok: false, message: '“搁置”不是有效的状态，应为 未开始、进行中、已完成、滞后 之一' });
    expect(checkStatus('').ok).toBe(false);
  });
});

describe('overdue', () => {
  it.each([
    [{ deadline: '2026-11', status: '进行中' }, '2026-12', true],
    [{ deadline: '2026-11', status: '未开始' }, '2026-12', true],
    [{ deadline: '2026-11', status: '滞后' }, '2026-12', true],
    [{ deadline: '2026-11', status: '已完成' }, '2026-12', false],
    [{ deadline: '2026-12', status: '进行中' }, '2026-12', false],
    [{ deadline: '2027-01', status: '进行中' }, '2026-12', false],
    [{ deadline: null, status: '进行中' }, '2026-12', false],
    [{ deadline: '2025-12', status: '进行中' }, '2026-01', true],
  ])('%j before %s → %s', (task, cutoff, expected) => {
    expect(isOverdue(task, cutoff)).toBe(expected);
  });

  it('the cutoff is the month in Chongqing, not in UTC', () => {
    expect(overdueCutoff('2026-11-30T15:59:59Z')).toBe('2026-11');
    expect(overdueCutoff('2026-11-30T16:30:00Z')).toBe('2026-12');
    expect(overdueCutoff(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
    expect(overdueCutoff('2026-11-30T16:30:00Z', 'UTC')).toBe('2026-11');
    const dueInNovember = { deadline: '2026-11', status: '进行中' };
    expect(isOverdue(dueInNovember, overdueCutoff('2026-11-30T15:59:59Z'))).toBe(false);
    expect(isOverdue(dueInNovember, overdueCutoff('2026-11-30T16:30:00Z'))).toBe(true);
  });
});
