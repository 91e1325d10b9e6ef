/**
 * The hub's reads of its plans (contract/hub.ts), each computed in SQL over the temporal hub_rows
 * (migration 003): the plans, 报送情况, the city roll-up (numeric sums), the versions, a compare between
 * two versions and the audit search. The caller's district scope is applied here (hub/plans/scope.ts says who).
 */
import type { HubAuditEntry, HubCompareRow, HubPlan, HubRollupRow, HubVersion } from '../../contract/hub.ts';
import { PRESENTATION_FIELDS } from '../../domain/exchange/types.ts';
import { HubError } from '../errors.ts';
import { query, type Db } from '../pg.ts';

interface PlanRow {
  plan_id: string;
  title: string;
  doc_number: string | null;
  current_version: number;
  updated_at: Date;
  district_count: string;
}
const PLAN_COLUMNS = `p.plan_id, p.title, p.doc_number, p.current_version, p.updated_at,
  (SELECT count(*) FROM hub_rows r WHERE r.plan_id = p.plan_id AND r.entity = 'plan_district' AND r.to_version IS NULL) AS district_count`;
const planOf = (r: PlanRow): HubPlan => ({
  planId: r.plan_id,
  title: r.title,
  docNumber: r.doc_number,
  version: r.current_version,
  updatedAt: r.updated_at.toISOString(),
  districtCount: Number(r.district_count),
});

/** null: every plan (officers, reviewers); a name: the plans that district is part of */
export async function listPlans(db: Db, district: string | null): Promise<HubPlan[]> {
  const rows = await query<PlanRow>(
    db,
    `SELECT ${PLAN_COLUMNS} FROM hub_plans p
      WHERE $1::text IS NULL OR EXISTS (SELECT 1 FROM hub_districts d WHERE d.plan_id = p.plan_id AND d.name = $1)
      ORDER BY p.updated_at DESC, p.plan_id`,
    [district],
  );
  return rows.rows.map(planOf);
}

export async function getPlan(db: Db, planId: string): Promise<HubPlan> {
  const r = (await query<PlanRow>(db, `SELECT ${PLAN_COLUMNS} FROM hub_plans p WHERE p.plan_id = $1`, [planId])).rows[0];
  if (!r) throw new HubError('NOT_FOUND', `城市枢纽上没有规划“${planId.slice(0, 200)}”。`, 'hub.planNotFound', { planId: planId.slice(0, 200) });
  return planOf(r);
}

/** the district's id in a plan (by the name its account carries), or null when the plan does not name it */
export async function districtIdOf(db: Db, planId: string, name: string): Promise<string | null> {
  return (await query<{ district_id: string }>(db, 'SELECT district_id FROM hub_districts WHERE plan_id = $1 AND name = $2', [planId, name])).rows[0]?.district_id ?? null;
}

/** the names of the plan's districts by id: this plan's packages', else its plan_district rows', else other plans' */
async function districtNames(db: Db, planId: string): Promise<Map<string, string>> {
  const rows = await query<{ district_id: string; name: string }>(
    db,
    `SELECT district_id, name FROM (
       SELECT district_id, name, 3 AS rank FROM hub_districts WHERE plan_id <> $1
       UNION ALL SELECT data ->> 'district_id', data ->> 'district_name', 2 FROM hub_rows
                  WHERE plan_id = $1 AND entity = 'plan_district' AND to_version IS NULL AND data ->> 'district_name' IS NOT NULL
       UNION ALL SELECT district_id, name, 1 FROM hub_districts WHERE plan_id = $1) x
     ORDER BY rank DESC`,
    [planId],
  );
  return new Map(rows.rows.map((r) => [r.district_id, r.name]));
}

/** the rows of version N: written at or before N, not yet replaced at N */
const AT_VERSION = (v: string) => `from_version <= ${v} AND (to_version IS NULL OR to_version > ${v})`;

