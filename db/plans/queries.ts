import { preparedOnce } from '../context.ts';
import type { PlanHeader, PlanSummary } from '../../contract/entities.ts';

export interface PlanRow {
  id: string;
  title: string;
  doc_number: string;
  issuer: string;
  issue_date: string | null;
  period_start: number;
  period_end: number;
  source: string | null;
  max_priority_industries: number | null;
  sort_order: number;
  updated_at: string;
  archived_at: string | null;
  origin_plan_id: string | null;
}

export function toPlanHeader(r: PlanRow): PlanHeader {
  return {
    id: r.id,
    title: r.title,
    docNumber: r.doc_number,
    issuer: r.issuer,
    issueDate: r.issue_date,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    source: r.source,
    maxPriorityIndustries: r.max_priority_industries,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
    originPlanId: r.origin_plan_id,
  };
}

type SummaryRow = PlanRow & { district_count: number; area_count: number; cluster_count: number; indicator_count: number; task_count: number };

export function toPlanSummary(r: SummaryRow): PlanSummary {
  return {
    ...toPlanHeader(r),
    districtCount: r.district_count,
    areaCount: r.area_count,
    clusterCount: r.cluster_count,
    indicatorCount: r.indicator_count,
    taskCount: r.task_count,
  };
}

export const planQueries = preparedOnce((db) => ({
  /** @all 1: archived plans too */
  list: db.prepare<[{ all: number }], SummaryRow>(
    `SELECT p.*,
       (SELECT count(*) FROM plan_districts d JOIN districts k ON k.id = d.district_id WHERE d.plan_id = p.id AND k.kind <> 'area') AS district_count,
       -- 片区 (kind 'area', s8-auth14): the plan's own area rows, and areas with targets outside its list (26号)
       (SELECT count(*) FROM plan_districts d JOIN districts k ON k.id = d.district_id WHERE d.plan_id = p.id AND k.kind = 'area')
       + (SELECT count(DISTINCT tv.scope_id) FROM target_values tv JOIN indicators ti ON ti.id = tv.indicator_id JOIN districts a ON a.id = tv.scope_id
          WHERE ti.plan_id = p.id AND tv.scope = 'district' AND tv.value IS NOT NULL AND a.kind = 'area'
            AND tv.scope_id NOT IN (SELECT district_id FROM plan_districts WHERE plan_id = p.id)) AS area_count,
       (SELECT count(*) FROM clusters c WHERE c.plan_id = p.id) AS cluster_count,
       (SELECT count(*) FROM indicators i WHERE i.plan_id = p.id) AS indicator_count,
       (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id) AS task_count
     FROM plans p WHERE @all = 1 OR p.archived_at IS NULL ORDER BY p.sort_order, p.issue_date, p.id`,
  ),
  byId: db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE id = ?'),
  byDocNumber: db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE doc_number = ? ORDER BY id'),
  /** every plan with a 文号 (a file holds tens of plans): compared in code, as typed brackets and widths differ */
  withDocNumber: db.prepare<[], PlanRow>("SELECT * FROM plans WHERE doc_number <> '' ORDER BY sort_order, id"),
  insert: db.prepare<[PlanRow], never>(
    `INSERT INTO plans (id, title, doc_number, issuer, issue_date, period_start, period_end, source, max_priority_industries, sort_order, updated_at,
       archived_at, origin_plan_id)
     VALUES (@id, @title, @doc_number, @issuer, @issue_date, @period_start, @period_end, @source, @max_priority_industries, @sort_order, @updated_at,
       @archived_at, @origin_plan_id)`,
  ),
  update: db.prepare<[PlanRow], never>(
    `UPDATE plans SET title = @title, doc_number = @doc_number, issuer = @issuer, issue_date = @issue_date,
       period_start = @period_start, period_end = @period_end, source = @source, updated_at = @updated_at
     WHERE id = @id`,
  ),
  setArchived: db.prepare<[string | null, string, string], never>('UPDATE plans SET archived_at = ?, updated_at = ? WHERE id = ?'),
  remove: db.prepare<[string], never>('DELETE FROM plans WHERE id = ?'),
  setOrigin: db.prepare<[string | null, string], never>('UPDATE plans SET origin_plan_id = ? WHERE id = ?'),
  maxOrder: db.prepare<[], { n: number | null }>('SELECT max(sort_order) AS n FROM plans'),
  taskCount: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM tasks WHERE plan_id = ?'),
}));
