/**
 * What a version holds: for each kind of record of a plan, the SQL that reads a record as one
 * canonical JSON object (fixed key order, built by SQLite's json_object, so the same content always
 * gives the same text and "did it change?" is a string comparison). Full scans and point reads use
 * the same SQL, so a record read either way compares equal. Names come only from this registry.
 */
import type { Db } from '../connection.ts';
import { preparedOnce } from '../context.ts';

export const VERSIONED = ['plan', 'plan_district', 'cluster', 'indicator', 'target', 'task'] as const;
export type VersionedEntity = (typeof VERSIONED)[number];

export type CellValue = string | number | null | string[];
export type RowData = Record<string, CellValue>;

export interface EntitySpec {
  /** fields compared, shown and restored */
  fields: readonly string[];
  /** fields kept and restored but never compared (the row's position: reordering alone is no change) */
  meta: readonly string[];
  /**
   * a link field's companions: the names the links had when the row was read and the document's
   * wording of each ('' where it is the name), so a version shows (and compares) the names as they
   * were, not as the department list says today. Kept, never written back on their own (restore.ts
   * writes them into the links). A row stored before they existed lacks them: it is shown and
   * compared by ids, with today's names.
   */
  names?: Readonly<Record<string, { names: string; asWritten: string }>>;
  /** fields holding numbers (decimal strings or integers): the comparison shows difference and % */
  numeric: readonly string[];
  /** SELECT row_id, data … for the plan @plan (add the row filter with `byRow`) */
  select: string;
  /** the WHERE fragment that narrows `select` to one row @row */
  byRow: string;
}

const obj = (alias: string, fields: readonly string[]) => `json_object(${fields.map((f) => `'${f}', ${alias}.${f}`).join(', ')})`;

const rel = (table: string, col: string, role?: string) =>
  `json((SELECT json_group_array(${col} ORDER BY position) FROM ${table} WHERE task_id = t.id${role ? ` AND role = '${role}'` : ''}))`;

// archived_at and origin_plan_id since migration 006: a version older than that reads them as null (db/versions/rules.ts diffRow)
const PLAN_FIELDS = ['title', 'doc_number', 'issuer', 'issue_date', 'period_start', 'period_end', 'source', 'max_priority_industries', 'archived_at', 'origin_plan_id'] as const;
const PD_FIELDS = ['district_id', 'priority_industries', 'featured_industries', 'note', 'source'] as const;
const CLUSTER_FIELDS = ['name', 'note', 'source'] as const;
const IND_FIELDS = [
  'category', 'name', 'unit', 'attribute', 'baseline_year', 'baseline_value', 'baseline_text', 'target_year', 'target_value',
  'target_text', 'stated_growth_text', 'note', 'source',
] as const;
const TARGET_FIELDS = ['indicator_id', 'scope', 'scope_id', 'year', 'period', 'kind', 'value', 'text', 'source'] as const;
/** the departments' names of a task's links of one role, in order (as they are now) */
const linkNames = (role: string) =>
  `json((SELECT json_group_array(u.name ORDER BY tu.position) FROM task_departments tu JOIN departments u ON u.id = tu.department_id
          WHERE tu.task_id = t.id AND tu.role = '${role}'))`;
/** the document's wording of each link ('' where it writes the name), or null when no link has one */
const linkWording = (role: string) =>
  `json((SELECT CASE WHEN count(tu.as_written) = 0 THEN NULL ELSE json_group_array(coalesce(tu.as_written, '') ORDER BY tu.position) END
          FROM task_departments tu WHERE tu.task_id = t.id AND tu.role = '${role}'))`;

export const LINK_NAMES = {
  lead_departments: { names: 'lead_department_names', asWritten: 'lead_departments_as_written' },
  participating_departments: { names: 'participating_department_names', asWritten: 'participating_departments_as_written' },
} as const;

const TASK_COLUMNS = ['number', 'section', 'title', 'description', 'deadline', 'deadline_text', 'status', 'progress', 'quantitative_goal', 'notes', 'source'] as const;
const TASK_RELATIONS = ['lead_departments', 'participating_departments', 'districts'] as const;

