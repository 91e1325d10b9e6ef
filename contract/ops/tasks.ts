import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, id, task, taskStatus } from '../entities.ts';
import { op, writeOp } from '../op.ts';

const text = z.string().max(MAX_TEXT);
const name = z.string().max(MAX_NAME);

export const taskFilter = z
  .object({
    leadDepartmentId: id.optional(),
    participatingDepartmentId: id.optional(),
    /** tasks the unit leads or helps with (per-department view) */
    departmentId: id.optional(),
    districtId: id.optional(),
    status: z.array(taskStatus).max(4).optional(),
    deadlineFrom: z.string().max(7).optional(),
    deadlineTo: z.string().max(7).optional(),
    overdueOnly: z.boolean().optional(),
    search: z.string().max(MAX_NAME).optional(),
  })
  .strict();
export type TaskFilter = z.infer<typeof taskFilter>;

export const taskSort = z.enum(['order', 'deadline', 'status', 'updatedAt']);

export const taskPatch = z
  .object({
    number: name.optional(),
    section: text.nullable().optional(),
    title: text.optional(),
    description: text.nullable().optional(),
    leadDepartments: z.array(name).max(200).optional(),
    participatingDepartments: z.array(name).max(200).optional(),
    districts: z.array(name).max(200).optional(),
    /** "2027-12", "2027年12月", or null to clear; the wording typed is not kept (deadlineText clears) unless deadlineText is given */
    deadline: z.string().max(40).nullable().optional(),
    /** the deadline as the document words it ("2023年至2027年间"), kept beside the parsed month */
    deadlineText: text.nullable().optional(),
    status: taskStatus.optional(),
    progress: text.nullable().optional(),
    quantitativeGoal: text.nullable().optional(),
    notes: text.nullable().optional(),
    /** where the task comes from (出处: "渝府〔2023〕13号 七、（三）") */
    source: text.nullable().optional(),
  })
  .strict();
export type TaskPatch = z.infer<typeof taskPatch>;

export const taskStats = z.object({
  total: z.number().int(),
  overdue: z.number().int(),
  byStatus: z.array(z.object({ status: taskStatus, count: z.number().int() })),
  byLead: z.array(z.object({ departmentId: id, name: z.string(), counts: z.array(z.object({ status: taskStatus, count: z.number().int() })) })),
  byMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
  /** every department with a task under the filter: how many it leads and how many it helps with */
  byDepartment: z.array(z.object({ departmentId: id, name: z.string(), lead: z.number().int(), participating: z.number().int() })),
});
export type TaskStats = z.infer<typeof taskStats>;

/** What the ledger's filters list first: the plan's own departments and districts, each with its task count. */
export const taskFacets = z.object({
  /** the plan period: the deadline filter offers its months */
  periodStart: z.number().int(),
  periodEnd: z.number().int(),
  departments: z.array(z.object({ departmentId: id, name: z.string(), lead: z.number().int(), participating: z.number().int() })),
  districts: z.array(z.object({ districtId: id, name: z.string(), count: z.number().int() })),
});
export type TaskFacets = z.infer<typeof taskFacets>;

export const taskOps = {
  'tasks.list': op(
    z
      .object({
        planId: id,
        filter: taskFilter.optional(),
        sort: taskSort.optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(task) }),
  ),
  'tasks.update': writeOp(z.object({ taskId: id, patch: taskPatch }).strict(), task),
  /** Several tasks at once (a paste into the ledger): all checked first, saved as one undo step or none. */
  'tasks.updateMany': writeOp(
    z.object({ planId: id, updates: z.array(z.object({ taskId: id, patch: taskPatch, row: z.number().int().min(1).optional() }).strict()).min(1).max(20_000) }).strict(),
    z.object({ rows: z.array(task) }),
  ),
  /** A new task, after `afterTaskId` or at the end. */
  'tasks.create': writeOp(z.object({ planId: id, afterTaskId: id.optional(), patch: taskPatch.optional() }).strict(), task),
  /** Deletes tasks as one undo step. */
  'tasks.delete': writeOp(z.object({ planId: id, taskIds: z.array(id).min(1).max(100_000) }).strict(), z.object({ deleted: z.number().int() })),
  /** Numbers the plan's tasks 1, 2, 3… in their order (one undo step). */
  'tasks.renumber': writeOp(z.object({ planId: id }).strict(), z.object({ changed: z.number().int() })),
  /** Chart figures for the tasks the filter selects: status counts per lead department, deadlines per month. */
  /** Where a task sits in the ledger (order sort) under a filter, so a link can scroll to it; null when filtered out. */
  'tasks.locate': op(z.object({ planId: id, taskId: id, filter: taskFilter.optional() }).strict(), z.object({ index: z.number().int().nullable() })),
  /** The plan's departments and districts with their task counts, most tasks first (the filter lists). */
  'tasks.facets': op(z.object({ planId: id }).strict(), taskFacets),
  'tasks.stats': op(z.object({ planId: id, filter: taskFilter.optional() }).strict(), taskStats),
};