/** The city roll-up at version N: district values summed in SQL as numeric, beside the plan's own figure. */
export async function rollup(db: Db, planId: string, version: number): Promise<HubRollupRow[]> {
  const rows = await query<{
    indicator_id: string; indicator: string | null; unit: string | null; year: number | null; period: string; kind: string;
    district_sum: string | null; with_value: string; district_count: string; plan_total: string | null; difference: string | null;
  }>(
    db,
    `WITH s AS (SELECT entity, row_id, data, value FROM hub_rows WHERE plan_id = $1 AND ${AT_VERSION('$2')}),
          t AS (SELECT data ->> 'indicator_id' AS indicator_id,
                       CASE WHEN (data ->> 'year') ~ '^[0-9]{1,4}$' THEN (data ->> 'year')::integer END AS year,
                       coalesce(data ->> 'period', '') AS period, data ->> 'kind' AS kind, data ->> 'scope' AS scope, value
                  FROM s WHERE entity = 'target' AND data ->> 'scope' IN ('district', 'plan')),
          g AS (SELECT indicator_id, year, period, kind,
                       sum(value) FILTER (WHERE scope = 'district') AS district_sum,
                       count(value) FILTER (WHERE scope = 'district') AS with_value,
                       max(value) FILTER (WHERE scope = 'plan') AS plan_total
                  FROM t GROUP BY indicator_id, year, period, kind)
     SELECT g.indicator_id, i.data ->> 'name' AS indicator, i.data ->> 'unit' AS unit, g.year, g.period, g.kind,
            g.district_sum::text AS district_sum, g.with_value,
            (SELECT count(*) FROM s WHERE entity = 'plan_district') AS district_count,
            g.plan_total::text AS plan_total, (g.district_sum - g.plan_total)::text AS difference
       FROM g LEFT JOIN s i ON i.entity = 'indicator' AND i.row_id = g.indicator_id
      ORDER BY CASE WHEN (i.data ->> 'sort_order') ~ '^[0-9]+$' THEN (i.data ->> 'sort_order')::integer END NULLS LAST, g.indicator_id, g.year NULLS FIRST, g.period, g.kind`,
    [planId, version],
  );
  return rows.rows.map((r) => ({
    indicatorId: r.indicator_id,
    indicator: r.indicator ?? r.indicator_id,
    unit: r.unit,
    year: r.year,
    period: r.period === '' ? null : r.period,
    kind: r.kind,
    districtSum: r.district_sum,
    districtsWithValue: Number(r.with_value),
    districtCount: Number(r.district_count),
    planTotal: r.plan_total,
    difference: r.difference,
  }));
}

export async function versions(db: Db, planId: string): Promise<HubVersion[]> {
  const rows = await query<{ version: number; package_id: string; sender: string; author: string; at: Date; change_count: number; label: string; seq: number; recipient: string }>(
    db,
    `SELECT v.version, v.package_id, v.sender, v.author, v.at, v.change_count, v.label, p.seq, p.recipient
       FROM hub_versions v JOIN packages p ON p.id = v.package_row WHERE v.plan_id = $1 ORDER BY v.version`,
    [planId],
  );
  return rows.rows.map((r) => ({
    version: r.version,
    packageId: r.package_id,
    sender: r.sender === 'city' ? '市里' : r.sender,
    author: r.author,
    at: r.at.toISOString(),
    changeCount: r.change_count,
    label: r.label,
    // what the label says, for a page in any language: who sent it, the district it went to or came from, its number
    senderKind: r.sender === 'city' ? 'city' : 'district',
    district: r.sender === 'city' ? (r.recipient === 'city' ? null : r.recipient) : r.sender,
    seq: r.seq,
  }));
}

export const COMPARE_LIMIT = 5000;
/** fields a compare does not show: positions and the names kept for people beside the links */
const NOT_COMPARED = ['sort_order', 'notes_kept', 'district_name', ...PRESENTATION_FIELDS];

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const asValue = (v: Json | undefined): HubCompareRow['before'] => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return JSON.stringify(v);
};

