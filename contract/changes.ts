/**
 * What a write changed, by domain: the change set every write operation answers with (`changes`),
 * so a view applies what it shows in place instead of fetching everything again (the renderer's
 * api/changes.ts publishes it to the views that `listen` to a domain). Computed once in the core,
 * from what `runChange` recorded (db/audit/changes.ts), for edits, pastes, imports, undo and redo alike.
 */
import { z } from 'zod';
import { id, planHeader, targetValue, task } from './entities.ts';

/** One domain's part of a change set. */
const domainChange = <Row extends z.ZodType>(row: Row) =>
  z.object({
    /** ids of the records inserted or changed */
    changed: z.array(z.string()),
    /** ids of the records inserted (also in `changed`) */
    added: z.array(z.string()),
    /** ids of the records removed */
    removed: z.array(z.string()),
    /** the stored fields (column names, '*' for a whole record) that changed */
    fields: z.array(z.string()),
    /** the inserted or changed records as they are now, in the order of `changed`; empty when `truncated` */
    rows: z.array(row),
    /** more records changed than a change set carries (db/audit/changes.ts MAX_ROWS): views fetch again */
    truncated: z.boolean(),
  });

/** Records a change set names but does not carry: views showing them fetch again. */
const idsOnly = domainChange(z.never());

export const changeDomain = z.enum(['plans', 'districts', 'clusters', 'indicators', 'targets', 'departments', 'tasks', 'comments', 'keys']);
export type ChangeDomain = z.infer<typeof changeDomain>;

export const changes = z.object({
  /** the change set (undo step) written; null when nothing was written */
  changeSetId: z.number().int().nullable(),
  planId: id.nullable(),
  /** everything may have changed (a backup put in place of the file): every view fetches again */
  everything: z.boolean(),
  plans: domainChange(planHeader).optional(),
  /** districts and a plan's district records ('planId|districtId') */
  districts: idsOnly.optional(),
  clusters: idsOnly.optional(),
  indicators: idsOnly.optional(),
  targets: domainChange(targetValue).optional(),
  departments: idsOnly.optional(),
  tasks: domainChange(task).optional(),
  /** comments (批注, ops/comments.ts): named by id; the views showing them fetch comments.list again */
  comments: idsOnly.optional(),
  /** the keys the file trusts (ops/keys.ts), by fingerprint: the views showing them fetch keys.list again */
  keys: idsOnly.optional(),
});
export type Changes = z.infer<typeof changes>;
export type DomainChange<D extends ChangeDomain> = NonNullable<Changes[D]>;
