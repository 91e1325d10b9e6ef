/** Checks of single task fields as a planner types them. Pure: no database. */
import { parseDeadline } from './rules.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkTitle(raw: string): Checked<string> {
  const title = raw.trim();
  return title ? { ok: true, value: title } : { ok: false, message: '任务名称不能为空' };
}

/** "2027-12", "2027年12月" within the plan period → "2027-12"; "" → null (no deadline). */
export function checkDeadline(raw: string | null, periodStart: number, periodEnd: number): Checked<string | null> {
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: true, value: null };
  const parsed = parseDeadline(text);
  if (!parsed) return { ok: false, message: `“${text}”不是有效的完成时限，请写成 2027-12 或 2027年12月` };
  const year = Number(parsed.slice(0, 4));
  if (year < periodStart || year > periodEnd) return { ok: false, message: `完成时限 ${parsed} 超出规划期（${periodStart}—${periodEnd}年）` };
  return { ok: true, value: parsed };
}

/** "市经济信息委、市发展改革委" / "a,b" / "a；b" → names. */
export function splitNames(raw: string): string[] {
  return raw
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const STATUSES = ['未开始', '进行中', '已完成', '滞后'] as const;
export type Status = (typeof STATUSES)[number];

export function checkStatus(raw: string): Checked<Status> {
  const s = raw.trim();
  const found = STATUSES.find((x) => x === s);
  return found ? { ok: true, value: found } : { ok: false, message: `“${s}”不是有效的状态，应为 ${STATUSES.join('、')} 之一` };
}

/** A task is overdue when its deadline month has passed and it is not done. */
export function isOverdue(deadline: string | null, status: string, currentMonth: string): boolean {
  return deadline !== null && deadline < currentMonth && status !== '已完成';
}