export const specs: Record<VersionedEntity, EntitySpec> = {
  plan: {
    fields: PLAN_FIELDS,
    meta: [],
    numeric: ['period_start', 'period_end', 'max_priority_industries'],
    select: `SELECT p.id AS row_id, ${obj('p', PLAN_FIELDS)} AS data FROM plans p WHERE p.id = @plan`,
    byRow: 'p.id = @row',
  },
  plan_district: {
    fields: PD_FIELDS,
    meta: ['sort_order'],
    numeric: [],
    // district_name: the district's name as it was (a presentation field, domain/exchange/types.ts PRESENTATION_FIELDS:
    // never compared, merged or written back), so a package names every district of the plan and the city hub can
    // show one that no package was addressed to by its name. A version stored before it was added lacks it; it is
    // not compared, so that row is no change (db/versions/rules.ts diffRow compares `fields` only).
    select: `SELECT pd.plan_id || '|' || pd.district_id AS row_id,
               json_insert(${obj('pd', [...PD_FIELDS, 'sort_order'])}, '$.district_name', (SELECT d.name FROM districts d WHERE d.id = pd.district_id)) AS data
               FROM plan_districts pd WHERE pd.plan_id = @plan`,
    byRow: "pd.plan_id || '|' || pd.district_id = @row",
  },
  cluster: {
    fields: CLUSTER_FIELDS,
    meta: ['sort_order'],
    numeric: [],
    select: `SELECT c.id AS row_id, ${obj('c', [...CLUSTER_FIELDS, 'sort_order'])} AS data FROM clusters c WHERE c.plan_id = @plan`,
    byRow: 'c.id = @row',
  },
  indicator: {
    fields: IND_FIELDS,
    meta: ['sort_order'],
    numeric: ['baseline_year', 'baseline_value', 'target_year', 'target_value'],
    select: `SELECT i.id AS row_id, ${obj('i', [...IND_FIELDS, 'sort_order'])} AS data FROM indicators i WHERE i.plan_id = @plan`,
    byRow: 'i.id = @row',
  },
  target: {
    fields: TARGET_FIELDS,
    meta: [],
    numeric: ['year', 'value'],
    select: `SELECT tv.id AS row_id, ${obj('tv', TARGET_FIELDS)} AS data
               FROM target_values tv JOIN indicators i ON i.id = tv.indicator_id WHERE i.plan_id = @plan`,
    byRow: 'tv.id = @row',
  },
  task: {
    fields: [...TASK_COLUMNS, ...TASK_RELATIONS],
    meta: ['sort_order'],
    names: LINK_NAMES,
    numeric: [],
    // notes (migration 008) only when set: a task without notes keeps the JSON versions stored before
    // it existed, so saving a version does not store every such row again (a missing field reads as null).
    select: `SELECT t.id AS row_id, json_remove(json_object(${TASK_COLUMNS.map((f) => `'${f}', t.${f}`).join(', ')},
               'lead_departments', ${rel('task_departments', 'department_id', 'lead')},
               'participating_departments', ${rel('task_departments', 'department_id', 'participating')},
               'districts', ${rel('task_districts', 'district_id')},
               'lead_department_names', ${linkNames('lead')}, 'lead_departments_as_written', ${linkWording('lead')},
               'participating_department_names', ${linkNames('participating')}, 'participating_departments_as_written', ${linkWording('participating')},
               'sort_order', t.sort_order), CASE WHEN t.notes IS NULL THEN '$.notes' ELSE '$.notes_kept' END) AS data
               FROM tasks t WHERE t.plan_id = @plan`,
    byRow: 't.id = @row',
  },
};

export const isVersioned = (e: string): e is VersionedEntity => (VERSIONED as readonly string[]).includes(e);

/** SQL list of the versioned entity names, for IN (…) */
export const VERSIONED_SQL = VERSIONED.map((e) => `'${e}'`).join(', ');

/** The order tables are listed in: the plan header first, tasks last. */
export const ENTITY_ORDER_SQL = `CASE entity ${VERSIONED.map((e, i) => `WHEN '${e}' THEN ${i}`).join(' ')} END`;

type RowOut = { row_id: string; data: string };

export const rowQueries = preparedOnce((db: Db) => {
  const all = {} as Record<VersionedEntity, ReturnType<Db['prepare']>>;
  const one = {} as Record<VersionedEntity, ReturnType<Db['prepare']>>;
  for (const e of VERSIONED) {
    all[e] = db.prepare(specs[e].select);
    one[e] = db.prepare(`${specs[e].select} AND ${specs[e].byRow}`);
  }
  return {
    /** every row of one kind of the plan, as (row_id, canonical JSON) */
    iterate: (e: VersionedEntity, planId: string) => all[e].iterate({ plan: planId }) as IterableIterator<RowOut>,
    /** one row as it is now, or undefined when it is not (or no longer) in the plan */
    read: (e: VersionedEntity, planId: string, rowId: string) => (one[e].get({ plan: planId, row: rowId }) as RowOut | undefined)?.data,
  };
});
