/**
 * The task detail panel's form: a task as editable text, the patch of what changed, and the check of that
 * patch before it is sent — with the rules typing in the grid obeys (domain/text.ts; the contract's own
 * tasks.update schema). The core checks it again and has the last word (titles, deadlines, unit names).
 */
import type { Task, TaskStatus } from '../../../../contract/entities.ts';
import { taskPatch } from '../../../../contract/ops/tasks.ts';
import type { TaskPatch } from '../../../../contract/operations.ts';
import { MAX_NAME, MAX_TEXT, forbiddenCharacter } from '../../../../domain/text.ts';
import { shownName } from './departmentNames.ts';
import { t } from '../../i18n/index.ts';

export const DETAIL_FIELDS = [
  'number', 'section', 'title', 'description', 'quantitativeGoal', 'notes', 'leadDepartments', 'participatingDepartments', 'districts',
  'deadline', 'deadlineText', 'status', 'progress', 'source',
] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

type ListField = 'leadDepartments' | 'participatingDepartments' | 'districts';
/** fields that are no text when emptied (null) */
const NULLABLE = ['section', 'description', 'quantitativeGoal', 'notes', 'deadline', 'deadlineText', 'progress', 'source'] as const;

export type Draft = { [F in Exclude<DetailField, ListField | 'status'>]: string } & { [F in ListField]: string[] } & { status: TaskStatus };

export function draftOf(task: Task): Draft {
  return {
    number: task.number,
    section: task.section ?? '',
    title: task.title,
    description: task.description ?? '',
    quantitativeGoal: task.quantitativeGoal ?? '',
    notes: task.notes ?? '',
    leadDepartments: task.leadDepartments.map(shownName),
    participatingDepartments: task.participatingDepartments.map(shownName),
    districts: task.districts.map((d) => d.name),
    deadline: task.deadline ?? '',
    deadlineText: task.deadlineText ?? '',
    status: task.status,
    progress: task.progress ?? '',
    source: task.source ?? '',
  };
}

export function sameDraftField(a: Draft, b: Draft, f: DetailField): boolean {
  const x = a[f];
  const y = b[f];
  return Array.isArray(x) && Array.isArray(y) ? x.join('、') === y.join('、') : x === y;
}

/** The fields the draft changes against the task, as tasks.update takes them. */
export function patchOf(draft: Draft, task: Task): TaskPatch {
  const was = draftOf(task);
  const changed = (f: DetailField) => !sameDraftField(draft, was, f);
  const orNull = (v: string) => (v.trim() === '' ? null : v);
  const patch: TaskPatch = {};
  if (changed('number')) patch.number = draft.number;
  if (changed('title')) patch.title = draft.title;
  if (changed('status')) patch.status = draft.status;
  for (const f of NULLABLE) if (changed(f)) patch[f] = orNull(draft[f]);
  if (changed('leadDepartments')) patch.leadDepartments = draft.leadDepartments;
  if (changed('participatingDepartments')) patch.participatingDepartments = draft.participatingDepartments;
  if (changed('districts')) patch.districts = draft.districts;
  return patch;
}

/** The most names a list field takes (the contract's tasks.update schema). */
const MAX_NAMES = 200;

/** Why a text cannot be stored as typed (domain/text.ts's rule), in the UI's words; null when it can. */
function textProblem(text: string, max: number): string | null {
  const bad = forbiddenCharacter(text);
  if (bad === 'NUL') return t('wb.detail.check.nul');
  if (bad) return t('wb.detail.check.nonCharacter', { char: bad });
  if (text.length > max) return t('wb.detail.check.tooLong', { length: text.length, max });
  return null;
}

/**
 * Problems of a patch before it is sent, by field, in the UI's language (the catalogue's
 * wb.detail.check.*); the panel shows each as "{field}：{message}" under its field and in the notice. {}
 * when none. The same rules the grid's typing and the core obey (domain/text.ts, the contract's schema);
 * the core checks again and has the last word (deadlines against the plan period, unit names).
 */
export function checkDraft(patch: TaskPatch): Partial<Record<DetailField, string>> {
  const out: Partial<Record<DetailField, string>> = {};
  for (const f of DETAIL_FIELDS) {
    const v = patch[f];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      if (v.length > MAX_NAMES) {
        out[f] = t('wb.detail.check.tooMany', { count: v.length, max: MAX_NAMES });
        continue;
      }
      for (const name of v) {
        const problem = textProblem(name, MAX_NAME);
        if (problem) {
          out[f] = t('wb.detail.check.name', { name: name.length > 20 ? `${name.slice(0, 20)}…` : name, problem });
          break;
        }
      }
      continue;
    }
    const problem = textProblem(v, f === 'number' ? MAX_NAME : f === 'deadline' ? 40 : MAX_TEXT);
    if (problem) out[f] = problem;
    // A task has a name (db/tasks/rules.ts checkTitle, which the core applies again).
    else if (f === 'title' && typeof v === 'string' && v.trim() === '') out[f] = t('wb.detail.check.empty');
  }
  if (Object.keys(out).length > 0) return out;
  // The contract's own schema (what the core's boundary checks): anything it still refuses, by field.
  const parsed = taskPatch.safeParse(patch);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const f = DETAIL_FIELDS.find((x) => x === issue.path[0]);
      if (f && !out[f]) out[f] = t('wb.detail.check.invalid');
    }
  return out;
}
