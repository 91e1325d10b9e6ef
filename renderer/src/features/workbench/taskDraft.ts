/**
 * The task detail panel's form: a task as editable text, the patch of what changed, and the check of that
 * patch before it is sent — with the rules typing in the grid obeys (domain/text.ts; the contract's own
 * tasks.update schema). The core checks it again and has the last word (titles, deadlines, unit names).
 */
import type { Task, TaskStatus } from '../../../../contract/entities.ts';
import { taskPatch } from '../../../../contract/ops/tasks.ts';
import type { TaskPatch } from '../../../../contract/operations.ts';
import { MAX_NAME, MAX_TEXT, typedTextProblem } from '../../../../domain/text.ts';
import { shownName } from './departmentNames.ts';

export const DETAIL_FIELDS = [
  'number', 'section', 'title', 'description', 'quantitativeGoal', 'notes', 'leadDepartments', 'participatingDepartments', 'districts',
  'deadline', 'deadlineText', 'status', 'progress', 'source',
] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

type ListField = 'leadDepartments' | 'participatingDepartments' | 'districts';
const LISTS: readonly DetailField[] = ['leadDepartments', 'participatingDepartments', 'districts'];
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

/** Problems of a patch before it is sent, by field (Chinese, as the core words them); {} when none. */
export function checkDraft(patch: TaskPatch): Partial<Record<DetailField, string>> {
  const out: Partial<Record<DetailField, string>> = {};
  for (const f of DETAIL_FIELDS) {
    const v = patch[f];
    if (v === undefined || v === null) continue;
    const problem = Array.isArray(v)
      ? v.map((name) => typedTextProblem(name, MAX_NAME)).find((p) => p !== null) ?? null
      : typedTextProblem(v, f === 'number' ? MAX_NAME : f === 'deadline' ? 40 : MAX_TEXT);
    if (problem) out[f] = problem;
  }
  if (Object.keys(out).length > 0) return out;
  // The contract's own schema (what the core's boundary checks): anything it still refuses, by field.
  const parsed = taskPatch.safeParse(patch);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const f = DETAIL_FIELDS.find((x) => x === issue.path[0]);
      if (f && !out[f]) out[f] = LISTS.includes(f) ? '名称过多（最多 200 个）' : '内容不符合要求';
    }
  return out;
}
