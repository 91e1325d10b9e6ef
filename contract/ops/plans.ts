import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, id, planHeader, planOverview, planSummary, task } from '../entities.ts';
import { op, writeOp } from '../op.ts';

export const planPatch = z
  .object({
    title: z.string().max(MAX_NAME).optional(),
    docNumber: z.string().max(MAX_NAME).optional(),
    issuer: z.string().max(MAX_NAME).optional(),
    issueDate: z.string().max(20).nullable().optional(),
    periodStart: z.number().int().optional(),
    periodEnd: z.number().int().optional(),
    source: z.string().max(MAX_TEXT).nullable().optional(),
  })
  .strict();
export type PlanPatch = z.infer<typeof planPatch>;

export const PLAN_DOCUMENT_FORMAT = 'plandesk.plan/1';

/** One whole plan as a single document (docs/plan-json.md): `plandesk show --json` prints it as it is. */
export const planDocument = planOverview.omit({ taskCount: true, areas: true }).extend({
  format: z.literal(PLAN_DOCUMENT_FORMAT),
  tasks: z.array(task),
});
export type PlanDocument = z.infer<typeof planDocument>;

export const planOps = {
  'plans.list': op(z.object({}).strict(), z.array(planSummary)),
  'plans.get': op(z.object({ planId: id }).strict(), planOverview),
  /** A plan by its id or its document number (文号), as people name it on the command line. */
  'plans.resolve': op(z.object({ ref: z.string().min(1).max(MAX_NAME) }).strict(), planHeader),
  'plans.document': op(z.object({ planId: id }).strict(), planDocument),
  'plans.update': writeOp(z.object({ planId: id, patch: planPatch }).strict(), planHeader),
};
