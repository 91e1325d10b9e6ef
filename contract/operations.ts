/**
 * The one API contract between the UI and the core: every operation the renderer may call, by name
 * (`domain.verb`), with its input schema (checked at runtime at every boundary: IPC, HTTP) and its
 * output schema (the source of the output type). Each domain lists its operations in contract/ops/;
 * db/handlers.ts implements exactly these, and a missing or extra handler fails to compile.
 */
import type { z } from 'zod';
import { appOps } from './ops/app.ts';
import { preferenceOps } from './ops/preferences.ts';
import { planOps } from './ops/plans.ts';
import { districtOps } from './ops/districts.ts';
import { departmentOps } from './ops/departments.ts';
import { taskOps } from './ops/tasks.ts';
import { targetOps } from './ops/targets.ts';
import { historyOps } from './ops/history.ts';
import { backupOps } from './ops/backups.ts';
import { exportOps } from './ops/export.ts';
import { importOps } from './ops/import.ts';
import { jobOps } from './ops/jobs.ts';
import { versionOps } from './ops/versions.ts';
import { checkOps } from './ops/checks.ts';
import { breakdownOps } from './ops/breakdown.ts';
import { completionOps } from './ops/completion.ts';
import { clusterOps } from './ops/clusters.ts';
import { indicatorOps } from './ops/indicators.ts';
import { identityOps } from './ops/identity.ts';
import { commentOps } from './ops/comments.ts';
import { draftOps } from './ops/draft.ts';
import { keyOps } from './ops/keys.ts';
import { leaderOps } from './ops/leaders.ts';
import { packageOps } from './ops/packages.ts';
import { packageFileOps } from './ops/packagefiles.ts'; // s6-ui15
import { syncOps } from './ops/sync.ts'; // s7-sync16

/** Every operation, by name. `domain.verb` lives in ops/<domain>.ts (tests/layout.test.ts holds to it). */
export const operations = {
  ...appOps,
  ...preferenceOps,
  ...planOps,
  ...districtOps,
  ...departmentOps,
  ...taskOps,
  ...targetOps,
  ...historyOps,
  ...backupOps,
  ...exportOps,
  ...importOps,
  ...jobOps,
  ...versionOps,
  ...checkOps,
  ...breakdownOps,
  ...completionOps,
  ...clusterOps,
  ...indicatorOps,
  ...identityOps,
  ...commentOps,
  ...draftOps,
  ...keyOps,
  ...leaderOps,
  ...packageOps,
  ...packageFileOps, // s6-ui15
  ...syncOps, // s7-sync16
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;

/** The handlers a domain of the core provides for its own operations. */
export type HandlersFor<Ops extends Record<string, { input: z.ZodType; output: z.ZodType }>, Ctx> = {
  [N in keyof Ops]: (ctx: Ctx, input: z.output<Ops[N]['input']>) => z.output<Ops[N]['output']>;
};

export type { TaskFilter, TaskPatch } from './ops/tasks.ts';
export type { PlanPatch } from './ops/plans.ts';
