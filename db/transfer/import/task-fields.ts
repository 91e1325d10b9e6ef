/**
 * One task cell of an imported file → the value to store, with the rules of typing it in the
 * ledger: a title is required, a deadline reads as planners write it and lies in the plan period,
 * a status is one of the four. A cell reading the same as the export writes it keeps the stored
 * value (and its wording). Pure.
 */
import type { Task, TaskStatus } from '../../../contract/entities.ts';
import { parseDeadline } from '../../tasks/rules.ts';
import type { TaskField } from '../xlsx/layout.ts';

export interface ParsedTaskFields {
  number?: string;
  section?: string | null;
  title?: string;
  description?: string | null;
  status?: TaskStatus;
  progress?: string | null;
  quantitativeGoal?: string | null;
  deadline?: { deadline: string | null; text: string | null };
  leadUnits?: string[];
  participatingUnits?: string[];
  districts?: string[];
  /** the names as written, for the preview */
  names?: Partial<Record<'leadUnits' | 'participatingUnits' | 'districts', string | null>>;
}

export type FieldResult = { ok: true; value: unknown } | { ok: false; message: string };

const STATUSES: readonly TaskStatus[] = ['未开始', '进行中', '已完成', '滞后'];

const optionalText = (text: string, current: string | null | undefined): string | null => {
  const t = text.trim();
  if (current !== undefined && t === (current ?? '').trim()) return current;
  return t === '' ? null : t;
};

export function taskFieldValue(field: TaskField, text: string, task: Task | undefined, plan: { period_start: number; period_end: number }): FieldResult {
  switch (field) {
    case 'number': {
      const t = text.trim();
      return { ok: true, value: task && t === task.number.trim() ? task.number : t };
    }
    case 'title': {
      const t = text.trim();
      if (!t) return { ok: false, message: '任务名称不能为空' };
      return { ok: true, value: task && t === task.title.trim() ? task.title : t };
    }
    case 'section':
      return { ok: true, value: optionalText(text, task ? task.section : undefined) };
    case 'description':
      return { ok: true, value: optionalText(text, task ? task.description : undefined) };
    case 'progress':
      return { ok: true, value: optionalText(text, task ? task.progress : undefined) };
    case 'quantitativeGoal':
      return { ok: true, value: optionalText(text, task ? task.quantitativeGoal : undefined) };
    case 'status': {
      const t = text.trim();
      if (!t) return { ok: true, value: undefined };
      const s = STATUSES.find((x) => x === t);
      return s ? { ok: true, value: s } : { ok: false, message: `“${t}”不是有效的状态，应为 ${STATUSES.join('、')} 之一` };
    }
    case 'deadline': {
      const t = text.trim();
      if (task && (t === (task.deadlineText ?? '') && task.deadlineText !== null || t === (task.deadline ?? '') && task.deadlineText === null))
        return { ok: true, value: { deadline: task.deadline, text: task.deadlineText } };
      if (!t) return { ok: true, value: { deadline: null, text: null } };
      const parsed = parseDeadline(t);
      if (!parsed) return { ok: false, message: `“${t}”不是有效的完成时限，请写成 2027-12 或 2027年12月` };
      const year = Number(parsed.slice(0, 4));
      if (year < plan.period_start || year > plan.period_end)
        return { ok: false, message: `完成时限 ${parsed} 超出规划期（${plan.period_start}—${plan.period_end}年）` };
      return { ok: true, value: { deadline: parsed, text: t === parsed ? null : t } };
    }
    default:
      return { ok: true, value: undefined };
  }
}
