/**
 * A workbook exported on a machine without a CJK font: the file is still downloaded, and the user
 * is told, in the one notification path, that it has no chart pictures and what to install.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type WebSession } from '../helpers/browser.ts';

describe('export warnings in a browser', () => {
  let w: WebSession;
  beforeAll(async () => {
    const noFonts = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-no-fonts-'));
    w = await openWorkbench({ env: { PLANDESK_FONT_DIRS: noFonts } });
    await w.page.getByTestId('plan-list').waitFor();
  });
  afterAll(async () => {
    await w.close();
  });

  it('downloads the workbook and says that the charts are missing and why', { timeout: 120_000 }, async () => {
    const base = w.page.url().replace(/#.*$/, '');
    await w.page.goto(`${base}#/plan/p-yufu-2023-13/transfer`);
    await w.page.getByTestId('transfer-tab').waitFor();
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.getByTestId('export-workbook').click()]);
    const file = path.join(w.dir, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('图表')!.getImages()).toHaveLength(0);
    expect(String(wb.getWorksheet('图表')!.getCell('A3').value)).toMatch(/^图表图片未能生成：本机未找到中文字体/);

    const notice = w.page.getByTestId('notice').filter({ hasText: '但有缺失' });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/已导出 .*\.xlsx，但有缺失：.*本机未找到中文字体/);
    await w.screenshot('transfer-export-without-fonts');
    // It stays until closed (an 'info' notice would go after a few seconds).
    await w.page.waitForTimeout(7_000);
    await expect(notice.isVisible()).resolves.toBe(true);
  });
});
