/**
 * Task rules both the core and the renderer apply: the status list (the contract's `taskStatus`,
 * written out nowhere else) and when a task is overdue. Pure: no Node, no DOM, no database.
 */
import { taskStatus, type TaskStatus } from '../contract/entities.ts';
import { PLAN_TIME_ZONE, planMonth } from './calendar.ts';

export type { TaskStatus };

/** Every status in the order the ledger, charts and report show them. */
export const TASK_STATUSES: readonly TaskStatus[] = taskStatus.options;

/** The statuses by meaning, for code that needs one of them. */
export const TASK_STATUS = {
  notStarted: taskStatus.enum.未开始,
  inProgress: taskStatus.enum.进行中,
  done: taskStatus.enum.已完成,
  late: taskStatus.enum.滞后,
} as const satisfies Record<string, TaskStatus>;

/** A new task (typed, pasted, imported, seeded) starts here. */
export const INITIAL_TASK_STATUS: TaskStatus = TASK_STATUS.notStarted;

export function isTaskStatus(s: string): s is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(s);
}

/** "未开始" (surrounding spaces ignored) → the status; else a message naming the allowed ones. */
export function checkStatus(raw: string): { ok: true; value: TaskStatus } | { ok: false; message: string } {
  const s = raw.trim();
  return isTaskStatus(s) ? { ok: true, value: s } : { ok: false, message: `“${s}”不是有效的状态，应为 ${TASK_STATUSES.join('、')} 之一` };
}

/**
 * The month a deadline must not be before to count as on time, in the plan's calendar: a task whose
 * deadline ("YYYY-MM") is before this month and that is not done is overdue. The core binds this
 * (with TASK_STATUS.done) into its SQL, the renderer passes it to isOverdue.
 */
export function overdueCutoff(now: Date | string, timeZone: string = PLAN_TIME_ZONE): string {
  return planMonth(now, timeZone);
}

/** A task is overdue when its deadline month has passed (before `cutoff`, see overdueCutoff) and it is not done. */
export function isOverdue(task: { deadline: string | null; status: string }, cutoff: string): boolean {
  return task.deadline !== null && task.deadline < cutoff && task.status !== TASK_STATUS.done;
}
