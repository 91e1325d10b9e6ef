/**
 * Drafting a plan from a document (issue 14 §2): `draft.read` reads a document (bytes + file name)
 * and answers one draft per notice/plan it holds, without writing anything; `draft.create` creates
 * drafts as new plans (one transaction, audited, undoable). A draft is the plan JSON shape of
 * docs/plan-json.md (`plans.document`) plus `sources`: for every drafted value, where it was read.
 */
import { z } from 'zod';
import { writeOp, op, jobStarted } from '../op.ts';
import { MAX_NAME, id } from '../entities.ts';
import { comparison, versionedTable } from './versions.ts';

/** The largest document draft.read takes (base64 of at most this many bytes). */
export const MAX_DRAFT_BYTES = 8 * 1024 * 1024;

const str = z.string().max(20_000);
const name = z.string().max(MAX_NAME);
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).max(60);
const year = z.number().int().min(1949).max(2100);

export const draftSource = z.object({
  fileName: name,
  /** the PDF page; null for a text or .docx (no fixed pages) */
  page: z.number().int().nullable(),
  line: z.number().int(),
  /** the document's words, verbatim (as cleaned of extraction artefacts, seeds/README.md) */
  quote: str,
  /** 0..1: how fully the pattern matched, names matched the reference lists, parts add up */
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string().max(500)).max(20),
});

const ref = z.object({ id: z.string().max(200).nullable(), name });

export const draftTarget = z.object({
  id: z.string().max(300),
  indicatorId: z.string().max(300),
  scope: z.enum(['plan', 'district', 'cluster']),
  scopeId: z.string().max(300).nullable(),
  year,
  period: z.literal(''),
  kind: z.literal('target'),
  value: decimal.nullable(),
  text: str.nullable(),
  source: str,
});

export const draftPlan = z.object({
  format: z.literal('plandesk.draft/1'),
  plan: z.object({
    id: z.string().max(200),
    title: str,
    docNumber: name,
    issuer: name,
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    periodStart: year.nullable(),
    periodEnd: year.nullable(),
    source: str,
    maxPriorityIndustries: z.number().int().positive().nullable(),
  }),
  districts: z.array(
    z.object({
      id: z.string().max(200).nullable(),
      name,
      code: z.string().max(20).nullable(),
      group: name.nullable(),
      priorityIndustries: z.array(str).max(100),
      featuredIndustries: z.array(str).max(100),
      note: str.nullable(),
      source: str,
      targets: z.array(draftTarget).max(2000),
    }),
  ).max(500),
  clusters: z.array(z.object({ id: z.string().max(300), name, note: str.nullable(), source: str, targets: z.array(draftTarget).max(2000) })).max(500),
  indicators: z.array(
    z.object({
      id: z.string().max(300),
      category: name.nullable(),
      name: str,
      unit: name.nullable(),
      attribute: z.enum(['预期性', '约束性']).nullable(),
      baselineYear: year.nullable(),
      baselineValue: decimal.nullable(),
      baselineText: str.nullable(),
      targetYear: year.nullable(),
      targetValue: decimal.nullable(),
      targetText: str.nullable(),
      statedGrowthText: str.nullable(),
      note: str.nullable(),
      source: str,
      targets: z.array(draftTarget).max(2000),
    }),
  ).max(2000),
  tasks: z.array(
    z.object({
      id: z.string().max(300),
      number: name,
      order: z.number().int(),
      section: str.nullable(),
      title: str,
      description: str.nullable(),
      leadDepartments: z.array(ref).max(200),
      participatingDepartments: z.array(ref).max(200),
      districts: z.array(ref).max(200),
      deadline: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).nullable(),
      deadlineText: str.nullable(),
      quantitativeGoal: str.nullable(),
      source: str,
    }),
  ).max(5000),
  /** JSON path of a drafted value ("indicators[2]", "tasks[4].leadDepartments") → where it was read */
  sources: z.record(z.string().max(300), draftSource),
  /** names the reference lists do not know: proposed as new departments, never merged */
  newDepartments: z.array(name).max(2000),
  /** where the document stands in the file: its first and last line (of their pages, for a PDF) */
  lines: z.object({ first: z.number().int(), last: z.number().int(), firstPage: z.number().int().nullable(), lastPage: z.number().int().nullable() }),
});
export type DraftPlan = z.infer<typeof draftPlan>;
export type DraftSource = z.infer<typeof draftSource>;
export type DraftTarget = z.infer<typeof draftTarget>;

const fileName = z.string().min(1).max(MAX_NAME);
const base64 = z.string().max(Math.ceil(MAX_DRAFT_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/=\s]*$/);

/** The document's lines as the drafter read them (cleaned, tabs as spaces): the review screen shows them beside the draft. */
export const draftLine = z.object({ page: z.number().int().nullable(), line: z.number().int(), text: z.string().max(20_000) });
export type DraftLineOut = z.infer<typeof draftLine>;

/** A notice of the issue that states no plan (no indicators, targets, districts or tasks: 27号's 分工), said rather than dropped. */
export const skippedNotice = z.object({ docNumber: z.string(), title: z.string(), line: z.number().int(), page: z.number().int().nullable(), reason: z.string() });
export const draftRead = z.object({ fileName, drafts: z.array(draftPlan), skipped: z.array(skippedNotice).max(1000).optional(), lines: z.array(draftLine).max(200_000).optional() });
export type DraftRead = z.infer<typeof draftRead>;

export const draftOps = {
  /** A plain-text document (UTF-8, UTF-16 with BOM or GB18030), drafted at once. */
  'draft.read': op(z.object({ fileName, bytes: base64 }).strict(), draftRead),
  /** Any document (text, PDF with a text layer, .docx) read in a worker and drafted as a job: jobs.status gives `drafts`. */
  'draft.start': op(z.object({ fileName, bytes: base64 }).strict(), jobStarted),
  /** Creates the drafts (as read by draft.read, possibly corrected) as new plans, after the seed loader's checks. */
  'draft.create': writeOp(
    z.object({ drafts: z.array(draftPlan).min(1).max(50) }).strict(),
    z.object({ planIds: z.array(z.string()), newDepartments: z.array(name) }),
  ),
  /** A draft compared with a plan already in the file (its 文号 is), in versions.compare's shape: from = the plan now, to = the draft. */
  'draft.compare': op(
    z
      .object({
        draft: draftPlan,
        planId: id,
        table: versionedTable.optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(0).max(2000).optional(),
      })
      .strict(),
    comparison,
  ),
};
