/**
 * The printable report and the 导出与报告 tab in Chromium against the real web host: the report page
 * printed to an A4 PDF with page numbers (as the desktop app's printToPDF does), checked with
 * poppler's pdftotext and pdftoppm (tests/artifacts/report-page-N.png); the workbook export
 * downloaded and read back; an import previewed with its problems, then applied.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';
import { reportPdfOptions, workbookExportHash } from '../../electron/report.ts';

describe('report and transfer in a browser', () => {
  let w: WebSession;
  beforeAll(async () => {
    w = await openWorkbench();
    await w.page.getByTestId('plan-list').waitFor();
  });
  afterAll(async () => {
    await w.close();
  });

  it('prints the report to an A4 PDF with Chinese text and page numbers', { timeout: 120_000 }, async () => {
    const base = w.page.url().replace(/#.*$/, '');
    await w.page.goto(`${base}#/plan/p-yufu-2023-13/transfer/${encodeURIComponent('view=report')}`);
    await w.page.locator('[data-report-ready="1"]').waitFor({ timeout: 60_000 });
    await w.page.getByTestId('report-chart-districts').locator('svg').waitFor();
    await expect(w.page.getByTestId('report-ranking').textContent()).resolves.toContain('江津区');
    await w.page.emulateMedia({ media: 'print' });
    const opts = reportPdfOptions('重庆市先进制造业发展“渝西跨越计划”');
    const pdf = path.join(w.dir, 'report.pdf');
    await w.page.pdf({
      path: pdf,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: opts.headerTemplate,
      footerTemplate: opts.footerTemplate,
      margin: { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' },
    });
    await w.page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('规划执行情况报告');
    expect(text).toContain('区县排名');
    expect(text).toContain('江津区');
    expect(text).toContain('一致性检查');
    expect(text).toMatch(/第 1 页，共 \d+ 页/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info, info).toMatch(/Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdf, path.join(ARTIFACTS, 'report-page')]);
    expect(fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith('report-page')).length).toBeGreaterThanOrEqual(2);
  });

  it('ranks districts by the actuals of the chosen year or quarter, by target only where that period has none', { timeout: 120_000 }, async () => {
    const base = w.page.url().replace(/#.*$/, '');
    const plan = (await pageCall(w.page, 'plans.get', { planId: 'p-yufu-2023-13' })).value as { districts: { id: string; name: string }[] };
    const [a, b] = plan.districts;
    const set = (d: { id: string }, kind: string, value: string) =>
      pageCall(w.page, 'targets.set', { indicatorId: 'p-yufu-2023-13/i/revenue', scope: 'district', scopeId: d.id, year: 2023, kind, value });
    expect(await set(a!, 'target', '1000')).toMatchObject({ ok: true });
    await set(b!, 'target', '800');
    await set(a!, 'actual', '900');
    await set(b!, 'actual', '880');
    await w.page.goto(`${base}#/plan/p-yufu-2023-13/transfer/${encodeURIComponent('view=report')}`);
    await w.page.reload(); // the previous test left the page on this route
    await w.page.locator('[data-report-ready="1"]').waitFor({ timeout: 60_000 });
    const title = w.page.getByTestId('report-ranking-title');
    await expect(title.textContent()).resolves.toContain('按 2023 年全年“规模以上工业企业营业收入”实际完成进度排名');
    const firstRow = () => w.page.getByTestId('report-ranking').locator('tbody tr').first().textContent();
    await expect(firstRow()).resolves.toContain(`1${b!.name}800880110%`);
    await w.page.getByTestId('report-ranking').screenshot({ path: path.join(ARTIFACTS, 'report-ranking-actuals.png') });
    await w.page.getByTestId('report-period').selectOption('2027|');
    await w.page.waitForFunction(() => document.querySelector('[data-testid="report-ranking-title"]')?.textContent?.includes('2027'));
    await expect(title.textContent()).resolves.toContain('尚无实际值');
    await expect(firstRow()).resolves.toMatch(/^1/);
    await w.page.getByTestId('report-period').selectOption('2023|');
    await w.page.waitForFunction(() => document.querySelector('[data-testid="report-ranking-title"]')?.textContent?.includes('实际完成进度'));

    // 完成情况 has its export: the same figures as CSV
    await w.page.goto(`${base}#/plan/p-yufu-2023-13/completion`);
    await w.page.getByTestId('completion-panel').waitFor();
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.getByTestId('completion-export-csv').click()]);
    const file = path.join(w.dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/完成情况\.csv$/);
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toContain(`规模以上工业企业营业收入,亿元,分区县,${b!.name},2023,800,880,全年,110,110,达标,1`);
  });

  it('the desktop menu route (action=export) exports the workbook with its chart pictures', { timeout: 120_000 }, async () => {
    const base = w.page.url().replace(/#.*$/, '');
    const [download] = await Promise.all([w.page.waitForEvent('download', { timeout: 90_000 }), w.page.goto(`${base}${workbookExportHash('p-yufu-2023-13')}`)]);
    const file = path.join(w.dir, `menu-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('图表')!.getImages().length).toBeGreaterThan(0);
    // The action runs once: the route no longer asks for it.
    expect(w.page.url()).not.toContain('action');
  });

  it('exports the workbook with its charts, then previews and applies an import', { timeout: 120_000 }, async () => {
    const base = w.page.url().replace(/#.*$/, '');
    await w.page.goto(`${base}#/plan/p-yufuban-2023-3/transfer`);
    await w.page.getByTestId('transfer-tab').waitFor();
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.getByTestId('export-workbook').click()]);
    const file = path.join(w.dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('图表')!.getImages().length).toBe(2);
    expect(wb.getWorksheet('任务台账')!.getRow(2).getCell(5).value).toBe('牵头单位');

    // A district sends it back with a progress note and one unknown department.
    const ledger = wb.getWorksheet('任务台账')!;
    ledger.getRow(3).getCell(10).value = '已完成年度目标';
    ledger.getRow(4).getCell(5).value = '市不存在局';
    const bad = path.join(w.dir, '回填-有误.xlsx');
    await wb.xlsx.writeFile(bad);
    await w.page.getByTestId('import-file').setInputFiles(bad);
    await w.page.getByTestId('import-problems').waitFor();
    await expect(w.page.getByTestId('import-problems').textContent()).resolves.toContain('未知的单位“市不存在局”');
    await expect(w.page.getByTestId('import-apply').isDisabled()).resolves.toBe(true);
    await w.screenshot('transfer-import-problems');

    ledger.getRow(4).getCell(5).value = '市科技局';
    const good = path.join(w.dir, '回填.xlsx');
    await wb.xlsx.writeFile(good);
    await w.page.getByTestId('import-file').setInputFiles(good);
    await w.page.getByTestId('import-changes').waitFor();
    await expect(w.page.getByTestId('import-changes').textContent()).resolves.toContain('已完成年度目标');
    await w.screenshot('transfer-import-preview');
    await w.page.getByTestId('import-apply').click();
    await w.page.getByTestId('notice').filter({ hasText: '已导入' }).waitFor();
  });
});
