/**
 * What a 报送包 carries (issue 15), as plain data shared by the core, the UI and the city hub: changes of
 * the versioned records of a plan (db/versions/rows.ts: plan, plan_district, cluster, indicator, target,
 * task) and of its comments (批注, migration 004: not versioned; db/exchange/comments.ts keeps their base
 * states), each against the base the package was made on. Pure: no Node, no DOM.
 */
export const EXCHANGE_ENTITIES = ['plan', 'plan_district', 'cluster', 'indicator', 'target', 'task', 'comment'] as const;
export type ExchangeEntity = (typeof EXCHANGE_ENTITIES)[number];
/** the kinds a saved version holds (db/versions/rows.ts VERSIONED): every exchange kind but 'comment' */
export type RecordEntity = Exclude<ExchangeEntity, 'comment'>;

export type Value = string | number | null | string[];
export type Row = Record<string, Value>;

interface ChangeMeta {
  entity: ExchangeEntity;
  rowId: string;
  /** who made the change, and when (from the sender's audit log) */
  author: string;
  at: string;
}

export type Change =
  | (ChangeMeta & { op: 'update'; field: string; base: Value; value: Value })
  | (ChangeMeta & { op: 'insert'; row: Row })
  /** `row`: the row as it was in the base */
  | (ChangeMeta & { op: 'delete'; row: Row });

/** What applying a merge writes. */
export type Action =
  | { op: 'set'; entity: ExchangeEntity; rowId: string; field: string; from: Value; to: Value }
  | { op: 'insert'; entity: ExchangeEntity; rowId: string; row: Row }
  | { op: 'delete'; entity: ExchangeEntity; rowId: string; row: Row };

export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  return (a ?? null) === (b ?? null);
}

/** The fields a merge compares, per record kind (the comparison's own, db/versions/rows.ts specs.fields). */
export const MERGED_FIELDS: Record<ExchangeEntity, readonly string[]> = {
  plan: ['title', 'doc_number', 'issuer', 'issue_date', 'period_start', 'period_end', 'source', 'max_priority_industries', 'archived_at', 'origin_plan_id'],
  plan_district: ['district_id', 'priority_industries', 'featured_industries', 'note', 'source'],
  cluster: ['name', 'note', 'source'],
  indicator: [
    'category', 'name', 'unit', 'attribute', 'baseline_year', 'baseline_value', 'baseline_text', 'target_year', 'target_value',
    'target_text', 'stated_growth_text', 'note', 'source',
  ],
  target: ['indicator_id', 'scope', 'scope_id', 'year', 'period', 'kind', 'value', 'text', 'source'],
  task: [
    'number', 'section', 'title', 'description', 'deadline', 'deadline_text', 'status', 'progress', 'quantitative_goal', 'notes', 'source',
    'lead_departments', 'participating_departments', 'districts',
  ],
  // a comment's address (a target cell or a task) and author never change; its text does. updated_at travels
  // with a new comment's row but is not compared (both sides editing a text differ in it anyway)
  comment: [
    'target', 'task_id', 'indicator_id', 'scope', 'scope_id', 'year', 'period', 'kind', 'body', 'author', 'author_department', 'author_district', 'created_at',
  ],
};

/**
 * Fields a version row carries for people, not for the merge: the departments' names as they were and the
 * document's wording of each link (db/versions/rows.ts LINK_NAMES). A package's whole rows carry them; the
 * wording is written back with the links of a new task (db/exchange/write.ts), the names are never written.
 */
export const LINK_WORDING: Readonly<Record<string, string>> = {
  lead_departments: 'lead_departments_as_written',
  participating_departments: 'participating_departments_as_written',
};
export const PRESENTATION_FIELDS: ReadonlySet<string> = new Set([
  'lead_department_names', 'participating_department_names', 'lead_departments_as_written', 'participating_departments_as_written',
  // a plan district's name as the sender's district list had it (db/versions/rows.ts): the city hub names districts by it
  'district_name',
]);

/** The natural key of a new row: two new rows with the same key are one record written twice (a conflict). */
export function naturalKey(entity: ExchangeEntity, row: Row): string | null {
  if (entity === 'target') return JSON.stringify(['indicator_id', 'scope', 'scope_id', 'year', 'period', 'kind'].map((f) => row[f] ?? null));
  return null;
}

export function sameRow(entity: ExchangeEntity, a: Row, b: Row): boolean {
  return MERGED_FIELDS[entity].every((f) => sameValue(a[f], b[f]));
}
