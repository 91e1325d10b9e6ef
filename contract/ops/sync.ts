/**
 * 同步 with the city hub (issue 16): the desktop pushes this file's changes as 报送包 and pulls and merges
 * what is addressed to it, through the hub's push/pull HTTP API (hub/packages/routes.ts). The work is the
 * exchange core's (db/exchange, packages.*); db/sync/ speaks to the hub. sync.run is a job (jobs.status
 * gives `sync`); the password is given per run and never kept; the hub's address and the account name
 * are kept in the user data folder (db/sync/settings.ts), not in the plan file.
 */
import { z } from 'zod';
import { id } from '../entities.ts';
import { jobStarted, op } from '../op.ts';
import { changes } from '../changes.ts';

const lineParams = z.record(z.string(), z.union([z.string(), z.number()]));
/**
 * one line of what a sync did: `text` in Chinese (the CLI prints it as it is), and the same as `code` +
 * `params` (data: names, numbers) for the workbench to say in its language (renderer/src/i18n/messages/sync.ts
 * `sync.line.<code>`); `error`: the refusal a line reports (a package not imported), with its reason and params
 */
export const syncLogLine = z.object({
  level: z.enum(['info', 'error']),
  text: z.string(),
  code: z.string().max(100),
  params: lineParams,
  error: z.object({ code: z.string().max(100), message: z.string().max(2000), reason: z.string().max(200).optional(), params: lineParams.optional() }).optional(),
});
export type SyncLogLine = z.infer<typeof syncLogLine>;

/** a package of the other side left pending with conflicts: resolve it on the 报送包 screen */
export const syncConflict = z.object({ planId: z.string(), planTitle: z.string(), packageId: z.string(), from: z.string(), seq: z.number().int(), unresolved: z.number().int() });

export const syncResult = z.object({
  hub: z.string(),
  user: z.string(),
  role: z.enum(['district', 'officer']),
  /** packages handed to the hub (with those an earlier sync left in the outbox) */
  pushed: z.number().int(),
  /** packages pulled and merged */
  applied: z.number().int(),
  /** pulled, already merged before (nothing changed) */
  already: z.number().int(),
  /** pulled and left pending with conflicts */
  pending: z.number().int(),
  /** pulled and refused (damaged, not matching its envelope, refused by the exchange) */
  refused: z.number().int(),
  /** plans this file got for the first time from a whole-plan package */
  newPlans: z.array(z.object({ planId: z.string(), planTitle: z.string() })),
  conflicts: z.array(syncConflict),
  log: z.array(syncLogLine),
  at: z.string(),
});
export type SyncResult = z.infer<typeof syncResult>;

/** a finished sync.run (jobs.status `sync`): what it did, and what the views fetch again (everything, when something was merged) */
export const syncDone = z.object({ result: syncResult, changes: changes.nullable() });

const hubAddress = z.string().trim().min(1).max(2000);
const accountName = z.string().trim().min(1).max(200);

export const syncStatus = z.object({
  /** the hub address and account of the last sync (the user data folder), or null */
  hub: z.string().nullable(),
  user: z.string().nullable(),
  /** the last sync of this plan file, successful or not */
  last: z
    .object({
      at: z.string(),
      ok: z.boolean(),
      pushed: z.number().int(),
      applied: z.number().int(),
      pending: z.number().int(),
      refused: z.number().int(),
      /** why it did not finish: the refusal (its Chinese message, and its reason for the UI's language) */
      error: z.object({ code: z.string().max(100), message: z.string().max(2000), reason: z.string().max(200).optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).nullable(),
    })
    .nullable(),
  /** packages exported but not yet on the hub: the next sync hands them over first */
  outbox: z.array(z.object({ planId: z.string(), seq: z.number().int(), recipient: z.string(), file: z.string() })),
  /** pending packages with their unresolved conflicts (the 报送包 screen resolves them) */
  conflicts: z.array(syncConflict),
  /** a sync of this file is running now */
  running: z.boolean(),
  /** what the running or last sync of this open file has done so far (empty when none since the host started): a failed sync's lines before its refusal */
  log: z.array(syncLogLine),
});
export type SyncStatusOut = z.infer<typeof syncStatus>;

export const syncOps = {
  /**
   * One sync as a job: log in, push (the outbox first, then each plan changed since its last package),
   * pull and merge (applied when no conflict, left pending otherwise). `planId`: only that plan.
   * `sendWhole` (an officer): also the first, whole-plan package to each district of the plan whose key the
   * file trusts and that has had no package yet.
   */
  'sync.run': op(z.object({ hub: hubAddress, user: accountName, password: z.string().min(1).max(1024), planId: id.optional(), sendWhole: z.boolean().default(false) }).strict(), jobStarted),
  'sync.status': op(z.object({}).strict(), syncStatus),
};
