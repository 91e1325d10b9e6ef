/**
 * One task cell of an imported file → the value to store, with the rules of typing it in the
 * ledger: a title is required, a deadline reads as planners write it and lies in the plan period,
 * a status is one of the four. A cell reading the same as the export writes it keeps the stored
 * value (and its wording). Pure.
 */
import type { Task, TaskStatus } from '../../contract/entities.ts';
import { checkDeadline, checkTitle } from '../tasks/rules.ts';
import { checkStatus } from '../../domain/tasks.ts';
import type { TaskField } from '../export/xlsx/layout.ts';
import { taskPatch } from '../../contract/ops/tasks.ts';
import { forbiddenCharacter, splitNames } from '../../domain/text.ts';

export interface ParsedTaskFields {
  number?: string;
  section?: string | null;
  title?: string;
  description?: string | null;
  status?: TaskStatus;
  progress?: string | null;
  quantitativeGoal?: string | null;
  notes?: string | null;
  deadline?: { deadline: string | null; text: string | null };
  leadDepartments?: string[];
  participatingDepartments?: string[];
  districts?: string[];
  /** the names as written, for the preview */
  names?: Partial<Record<'leadDepartments' | 'participatingDepartments' | 'districts', string | null>>;
}

export type FieldResult = { ok: true; value: unknown } | { ok: false; message: string };

const optionalText = (text: string, current: string | null | undefined): string | null => {
  const t = text.trim();
  if (current !== undefined && t === (current ?? '').trim()) return current;
  return t === '' ? null : t;
};

/**
 * The rules typing applies to the same field (the contract's own schema for tasks.update, and the
 * characters no plan text may hold), applied to an imported cell: a message, or null when it passes.
 */
export function typingRuleProblem(field: TaskField, text: string): string | null {
  const bad = forbiddenCharacter(text);
  if (bad) return `含有不能保存的字符 ${bad}（${bad === 'NUL' ? '不可见的控制字符' : '非字符'}），请删除后再导入`;
  if (field === 'id') return null;
  const list = field === 'leadDepartments' || field === 'participatingDepartments' || field === 'districts';
  const schema = taskPatch.shape[field];
  const checked = schema.safeParse(list ? splitNames(text) : text);
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  const max = issue && issue.code === 'too_big' ? Number(issue.maximum) : null;
  if (max === null) return null;
  return list
    ? `名称过多或过长（每个名称最多 ${max.toLocaleString('en')} 个字符，最多 200 个名称）`
    : `内容有 ${text.length.toLocaleString('en')} 个字符，超过输入上限 ${max.toLocaleString('en')} 个字符`;
}

export function taskFieldValue(field: TaskField, text: string, task: Task | undefined, plan: { period_start: number; period_end: number }): FieldResult {
  switch (field) {
    case 'number': {
      const t = text.trim();
      return { ok: true, value: task && t === task.number.trim() ? task.number : t };
    }
    case 'title': {
      const c = checkTitle(text);
      if (!c.ok) return c;
      return { ok: true, value: task && c.value === task.title.trim() ? task.title : c.value };
    }
    case 'section':
      return { ok: true, value: optionalText(text, task ? task.section : undefined) };
    case 'description':
      return { ok: true, value: optionalText(text, task ? task.description : undefined) };
    case 'progress':
      return { ok: true, value: optionalText(text, task ? task.progress : undefined) };
    case 'quantitativeGoal':
      return { ok: true, value: optionalText(text, task ? task.quantitativeGoal : undefined) };
    case 'notes':
      return { ok: true, value: optionalText(text, task ? task.notes : undefined) };
    case 'status': {
      if (!text.trim()) return { ok: true, value: undefined };
      return checkStatus(text);
    }
    case 'deadline': {
      const t = text.trim();
      if (task && (t === (task.deadlineText ?? '') && task.deadlineText !== null || t === (task.deadline ?? '') && task.deadlineText === null))
        return { ok: true, value: { deadline: task.deadline, text: task.deadlineText } };
      const c = checkDeadline(t, plan.period_start, plan.period_end);
      if (!c.ok) return c;
      return { ok: true, value: { deadline: c.value, text: c.value === null || t === c.value ? null : t } };
    }
    default:
      return { ok: true, value: undefined };
  }
}
