/**
 * The shapes of plan data as they cross the API boundary. Everything the UI, the CLI's JSON output
 * and the exports show is one of these. Decimal values are strings ("14000", "2.5"); `*Text` fields
 * keep what the document literally wrote ("1.4万亿元", "30左右").
 */
import { z } from 'zod';

export const MAX_TEXT = 20_000;
export const MAX_NAME = 500;

export const id = z.string().min(1).max(200);
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/);
export const yearNumber = z.number().int().min(1949).max(2100);
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const taskStatus = z.enum(['未开始', '进行中', '已完成', '滞后']);
export const targetScope = z.enum(['plan', 'district', 'cluster']);
export const targetKind = z.enum(['target', 'actual']);
export const quarter = z.enum(['', 'Q1', 'Q2', 'Q3', 'Q4']);
export const indicatorAttribute = z.enum(['预期性', '约束性']);

export const planHeader = z.object({
  id,
  title: z.string(),
  docNumber: z.string(),
  issuer: z.string(),
  issueDate: z.string().nullable(),
  periodStart: z.number().int(),
  periodEnd: z.number().int(),
  source: z.string().nullable(),
  maxPriorityIndustries: z.number().int().nullable(),
  updatedAt: z.string(),
  /** when the plan was archived (hidden from plans.list unless includeArchived); null while in use */
  archivedAt: z.string().nullable(),
  /** the plan this one was copied from for a new period, or null */
  originPlanId: z.string().nullable(),
});

export const planSummary = planHeader.extend({
  districtCount: z.number().int(),
  /**
   * 片区: rows of the district scope with target values in this plan that are areas, not districts
   * (district kind 'area': 中心城区, 主城新区, “两群”地区…) and not in the plan's district list.
   */
  areaCount: z.number().int(),
  clusterCount: z.number().int(),
  indicatorCount: z.number().int(),
  taskCount: z.number().int(),
});

export const targetValue = z.object({
  id,
  indicatorId: id,
  scope: targetScope,
  scopeId: z.string().nullable(),
  year: z.number().int(),
  period: quarter,
  kind: targetKind,
  value: decimalString.nullable(),
  text: z.string().nullable(),
  source: z.string().nullable(),
});

/** 区, 县, 自治县, or an area that is not a district (片区 such as 中心城区, “两群”地区; 两江新区, 高新区, 经开区) */
export const districtKind = z.enum(['district', 'county', 'autonomous_county', 'area']);
export type DistrictKind = z.infer<typeof districtKind>;

export const district = z.object({
  id,
  name: z.string(),
  /** GB/T 2260 code (districts and counties); null for an area */
  code: z.string().nullable(),
  kind: districtKind,
  /** the first of `groups` (kept for older readers) */
  group: z.string().nullable(),
  /** every group it belongs to: 中心城区, 主城新区, 渝西, 渝东北, 渝东南 (渝西's districts are also 主城新区) */
  groups: z.array(z.string()),
});

export const planDistrict = district.extend({
  priorityIndustries: z.array(z.string()),
  featuredIndustries: z.array(z.string()),
  note: z.string().nullable(),
  source: z.string().nullable(),
  targets: z.array(targetValue),
});

export const cluster = z.object({
  id,
  planId: id,
  name: z.string(),
  note: z.string().nullable(),
  source: z.string().nullable(),
  targets: z.array(targetValue),
});

export const indicator = z.object({
  id,
  planId: id,
  category: z.string().nullable(),
  name: z.string(),
  unit: z.string().nullable(),
  attribute: indicatorAttribute.nullable(),
  baselineYear: z.number().int().nullable(),
  baselineValue: decimalString.nullable(),
  baselineText: z.string().nullable(),
  targetYear: z.number().int().nullable(),
  targetValue: decimalString.nullable(),
  targetText: z.string().nullable(),
  statedGrowthText: z.string().nullable(),
  note: z.string().nullable(),
  source: z.string().nullable(),
  /** plan-scope target values of this indicator (the stated totals) */
  targets: z.array(targetValue),
});

/** name: as the document writes it for this task; canonicalName: the department's own name, only where they differ */
export const departmentRef = z.object({ id, name: z.string(), canonicalName: z.string().optional() });

export const department = z.object({
  id,
  name: z.string(),
  aliases: z.array(z.string()),
});

export const task = z.object({
  id,
  planId: id,
  number: z.string(),
  order: z.number().int(),
  section: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  leadDepartments: z.array(departmentRef),
  participatingDepartments: z.array(departmentRef),
  districts: z.array(z.object({ id, name: z.string() })),
  deadline: yearMonth.nullable(),
  deadlineText: z.string().nullable(),
  status: taskStatus,
  progress: z.string().nullable(),
  quantitativeGoal: z.string().nullable(),
  /** 备注: the planner's notes on the task, a field of its own (migration 008) */
  notes: z.string().nullable(),
  source: z.string().nullable(),
  updatedAt: z.string(),
});

export const planOverview = z.object({
  plan: planHeader,
  districts: z.array(planDistrict),
  /** the 片区 of planSummary.areaCount, each with its target values in this plan */
  areas: z.array(district.extend({ targets: z.array(targetValue) })),
  clusters: z.array(cluster),
  indicators: z.array(indicator),
  taskCount: z.number().int(),
});

export type PlanHeader = z.infer<typeof planHeader>;
export type PlanSummary = z.infer<typeof planSummary>;
export type TargetValue = z.infer<typeof targetValue>;
export type District = z.infer<typeof district>;
export type PlanDistrict = z.infer<typeof planDistrict>;
export type Cluster = z.infer<typeof cluster>;
export type Indicator = z.infer<typeof indicator>;
export type Department = z.infer<typeof department>;
export type Task = z.infer<typeof task>;
export type TaskStatus = z.infer<typeof taskStatus>;
export type PlanOverview = z.infer<typeof planOverview>;