/** What changed from version A to version B, cell by cell (SQL over hub_rows); `hide` drops rows the caller may not read. */
export async function compare(db: Db, planId: string, from: number, to: number, hide: (entity: string, row: Record<string, Json>) => boolean): Promise<{ rows: HubCompareRow[]; truncated: boolean }> {
  const rows = await query<{ entity: HubCompareRow['entity']; row_id: string; op: HubCompareRow['op']; field: string | null; before: Json; after: Json; a: Record<string, Json> | null; b: Record<string, Json> | null; author: string | null; at: Date | null }>(
    db,
    `WITH a AS (SELECT entity, row_id, data, to_version FROM hub_rows WHERE plan_id = $1 AND ${AT_VERSION('$2')}),
          b AS (SELECT entity, row_id, data, from_version FROM hub_rows WHERE plan_id = $1 AND ${AT_VERSION('$3')}),
          d AS (SELECT coalesce(a.entity, b.entity) AS entity, coalesce(a.row_id, b.row_id) AS row_id, a.data AS a, b.data AS b,
                       CASE WHEN a.data IS NULL THEN 'insert' WHEN b.data IS NULL THEN 'delete' ELSE 'update' END AS op,
                       coalesce(b.from_version, a.to_version) AS changed_in
                  FROM a FULL JOIN b ON a.entity = b.entity AND a.row_id = b.row_id
                 WHERE a.data IS DISTINCT FROM b.data)
     SELECT d.entity, d.row_id, d.op, k.field, d.a -> k.field AS before, d.b -> k.field AS after, d.a, d.b, v.author, v.at
       FROM d
       LEFT JOIN LATERAL (SELECT key AS field FROM jsonb_object_keys(coalesce(d.a, '{}'::jsonb) || coalesce(d.b, '{}'::jsonb)) AS key
                           WHERE d.op = 'update' AND key <> ALL ($4::text[]) AND (d.a -> key) IS DISTINCT FROM (d.b -> key)) k ON true
       LEFT JOIN hub_versions v ON v.plan_id = $1 AND v.version = d.changed_in
      WHERE d.op <> 'update' OR k.field IS NOT NULL
      ORDER BY array_position(ARRAY['plan', 'plan_district', 'cluster', 'indicator', 'target', 'task'], d.entity), d.row_id, k.field
      LIMIT $5`,
    [planId, from, to, NOT_COMPARED, COMPARE_LIMIT + 1],
  );
  const names = new Map((await query<{ row_id: string; name: string | null }>(db, "SELECT DISTINCT ON (row_id) row_id, data ->> 'name' AS name FROM hub_rows WHERE plan_id = $1 AND entity = 'indicator' ORDER BY row_id, from_version DESC", [planId])).rows.map((r) => [r.row_id, r.name]));
  const districts = await districtNames(db, planId);
  const out: HubCompareRow[] = [];
  for (const r of rows.rows.slice(0, COMPARE_LIMIT)) {
    const row = (r.b ?? r.a ?? {}) as Record<string, Json>;
    if (hide(r.entity, row)) continue;
    out.push({
      entity: r.entity,
      rowId: r.row_id,
      label: labelOf(r.entity, r.row_id, row, names, districts).slice(0, 2000),
      record: recordOf(r.entity, row, names, districts),
      op: r.op,
      field: r.field,
      before: r.op === 'update' ? asValue(r.before) : r.op === 'delete' ? summary(r.entity, row) : null,
      after: r.op === 'update' ? asValue(r.after) : r.op === 'insert' ? summary(r.entity, row) : null,
      author: r.author,
      at: r.at?.toISOString() ?? null,
    });
  }
  return { rows: out, truncated: rows.rows.length > COMPARE_LIMIT };
}

const KINDS: Record<string, string> = { target: '目标值', actual: '实际值', expected: '预计值' };
const str = (v: Json | undefined) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function labelOf(entity: string, rowId: string, row: Record<string, Json>, names: Map<string, string | null>, districts: Map<string, string>): string {
  if (entity === 'plan') return '规划信息';
  if (entity === 'plan_district') return `规划区县 ${districts.get(str(row.district_id)) ?? str(row.district_id)}`;
  if (entity === 'target') {
    const where = row.scope === 'district' ? `${districts.get(str(row.scope_id)) ?? str(row.scope_id)} ` : row.scope === 'cluster' ? `${str(row.scope_id)} ` : '';
    return `${where}${names.get(str(row.indicator_id)) ?? str(row.indicator_id)} ${str(row.year)}${row.period ? ` ${str(row.period)}` : ''} ${KINDS[str(row.kind)] ?? str(row.kind)}`;
  }
  if (entity === 'task') return `任务 ${str(row.number)} ${str(row.title)}`.trim();
  return str(row.name) || rowId;
}

