/**
 * The plan's own parts of the workbook that the import reads back (db/import/plan-header.ts): the
 * rows of 概况 that name the plan (header, origin) and the 区县 sheet (the plan's districts with code,
 * kind and groups from the common list, and their industries). Labels shared with the import.
 */
import type ExcelJS from 'exceljs';
import type { StoreContext } from '../../context.ts';
import type { DistrictKind, PlanOverview } from '../../../contract/entities.ts';
import { planQueries } from '../../plans/queries.ts';
import { SheetWriter } from './sheet-writer.ts';
import { fitWidth, sheetName } from './layout.ts';

export const PLAN_ROWS = {
  title: '规划名称',
  docNumber: '文号',
  issuer: '发文机关',
  issueDate: '发文日期',
  period: '规划期',
  source: '来源',
  origin: '复制自',
  archived: '归档时间',
} as const;

export const DISTRICT_SHEET = '区县';
export const DISTRICT_COLUMNS = ['序号', '区县', '代码', '类别', '所属片区', '优先发展产业', '特色发展产业', '备注'] as const;

export const KIND_WORDS: Record<DistrictKind, string> = { district: '区', county: '县', autonomous_county: '自治县', area: '片区' };

/** The 概况 rows naming the plan (the header the import reads back), in order. */
export function planHeaderRows(ctx: StoreContext, o: PlanOverview): [string, string][] {
  const p = o.plan;
  const origin = p.originPlanId ? planQueries(ctx.db).byId.get(p.originPlanId) : undefined;
  const rows: [string, string][] = [
    [PLAN_ROWS.title, p.title],
    [PLAN_ROWS.docNumber, p.docNumber],
    [PLAN_ROWS.issuer, p.issuer],
    [PLAN_ROWS.issueDate, p.issueDate ?? ''],
    [PLAN_ROWS.period, `${p.periodStart}—${p.periodEnd}年`],
    [PLAN_ROWS.source, p.source ?? ''],
  ];
  // The origin by title and id: the id lets an import into the same file link it again.
  if (p.originPlanId) rows.push([PLAN_ROWS.origin, `${origin ? `${origin.doc_number ? `${origin.doc_number} ` : ''}${origin.title}` : '（已删除的规划）'}（编号 ${p.originPlanId}）`]);
  if (p.archivedAt) rows.push([PLAN_ROWS.archived, p.archivedAt]);
  return rows;
}

export function writeDistrictSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, o: PlanOverview, taken: Set<string>): void {
  if (o.districts.length === 0) return;
  const text = o.districts.map((d) => [d.name, d.priorityIndustries.join('、'), d.featuredIndustries.join('、'), d.note ?? '']);
  const sheet = new SheetWriter(wb, {
    name: sheetName(DISTRICT_SHEET, taken),
    title: `${o.plan.title} — 区县`,
    columns: [
      { header: DISTRICT_COLUMNS[0], width: 6 },
      { header: DISTRICT_COLUMNS[1], width: fitWidth({ header: '区县', minWidth: 10, maxWidth: 24 }, text.map((r) => r[0] ?? '')) },
      { header: DISTRICT_COLUMNS[2], width: 9 },
      { header: DISTRICT_COLUMNS[3], width: 8 },
      { header: DISTRICT_COLUMNS[4], width: 16 },
      { header: DISTRICT_COLUMNS[5], width: fitWidth({ header: '优先发展产业', minWidth: 14, maxWidth: 50 }, text.map((r) => r[1] ?? '')), wrap: true },
      { header: DISTRICT_COLUMNS[6], width: fitWidth({ header: '特色发展产业', minWidth: 14, maxWidth: 50 }, text.map((r) => r[2] ?? '')), wrap: true },
      { header: DISTRICT_COLUMNS[7], width: fitWidth({ header: '备注', minWidth: 10, maxWidth: 60 }, text.map((r) => r[3] ?? '')), wrap: true },
    ],
  });
  o.districts.forEach((d, i) =>
    sheet.addRow([i + 1, d.name, d.code ?? '', KIND_WORDS[d.kind], d.groups.join('、'), d.priorityIndustries.join('、'), d.featuredIndustries.join('、'), d.note ?? '']),
  );
  sheet.commit();
}
