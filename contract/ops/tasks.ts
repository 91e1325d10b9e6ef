import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, id, task, taskStatus } from '../entities.ts';
import { op } from '../op.ts';

const text = z.string().max(MAX_TEXT);
const name = z.string().max(MAX_NAME);

export const taskFilter = z
  .object({
    leadUnitId: id.optional(),
    participatingUnitId: id.optional(),
    /** tasks the unit leads or helps with (per-department view) */
    unitId: id.optional(),
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
    leadUnits: z.array(name).max(200).optional(),
    participatingUnits: z.array(name).max(200).optional(),
    districts: z.array(name).max(200).optional(),
    /** "2027-12", "2027年12月", or null to clear */
    deadline: z.string().max(40).nullable().optional(),
    status: taskStatus.optional(),
    progress: text.nullable().optional(),
    quantitativeGoal: text.nullable().optional(),
  })
  .strict();
export type TaskPatch = z.infer<typeof taskPatch>;

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
  'tasks.update': op(z.object({ taskId: id, patch: taskPatch }).strict(), task),
};