const cut = (v: string | null) => (v === null ? null : v.slice(0, 2000));
/** the label's parts, for a page in any language: the record's own name (plan content, as written), district, year, kind code */
function recordOf(entity: string, row: Record<string, Json>, names: Map<string, string | null>, districts: Map<string, string>): HubCompareRow['record'] {
  const text = (v: Json | undefined) => (v === undefined || v === null || v === '' ? null : str(v));
  const districtOf = (id: Json | undefined) => (text(id) === null ? null : (districts.get(str(id)) ?? str(id)));
  if (entity === 'plan_district') return { name: null, district: cut(districtOf(row.district_id)), year: null, period: null, kind: null, number: null };
  if (entity === 'target')
    return {
      name: cut(names.get(str(row.indicator_id)) ?? str(row.indicator_id)),
      district: cut(row.scope === 'district' ? districtOf(row.scope_id) : row.scope === 'cluster' ? text(row.scope_id) : null),
      year: typeof row.year === 'number' ? row.year : null,
      period: cut(text(row.period)),
      kind: cut(text(row.kind)),
      number: null,
    };
  if (entity === 'task') return { name: cut(text(row.title)), district: null, year: null, period: null, kind: null, number: cut(text(row.number)) };
  return { name: cut(text(row.name)), district: null, year: null, period: null, kind: null, number: null };
}

function summary(entity: string, row: Record<string, Json>): HubCompareRow['before'] {
  if (entity === 'target') return asValue(row.value);
  return asValue(row.title ?? row.name ?? null);
}

/** an audit row's details as named scalar params (the page words them per action in its language); nested values left out */
function auditParams(detail: string): HubAuditEntry['params'] {
  const out: HubAuditEntry['params'] = {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return out;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return out;
  for (const [k, v] of Object.entries(parsed).slice(0, 20)) {
    if (typeof v === 'string') out[k.slice(0, 50)] = v.slice(0, 500);
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k.slice(0, 50)] = v;
  }
  return out;
}

export interface AuditFilter {
  q: string | null;
  account: string | null;
  plan: string | null;
  action: string | null;
  from: string | null;
  to: string | null;
  limit: number;
}

export async function searchAudit(db: Db, f: AuditFilter): Promise<{ entries: HubAuditEntry[]; more: boolean }> {
  const like = f.q === null ? null : `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await query<{ id: string; at: Date; account_name: string | null; action: string; plan_id: string | null; detail: string; address: string | null }>(
    db,
    `SELECT id::text AS id, at, account_name, action, details ->> 'planId' AS plan_id, details::text AS detail, client_address AS address
       FROM audit_log
      WHERE ($1::text IS NULL OR action ILIKE $1 OR account_name ILIKE $1 OR details::text ILIKE $1)
        AND ($2::text IS NULL OR account_name = $2) AND ($3::text IS NULL OR details ->> 'planId' = $3)
        AND ($4::text IS NULL OR action = $4) AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
      -- audit_log.id, the bigint: the bare name would be the text alias above, and '9' sorts after '10'
      ORDER BY audit_log.id DESC LIMIT $7`,
    [like, f.account, f.plan, f.action, f.from, f.to, f.limit + 1],
  );
  return {
    entries: rows.rows.slice(0, f.limit).map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      accountName: r.account_name,
      action: r.action,
      planId: r.plan_id,
      detail: r.detail === '{}' ? null : r.detail.slice(0, 2000),
      params: auditParams(r.detail),
      address: r.address,
    })),
    more: rows.rows.length > f.limit,
  };
}
