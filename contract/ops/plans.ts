import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, id, planHeader, planOverview, planSummary } from '../entities.ts';
import { op } from '../op.ts';

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

export const planOps = {
  'plans.list': op(z.object({}).strict(), z.array(planSummary)),
  'plans.get': op(z.object({ planId: id }).strict(), planOverview),
  'plans.update': op(z.object({ planId: id, patch: planPatch }).strict(), planHeader),
};
