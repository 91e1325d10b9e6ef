import { describe, expect, it } from 'vitest';
import { reportFileName, reportHash, reportPdfOptions, workbookExportHash } from '../../electron/report.ts';
import { parseRoute } from '../../renderer/src/router.ts';
import { buildMenuTemplate } from '../../electron/menu.ts';

describe('the desktop report PDF', () => {
  it('prints A4 portrait with page numbers in the footer and the plan title in the header', () => {
    const o = reportPdfOptions('渝西跨越计划 <草案>');
    expect(o).toMatchObject({ pageSize: 'A4', landscape: false, displayHeaderFooter: true, printBackground: true });
    expect(o.footerTemplate).toContain('<span class="pageNumber"></span>');
    expect(o.footerTemplate).toContain('<span class="totalPages"></span>');
    expect(o.headerTemplate).toContain('渝西跨越计划 &#60;草案&#62;');
  });

  it('opens the report route of the plan and names the file after it', () => {
    expect(parseRoute(reportHash('p-yufu-2023-13'))).toEqual({ screen: 'plan', planId: 'p-yufu-2023-13', tab: 'transfer', focus: 'view=report' });
    expect(parseRoute(workbookExportHash('p-yufu-2023-13'))).toEqual({ screen: 'plan', planId: 'p-yufu-2023-13', tab: 'transfer', focus: 'action=export' });
    expect(reportFileName('规划/草案', new Date('2026-03-01T08:00:00Z'))).toBe('规划_草案-报告-2026-03-01.pdf');
  });

  it('the File menu has 导出报告 (PDF) when the app provides it', () => {
    let clicked = false;
    const actions = { newFile() {}, openFile() {}, openRecent() {}, saveAs() {}, exportPlan() {}, quit() {}, exportReport: () => (clicked = true) };
    const file = buildMenuTemplate(actions, [], false)[0]!;
    const item = (file.submenu as { label?: string; click?: () => void }[]).find((i) => i.label === '导出报告 (PDF)…');
    expect(item).toBeDefined();
    item!.click!();
    expect(clicked).toBe(true);
  });
});
