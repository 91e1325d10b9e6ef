/**
 * The printable report as a PDF from the desktop app: where the report page is, and the options
 * given to webContents.printToPDF (A4 portrait, page numbers in the footer). Pure, unit-tested.
 */
export interface ReportPdfOptions {
  pageSize: 'A4';
  landscape: false;
  printBackground: true;
  displayHeaderFooter: true;
  headerTemplate: string;
  footerTemplate: string;
  margins: { top: number; bottom: number; left: number; right: number };
  preferCSSPageSize: false;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const FOOTER_STYLE = 'font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:9px;color:#444;width:100%;text-align:center;';

export function reportPdfOptions(planTitle: string): ReportPdfOptions {
  return {
    pageSize: 'A4',
    landscape: false,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: `<div style='${FOOTER_STYLE}'>${escapeHtml(planTitle)}</div>`,
    footerTemplate: `<div style='${FOOTER_STYLE}'>第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页</div>`,
    // inches (Electron's printToPDF unit): ~18 mm top and bottom for the header and footer, ~14 mm sides
    margins: { top: 0.7, bottom: 0.7, left: 0.55, right: 0.55 },
    preferCSSPageSize: false,
  };
}

/** The hash route of a plan's report (renderer/src/router.ts: tab "transfer", focus "view=report"). */
export function reportHash(planId: string): string {
  return `#/plan/${encodeURIComponent(planId)}/transfer/${encodeURIComponent('view=report')}`;
}

/** The route that makes the 导出与报告 tab export the plan's workbook, charts included (TransferTab: action=export). */
export function workbookExportHash(planId: string): string {
  return `#/plan/${encodeURIComponent(planId)}/transfer/${encodeURIComponent('action=export')}`;
}

/** A file name for the saved PDF. */
export function reportFileName(planTitle: string, date: Date): string {
  const safe = planTitle.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 80) || '规划';
  return `${safe}-报告-${date.toISOString().slice(0, 10)}.pdf`;
}
