/**
 * The city hub's HTTP interface (issue 16): one description both sides use. The hub (hub/) answers every
 * read route with a body that satisfies its schema here (checked in its tests); the hub's web pages
 * (renderer/src/hub/) parse every answer with the same schema, so a wrong field fails loudly on either
 * side. Paths are given beside each schema. Exact decimals (PostgreSQL `numeric`) travel as text.
 * Pure: no Node, no DOM.
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);
const text = z.string().max(2000);
/** an exact decimal as PostgreSQL prints it ("1234.5", "-0.25"), or null where there is none */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).nullable();
const at = z.string().max(40);
export const hubValue = z.union([z.string(), z.number(), z.null(), z.array(z.string())]);

export const HUB_ROLES = ['admin', 'officer', 'reviewer', 'district'] as const;
export const hubRole = z.enum(HUB_ROLES);

/** hub/accounts/accounts.ts Account, as answered (with the role's Chinese name) */
export const hubAccount = z.object({
  id: z.string(),
  name: z.string(),
  role: hubRole,
  roleName: z.string(),
  district: z.string().nullable(),
  department: z.string().nullable(),
  disabledAt: at.nullable(),
  lockedUntil: at.nullable(),
  createdAt: at,
});

/** POST /api/session/login {name, password}; GET /api/session/whoami */
export const hubSession = z.object({ account: hubAccount, csrfToken: z.string() });

/** GET /api/accounts (admin) */
export const hubAccounts = z.object({ accounts: z.array(hubAccount) });
/** POST /api/accounts (admin): a new account; POST /api/accounts/disable, /api/accounts/enable {name} */
export const hubAccountCreate = z.object({
  name: z.string().min(1).max(64),
  role: hubRole,
  district: z.string().min(1).max(200).nullable(),
  department: z.string().min(1).max(200).nullable(),
  password: z.string().min(1).max(1024),
});

/** GET /api/plans: the plans the hub holds (those the caller may read) */
export const hubPlan = z.object({
  planId: id,
  title: text,
  docNumber: text.nullable(),
  /** the hub's latest version of the plan (one per applied package) */
  version: z.number().int().min(0),
  updatedAt: at,
  districtCount: z.number().int().min(0),
});
export const hubPlans = z.object({ plans: z.array(hubPlan) });

/**
 * GET /api/plans/:planId/status?round=N — 报送情况 of one round of the plan (s8-rounds16; default: the latest),
 * one row per district of the plan (a district account: its own row, and the rounds as it sees them).
 *
 * A round (hub/plans/rounds.ts): round N is the city's N-th package to each district (a package's `seq` is
 * per sender, recipient and plan: round 1 is the whole plan, each later package the city's changes) and the
 * reports the districts made on it. A report belongs to the round of the city package it was made on: its
 * `base` is that package, or the district's own earlier report (then that report's round). So a district
 * that reports again before taking the city's next package is still answering the round it had.
 */
export const HUB_REPORT_STATES = ['none', 'sent', 'reported', 'applied', 'conflicts', 'refused'] as const;
export const hubStatusRow = z.object({
  districtId: id,
  district: text,
  /** the city's package of this round to this district: its number, when the hub received it, who sent it */
  sentSeq: z.number().int().nullable(),
  sentAt: at.nullable(),
  sentBy: text.nullable(),
  /** the district's last report of this round */
  reportSeq: z.number().int().nullable(),
  reportAt: at.nullable(),
  reportBy: text.nullable(),
  /** how many reports the district made in this round (a second one adds to the first) */
  reportCount: z.number().int().min(0),
  /** what applying the last report did: cells changed, conflicts kept, the hub's version it made (null: not applied) */
  changeCount: z.number().int().nullable(),
  conflictCount: z.number().int().nullable(),
  appliedVersion: z.number().int().nullable(),
  state: z.enum(HUB_REPORT_STATES),
  /** why a package was refused or what conflicts, in Chinese */
  message: text.nullable(),
});
/** one round of the plan, counted over the districts the caller sees */
export const hubRound = z.object({
  round: z.number().int().min(1),
  /** districts the city's package of this round went to, and those that reported in it */
  issued: z.number().int().min(0),
  reported: z.number().int().min(0),
  /** the first of the round's city packages, as the hub received it */
  issuedAt: at.nullable(),
});
/** `round`: the round shown (null: nothing issued or reported yet); `rounds`: every round with a package, oldest first */
export const hubStatus = z.object({ plan: hubPlan, round: z.number().int().min(1).nullable(), rounds: z.array(hubRound), rows: z.array(hubStatusRow) });

/**
 * GET /api/plans/:planId/rollup?version=N — the city roll-up: each indicator × year × kind, the district
 * values summed in SQL (numeric) and compared with the plan's own (city) figure.
 */
