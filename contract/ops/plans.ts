import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, id, planHeader, planOverview, planSummary, task } from '../entities.ts';
import { jobStarted, op, writeOp } from '../op.ts';
import { changes } from '../changes.ts';

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

/** A new plan's header (the same fields plans.update edits; checked by the same rules, db/plans/rules.ts). */
export const newPlanHeader = z
  .object({
    title: z.string().max(MAX_NAME),
    docNumber: z.string().max(MAX_NAME).default(''),
    issuer: z.string().max(MAX_NAME),
    issueDate: z.string().max(20).nullable().default(null),
    periodStart: z.number().int(),
    periodEnd: z.number().int(),
    source: z.string().max(MAX_TEXT).nullable().default(null),
  })
  .strict();
export type NewPlanHeader = z.input<typeof newPlanHeader>;

/** A copy of another plan for a new period: its districts, clusters and indicators always; targets and tasks as asked. */
export const copyFrom = z
  .object({
    planId: id,
    /** 'keep': the target values (and actuals) as the last period had them; 'clear': none */
    targets: z.enum(['keep', 'clear']),
    /** carry the tasks over (status back to 未开始, progress cleared) or start with none */
    tasks: z.boolean(),
  })
  .strict();
export type CopyFrom = z.infer<typeof copyFrom>;

/** What deleting a plan took with it (all of it comes back with history.undo of the plan). */
export const planContents = z.object({
  districts: z.number().int(),
  clusters: z.number().int(),
  indicators: z.number().int(),
  targets: z.number().int(),
  tasks: z.number().int(),
  comments: z.number().int(),
  versions: z.number().int(),
});

/** A deleted plan: what went with it, and the change set (plans.deleteStart's job result; plans.delete answers the same) */
export const planDeleted = z.object({ planId: id, title: z.string(), deleted: planContents, changes });
/** A plan's deletion undone (plans.undeleteStart's job result): the undo's label (null: nothing undone) and its change set */
export const planUndeleted = z.object({ planId: id, undone: z.string().nullable(), changes });

/** What removing a district from a plan would take: its target values in the plan, and its place in tasks. */
export const districtUse = z.object({
  districtId: id,
  name: z.string(),
  targets: z.number().int(),
  tasks: z.number().int(),
});
export type DistrictUse = z.infer<typeof districtUse>;

export const PLAN_DOCUMENT_FORMAT = 'plandesk.plan/1';

/** One whole plan as a single document (docs/plan-json.md): `plandesk show --json` prints it as it is. */
export const planDocument = planOverview.omit({ taskCount: true, areas: true }).extend({
  format: z.literal(PLAN_DOCUMENT_FORMAT),
  tasks: z.array(task),
});
export type PlanDocument = z.infer<typeof planDocument>;

const planRef = z.object({ planId: id }).strict();
const MAX_DISTRICTS = 500;

export const planOps = {
  /** The plans in use; archived ones too with includeArchived. */
  'plans.list': op(z.object({ includeArchived: z.boolean().optional() }).strict(), z.array(planSummary)),
  'plans.get': op(planRef, planOverview),
  /** A plan by its id or its document number (文号), as people name it on the command line. */
  'plans.resolve': op(z.object({ ref: z.string().min(1).max(MAX_NAME) }).strict(), planHeader),
  'plans.document': op(planRef, planDocument),
  'plans.update': writeOp(z.object({ planId: id, patch: planPatch }).strict(), planHeader),
  /** A new plan: blank (with the districts named), or a copy of another plan for a new period (copyFrom). Undo removes it. */
  'plans.create': writeOp(
    z.object({ header: newPlanHeader, districtIds: z.array(id).max(MAX_DISTRICTS).optional(), copyFrom: copyFrom.optional() }).strict(),
    planHeader,
  ),
  'plans.archive': writeOp(planRef, planHeader),
  'plans.unarchive': writeOp(planRef, planHeader),
  /** Deletes the plan and everything in it, as one step that history.undo({ planId }) takes back whole. */
  'plans.delete': writeOp(planRef, z.object({ planId: id, title: z.string(), deleted: planContents })),
  /**
   * The same delete as a job (db/plans/delete-job.ts), for a plan of any size: one transaction in a worker,
   * the host answering meanwhile (writes refused with BUSY until it ends); jobs.status's `deleted` holds the
   * answer and the change set. plans.delete refuses plans of more than 2,000 tasks (reason plan.deleteAsJob).
   */
  'plans.deleteStart': op(planRef, jobStarted),
  /** Undoes the plan's deletion (history.undo of the plan) as a job in the same worker: 100,000 tasks put back without holding the host. */
  'plans.undeleteStart': op(planRef, jobStarted),
  /** Adds districts of the common list to the plan: by id, or every district of the groups named (e.g. 渝西). */
  'plans.addDistricts': writeOp(
    z.object({ planId: id, districtIds: z.array(id).max(MAX_DISTRICTS).optional(), groups: z.array(z.string().min(1).max(MAX_NAME)).max(50).optional() }).strict(),
    z.object({ added: z.array(id) }),
  ),
  /** What removing these districts from the plan would take with them (for the confirmation). */
  'plans.districtUse': op(z.object({ planId: id, districtIds: z.array(id).min(1).max(MAX_DISTRICTS) }).strict(), z.array(districtUse)),
  /**
   * Removes districts from the plan. One that has target values or tasks in the plan is refused with
   * NEEDS_CONFIRMATION (issues name each district and what would go) unless confirm is true; then its
   * values go and the tasks no longer name it. Undoable.
   */
  'plans.removeDistricts': writeOp(
    z.object({ planId: id, districtIds: z.array(id).min(1).max(MAX_DISTRICTS), confirm: z.boolean().optional() }).strict(),
    z.object({ removed: z.array(id), targetsRemoved: z.number().int(), tasksChanged: z.number().int() }),
  ),
};
