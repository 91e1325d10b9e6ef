/**
 * Which ledger rows are highlighted as overdue: domain/tasks.ts isOverdue in the plan's calendar, the
 * same rule and the same month as the core's overdue filter and count (not the computer's local
 * month). Pure: no DOM, so it is unit-tested beside the core's query (tests/domain/overdue.test.ts).
 */
import type { Task } from '../../../../contract/entities.ts';
import { isOverdue, overdueCutoff } from '../../../../domain/tasks.ts';
import { PLAN_TIME_ZONE } from '../../../../domain/calendar.ts';

export function rowIsOverdue(task: Pick<Task, 'deadline' | 'status'> | undefined, now: Date = new Date(), timeZone: string = PLAN_TIME_ZONE): boolean {
  return !!task && isOverdue(task, overdueCutoff(now, timeZone));
}
