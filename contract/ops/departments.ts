/** The departments (部门) of the common list that lead or take part in tasks, with the other names documents use for them. */
import { z } from 'zod';
import { MAX_NAME, department, id } from '../entities.ts';
import { op, writeOp } from '../op.ts';

/**
 * Departments are common to every plan of the file; a write names the plan the planner works in
 * (`planId`): its undo stack holds the step.
 */
const inPlan = { planId: id };
const name = z.string().max(MAX_NAME);

export const departmentMerge = z.object({
  id,
  fromDepartmentId: id,
  fromName: z.string(),
  intoDepartmentId: id,
  taskLinks: z.number().int(),
  mergedAt: z.string(),
  mergedBy: z.string(),
});
export type DepartmentMerge = z.infer<typeof departmentMerge>;

/** A department with what the list shows beside it: how many tasks name it, and the merges it holds. */
export const departmentEntry = department.extend({ taskCount: z.number().int(), merges: z.array(departmentMerge) });
export type DepartmentEntry = z.infer<typeof departmentEntry>;

export const departmentOps = {
  'departments.list': op(z.object({}).strict(), z.array(department)),
  /** The list as the 部门 grid shows it: in the planners' order, with task counts and merges. */
  'departments.entries': op(z.object({}).strict(), z.array(departmentEntry)),
  'departments.create': writeOp(
    z.object({ ...inPlan, name, aliases: z.array(name).max(100).optional(), position: z.number().int().min(0).optional() }).strict(),
    z.object({ id }),
  ),
  'departments.rename': writeOp(z.object({ ...inPlan, departmentId: id, name }).strict(), z.object({ changed: z.boolean() })),
  /** Sets the department's other names (short names, older spellings) to exactly `aliases`. */
  'departments.setAliases': writeOp(z.object({ ...inPlan, departmentId: id, aliases: z.array(name).max(100) }).strict(), z.object({ changed: z.number().int() })),
  'departments.move': writeOp(z.object({ ...inPlan, departmentId: id, position: z.number().int().min(0) }).strict(), z.object({ position: z.number().int() })),
  /** Refused (CONFLICT) while tasks name the department: the refusal names them. */
  'departments.delete': writeOp(z.object({ ...inPlan, departmentId: id }).strict(), z.object({ deleted: z.boolean() })),
  /**
   * Merges department `fromId` into `intoId`: every task link is repointed, the merged name (and its
   * aliases) become aliases of the one kept, the merge is recorded; one undo step.
   */
  'departments.merge': writeOp(
    z.object({ ...inPlan, fromId: id, intoId: id }).strict(),
    z.object({ merge: departmentMerge }),
  ),
};
