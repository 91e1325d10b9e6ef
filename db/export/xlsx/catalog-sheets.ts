/**
 * The plan workbook's 产业集群, 指标 and 部门 sheets (issue 14 §1: authoring in the round trip). Each
 * row carries its record's code (集群编码, 指标编码, 部门编码), so an import tells a renamed or moved row
 * from a new one; indicators keep every field, the number beside the wording as written (基期原文,
 * 目标原文: "2%以上", "超过1.28万家"). The import reads these sheets back (db/import/catalog-changes.ts),
 * by the headers CATALOG_HEADERS names, so the two cannot drift apart.
 */
import type ExcelJS from 'exceljs';
import type { StoreContext } from '../../context.ts';
import type { PlanOverview } from '../../../contract/entities.ts';
import { departmentEntries } from '../../departments/authoring.ts';
import { SheetWriter } from './sheet-writer.ts';
import { SHEET, decimalCell, fitWidth, sheetName } from './layout.ts';

/** The headers of the three sheets, as written and as read back. */
export const CATALOG_HEADERS = {
  clusters: { name: '产业集群', note: '说明', source: '来源', code: '集群编码' },
  indicators: {
    category: '类别', name: '指标名称', unit: '单位', attribute: '属性', baselineYear: '基期年', baselineValue: '基期值', targetYear: '目标年',
    targetValue: '目标值', targetText: '目标原文', statedGrowthText: '年均增长', source: '来源', baselineText: '基期原文', note: '说明', code: '指标编码',
  },
  departments: { name: '部门名称', aliases: '简称/别名', code: '部门编码' },
} as const;

export const DEPARTMENTS_SHEET = '部门';

export function writeCatalogSheets(ctx: StoreContext, wb: ExcelJS.stream.xlsx.WorkbookWriter, p: PlanOverview['plan'], overview: Pick<PlanOverview, 'clusters' | 'indicators'>, taken: Set<string>): void {
  const C = CATALOG_HEADERS.clusters;
  if (overview.clusters.length) {
    const cols = [
      { header: '序号', width: 6 },
      { header: C.name, width: fitWidth({ header: C.name, minWidth: 12, maxWidth: 30 }, overview.clusters.map((c) => c.name)) },
      { header: C.note, width: fitWidth({ header: C.note, minWidth: 12, maxWidth: 60 }, overview.clusters.map((c) => c.note ?? '')), wrap: true },
      { header: C.source, width: 30, wrap: true },
      { header: C.code, width: 14 },
    ];
    const cs = new SheetWriter(wb, { name: sheetName(SHEET.clusters, taken), title: `${p.title} — 产业集群`, columns: cols });
    overview.clusters.forEach((c, i) => cs.addRow([i + 1, c.name, c.note, c.source, c.id]));
    cs.commit();
  }

  const I = CATALOG_HEADERS.indicators;
  if (overview.indicators.length) {
    const inds = overview.indicators;
    const is = new SheetWriter(wb, {
      name: sheetName(SHEET.indicators, taken),
      title: `${p.title} — 主要指标`,
      columns: [
        { header: '序号', width: 6 },
        { header: I.category, width: fitWidth({ header: I.category, minWidth: 8, maxWidth: 16 }, inds.map((i) => i.category ?? '')), wrap: true },
        { header: I.name, width: fitWidth({ header: I.name, minWidth: 16, maxWidth: 44 }, inds.map((i) => i.name)), wrap: true },
        { header: I.unit, width: fitWidth({ header: I.unit, minWidth: 6, maxWidth: 14 }, inds.map((i) => i.unit ?? '')) },
        { header: I.attribute, width: 8 },
        { header: I.baselineYear, width: 8, numFmt: '0' },
        { header: I.baselineValue, width: 12 },
        { header: I.targetYear, width: 8, numFmt: '0' },
        { header: I.targetValue, width: 12 },
        { header: I.targetText, width: fitWidth({ header: I.targetText, minWidth: 10, maxWidth: 24 }, inds.map((i) => i.targetText ?? '')), wrap: true },
        { header: I.statedGrowthText, width: 10 },
        { header: I.source, width: 30, wrap: true },
        { header: I.baselineText, width: fitWidth({ header: I.baselineText, minWidth: 10, maxWidth: 24 }, inds.map((i) => i.baselineText ?? '')), wrap: true },
        { header: I.note, width: 24, wrap: true },
        { header: I.code, width: 14 },
      ],
    });
    inds.forEach((i, n) =>
      is.addRow([
        n + 1, i.category, i.name, i.unit, i.attribute, i.baselineYear,
        i.baselineValue !== null ? decimalCell(i.baselineValue) : i.baselineText,
        i.targetYear,
        i.targetValue !== null ? decimalCell(i.targetValue) : i.targetText,
        i.targetText, i.statedGrowthText, i.source, i.baselineText, i.note, i.id,
      ]),
    );
    is.commit();
  }

  // 部门: the common list (every plan of the file shares it), in the planners' order, with its other names.
  const D = CATALOG_HEADERS.departments;
  const depts = departmentEntries(ctx);
  if (depts.length) {
    const ds = new SheetWriter(wb, {
      name: sheetName(DEPARTMENTS_SHEET, taken),
      title: `${p.title} — 部门名录（本文件各规划共用）`,
      columns: [
        { header: '序号', width: 6 },
        { header: D.name, width: fitWidth({ header: D.name, minWidth: 14, maxWidth: 36 }, depts.map((d) => d.name)) },
        { header: D.aliases, width: fitWidth({ header: D.aliases, minWidth: 14, maxWidth: 50 }, depts.map((d) => d.aliases.join('、'))), wrap: true },
        { header: D.code, width: 16 },
      ],
    });
    depts.forEach((d, n) => ds.addRow([n + 1, d.name, d.aliases.join('、'), d.id]));
    ds.commit();
  }
}
