/**
 * The seed file format (seeds/*.json). Validated at load time with these schemas;
 * every record keeps `source`: document number and section it was taken from.
 *
 * Numbers are decimal strings ("14000", "2.5", "-16"), never JS floats; `text` keeps what the
 * document literally wrote ("1.4万亿元", "30左右", ">6", "[-16%]").
 */
import { z } from 'zod';
import { districtKind } from '../../contract/entities.ts';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal string');
const year = z.number().int().min(1949).max(2100);
const source = z.string().min(1);

export const seedDistrict = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  code: z.string().nullable(),
  /** 区 / 县 / 自治县 / 片区; when absent, read from the code and the name (db/districts/rules.ts districtKindOf) */
  kind: districtKind.optional(),
  /** the groups it belongs to (中心城区, 主城新区, 渝西, 渝东北, 渝东南), first the main one */
  groups: z.array(z.string().min(1)).optional(),
  /** one group (older seed files and the test builder): read as groups [group] */
  group: z.string().nullable().optional(),
});

export const seedDepartment = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()),
});

export const seedCommon = z.object({
  districts: z.array(seedDistrict),
  departments: z.array(seedDepartment),
});

export const seedPlanDistrict = z.object({
  districtId: z.string(),
  priorityIndustries: z.array(z.string()),
  featuredIndustries: z.array(z.string()),
  note: z.string().nullable(),
  source,
});

export const seedCluster = z.object({
  id: z.string(),
  name: z.string(),
  note: z.string().nullable(),
  source,
});

export const seedIndicator = z.object({
  id: z.string(),
  category: z.string().nullable(),
  name: z.string(),
  unit: z.string().nullable(),
  attribute: z.enum(['预期性', '约束性']).nullable(),
  baselineYear: year.nullable(),
  baselineValue: decimal.nullable(),
  baselineText: z.string().nullable(),
  targetYear: year.nullable(),
  targetValue: decimal.nullable(),
  targetText: z.string().nullable(),
  statedGrowthText: z.string().nullable(),
  note: z.string().nullable(),
  source,
});

export const seedTarget = z.object({
  indicatorId: z.string(),
  scope: z.enum(['plan', 'district', 'cluster']),
  scopeId: z.string().nullable(),
  year,
  kind: z.enum(['target', 'actual']),
  value: decimal.nullable(),
  text: z.string().nullable(),
  source,
});

export const seedTask = z.object({
  id: z.string(),
  number: z.string(),
  section: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  leadDepartments: z.array(z.string()),
  participatingDepartments: z.array(z.string()),
  districts: z.array(z.string()),
  deadline: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).nullable(),
  deadlineText: z.string().nullable(),
  quantitativeGoal: z.string().nullable(),
  source,
});

export const seedPlan = z.object({
  plan: z.object({
    id: z.string(),
    title: z.string(),
    docNumber: z.string(),
    issuer: z.string(),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    periodStart: year,
    periodEnd: year,
    source,
    maxPriorityIndustries: z.number().int().positive().nullable(),
  }),
  districts: z.array(seedPlanDistrict),
  clusters: z.array(seedCluster),
  indicators: z.array(seedIndicator),
  targets: z.array(seedTarget),
  tasks: z.array(seedTask),
});

export type SeedCommon = z.infer<typeof seedCommon>;
export type SeedPlan = z.infer<typeof seedPlan>;