export const hubRollupRow = z.object({
  indicatorId: id,
  indicator: text,
  unit: text.nullable(),
  year: z.number().int().nullable(),
  period: text.nullable(),
  kind: text,
  districtSum: decimal,
  /** districts with a value / districts of the plan */
  districtsWithValue: z.number().int().min(0),
  districtCount: z.number().int().min(0),
  planTotal: decimal,
  /** districtSum − planTotal, when both exist */
  difference: decimal,
});
export const hubRollup = z.object({ plan: hubPlan, version: z.number().int(), rows: z.array(hubRollupRow) });

/** GET /api/plans/:planId/versions */
export const hubVersion = z.object({
  version: z.number().int().min(1),
  packageId: z.string(),
  sender: text,
  author: text,
  at,
  changeCount: z.number().int().min(0),
  /** the sender's own version name, as the desktop wrote it (Chinese: 下发 江津区 #1) */
  label: text,
  /** what the label says, for a page in any language (s7-hubkeys): the city's package to `district`, or `district`'s report; its number */
  senderKind: z.enum(['city', 'district']),
  district: text.nullable(),
  seq: z.number().int().min(1),
});
export const hubVersions = z.object({ versions: z.array(hubVersion) });

/** GET /api/plans/:planId/compare?from=A&to=B — what changed between two versions, cell by cell */
export const hubCompareRow = z.object({
  entity: z.enum(['plan', 'plan_district', 'cluster', 'indicator', 'target', 'task', 'comment']),
  rowId: id,
  /** the record named for people (指标名称 2025 目标值, 任务 3 …) */
  label: text,
  /**
   * the label's parts, for a page in any language (s7-hubkeys): the record's own name (plan content, as
   * written: an indicator's name, a task's title), the district (or cluster) of a target or plan district,
   * year, period and kind code (target|actual|expected) of a target, a task's number
   */
  record: z.object({ name: text.nullable(), district: text.nullable(), year: z.number().int().nullable(), period: text.nullable(), kind: text.nullable(), number: text.nullable() }),
  op: z.enum(['insert', 'delete', 'update']),
  field: z.string().nullable(),
  before: hubValue,
  after: hubValue,
  author: text.nullable(),
  at: at.nullable(),
});
export const hubCompare = z.object({ from: z.number().int(), to: z.number().int(), rows: z.array(hubCompareRow), truncated: z.boolean() });

/** GET /api/audit?q=&account=&plan=&action=&from=&to=&limit= — audit search, newest first */
export const hubAuditEntry = z.object({
  id: z.string(),
  at,
  accountName: text.nullable(),
  action: z.string(),
  planId: z.string().nullable(),
  detail: text.nullable(),
  /** the details' scalar values by name (s7-hubkeys): the page words each action with them in its language */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  address: z.string().nullable(),
});
export const hubAudit = z.object({ entries: z.array(hubAuditEntry), more: z.boolean() });

/** GET /api/keys (admin): the keys the hub trusts for the city and each district (hub/keys/, migration 004) — s7-hubkeys */
export const hubKey = z.object({
  id: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** the readable code read out over the phone (domain/keys.ts) */
  readable: z.string(),
  role: z.enum(['city', 'district']),
  district: text.nullable(),
  holder: z.object({ name: text, department: text.nullable(), district: text.nullable() }),
  addedBy: text,
  addedAt: at,
  revokedAt: at.nullable(),
  revokedBy: text.nullable(),
});
export const hubKeys = z.object({ keys: z.array(hubKey) });
/** POST /api/keys (admin): trust a key file's text; POST /api/keys/revoke {fingerprint} */
export const hubKeyTrust = z.object({
  keyFile: z.string().min(1).max(16 * 1024),
  role: z.enum(['city', 'district']),
  district: z.string().min(1).max(200).nullable(),
});
export const hubKeyAnswer = z.object({ key: hubKey });

/** Every refusal: { error: { code, message (Chinese), reason, params } } with an HTTP status. */
export const hubErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), reason: z.string().optional(), params: z.record(z.string(), z.unknown()).optional() }),
});

export type HubAccount = z.infer<typeof hubAccount>;
export type HubPlan = z.infer<typeof hubPlan>;
export type HubStatusRow = z.infer<typeof hubStatusRow>;
export type HubRound = z.infer<typeof hubRound>;
export type HubRollupRow = z.infer<typeof hubRollupRow>;
export type HubVersion = z.infer<typeof hubVersion>;
export type HubCompareRow = z.infer<typeof hubCompareRow>;
export type HubAuditEntry = z.infer<typeof hubAuditEntry>;
export type HubKey = z.infer<typeof hubKey>;
