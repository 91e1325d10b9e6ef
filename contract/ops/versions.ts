import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, id } from '../entities.ts';
import { jobStarted, op, writeOp } from '../op.ts';
import { historyStatus } from './history.ts';

export const versionInfo = z.object({
  id: z.number().int(),
  planId: id,
  seq: z.number().int(),
  name: z.string(),
  author: z.string(),
  /** the saver's department and district (null: not set, or saved before they were kept) */
  authorDepartment: z.string().nullable(),
  authorDistrict: z.string().nullable(),
  createdAt: z.string(),
  note: z.string().nullable(),
  /** stored rows written when it was saved (what changed since the previous version) */
  rowsWritten: z.number().int(),
});
export type VersionInfo = z.infer<typeof versionInfo>;

/** a version's id, or "current" for the plan as it is now */
export const versionRef = z.union([z.number().int().min(1), z.literal('current')]);

export const versionedTable = z.enum(['plan', 'plan_district', 'cluster', 'indicator', 'target', 'task']);
export type VersionedTable = z.infer<typeof versionedTable>;

export const cellValue = z.union([z.string(), z.number(), z.null(), z.array(z.string())]);

export const cellChange = z.object({
  field: z.string(),
  old: cellValue,
  new: cellValue,
  /** the values as shown (names instead of ids, lists joined) */
  oldText: z.string(),
  newText: z.string(),
  /** numbers: new − old (exact decimal string) and the percentage change (null when old is 0) */
  delta: z.string().optional(),
  pct: z.string().nullable().optional(),
});

export const rowChange = z.object({
  table: versionedTable,
  id: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  label: z.string(),
  /** changed cells (changed rows only) */
  cells: z.array(cellChange),
  /** every compared field of the row, old and new as shown, for the full-row view */
  fields: z.array(z.object({ field: z.string(), oldText: z.string(), newText: z.string(), changed: z.boolean() })),
});
export type RowChangeOut = z.infer<typeof rowChange>;

export const tableSummary = z.object({
  table: versionedTable,
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  /** changed cells in changed rows */
  cells: z.number().int(),
});

export const districtChange = z.object({
  districtId: z.string(),
  name: z.string(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  /** change of the district's target values, per indicator (new − old, exact) */
  deltas: z.array(z.object({ indicatorId: z.string(), delta: z.string() })),
});

export const sideInfo = z.union([versionInfo.extend({ current: z.literal(false) }), z.object({ current: z.literal(true) })]);

export const comparison = z.object({
  planId: id,
  from: sideInfo,
  to: sideInfo,
  summary: z.array(tableSummary),
  /** rows matching the table filter; `rows` is the page offset…offset+limit of them */
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(rowChange),
  /** per district, each row change counted once in each district it touches (db/versions/present.ts districtEffects) */
  byDistrict: z.array(districtChange),
  /** edits of rows several districts share (a task of 8 districts), counted once here rather than in each district */
  sharedChanges: z.number().int(),
  indicators: z.array(z.object({ id: z.string(), name: z.string(), unit: z.string().nullable() })),
});
export type Comparison = z.infer<typeof comparison>;

/** `versions.diff`: the whole comparison (docs/diff-json.md); each cell also carries its wording for people. */
export const diffDocument = z.object({
  format: z.literal('plandesk-diff'),
  formatVersion: z.literal(1),
  plan: z.object({ id, title: z.string(), docNumber: z.string() }),
  from: sideInfo,
  to: sideInfo,
  changes: z.array(
    z.object({
      table: versionedTable,
      id: z.string(),
      kind: z.enum(['added', 'removed', 'changed']),
      label: z.string(),
      cells: z.array(
        z.object({
          field: z.string(),
          old: cellValue,
          new: cellValue,
          delta: z.string().optional(),
          pct: z.string().nullable().optional(),
          /** for people: the field's name and both values as the workbench shows them (ids named) */
          fieldLabel: z.string(),
          oldText: z.string(),
          newText: z.string(),
        }),
      ),
      /** added and removed rows: the row as stored */
      row: z.record(z.string(), cellValue).optional(),
    }),
  ),
  summary: z.array(tableSummary),
});
export type DiffDocument = z.infer<typeof diffDocument>;

/** Chinese names of the compared tables and kinds of change, for every client's text (CLI) and the xlsx export. */
export const TABLE_LABELS: Record<z.infer<typeof versionedTable>, string> = {
  plan: '规划信息',
  plan_district: '区县',
  cluster: '产业集群',
  indicator: '指标',
  target: '目标值',
  task: '任务',
};

export const KIND_LABELS = { added: '新增', removed: '删除', changed: '修改' } as const;

/** Chinese names of the compared fields, for the CLI's text output and the xlsx export. */
export const FIELD_LABELS: Record<string, string> = {
  title: '名称', doc_number: '文号', issuer: '发文机关', issue_date: '发布日期', period_start: '规划期起', period_end: '规划期止',
  source: '来源', max_priority_industries: '优先产业上限', district_id: '区县', priority_industries: '优先发展产业',
  featured_industries: '特色发展产业', note: '备注', name: '名称', category: '类别', unit: '单位', attribute: '属性',
  baseline_year: '基期年', baseline_value: '基期值', baseline_text: '基期原文', target_year: '目标年', target_value: '目标值',
  target_text: '目标原文', stated_growth_text: '年均增长', indicator_id: '指标', scope: '范围', scope_id: '范围对象', year: '年份',
  period: '季度', kind: '类型', value: '数值', text: '原文', number: '编号', section: '章节', description: '任务内容',
  deadline: '完成时限', deadline_text: '时限原文', status: '状态', progress: '进展', quantitative_goal: '量化目标', notes: '备注',
  archived_at: '归档时间', origin_plan_id: '复制自',
  position: '位置',
  lead_departments: '牵头单位', participating_departments: '配合单位', districts: '涉及区县',
};

export const fieldLabel = (f: string): string => FIELD_LABELS[f] ?? f;

export const versionOps = {
  /** Saves the plan as it is now as a named version (costs what changed since the previous version). */
  'versions.create': op(
    z.object({ planId: id, name: z.string().max(MAX_NAME), note: z.string().max(MAX_TEXT).nullable().optional() }).strict(),
    versionInfo,
  ),
  /** A saved version by its number id or its name (unique within the plan, when one is given). */
  'versions.resolve': op(z.object({ ref: z.string().min(1).max(MAX_NAME), planId: id.optional() }).strict(), versionInfo),
  /** Every change between two sides at once, in the shape `plandesk diff --json` prints (docs/diff-json.md). */
  'versions.diff': op(z.object({ planId: id, from: versionRef, to: versionRef }).strict(), diffDocument),
  'versions.list': op(z.object({ planId: id }).strict(), z.array(versionInfo)),
  /** Compares two versions of a plan (or a version with the current plan), row by row and cell by cell. */
  'versions.compare': op(
    z
      .object({
        planId: id,
        from: versionRef,
        to: versionRef,
        table: versionedTable.optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(0).max(2000).optional(),
      })
      .strict(),
    comparison,
  ),
  /** Makes a version the current plan: one undoable step, recorded in the audit log. */
  'versions.restore': writeOp(
    z.object({ versionId: z.number().int().min(1) }).strict(),
    historyStatus.extend({ rowsChanged: z.number().int(), label: z.string() }),
  ),
  /**
   * The comparison as an xlsx workbook: changed cells highlighted with old values in comments. Runs as
   * a job: answers with its id at once; jobs.status reports progress and finally the file.
   */
  'versions.exportComparison': op(z.object({ planId: id, from: versionRef, to: versionRef }).strict(), jobStarted),
};
