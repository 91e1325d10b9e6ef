/**
 * The grid currently shown, with its filters, goes to xlsx and CSV; hostile names are shown as text
 * in the grids and written safely in the exports (web host + Chromium, files read back).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';
import { openTab, PLAN, waitForApp } from './workbench-helpers.ts';
import { SCRIPT_TEXT } from '../hostile/corpus.ts';
import { arrayBuffer } from '../helpers/transfer.ts';

async function download(w: WebSession, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([w.page.waitForEvent('download', { timeout: 60_000 }), w.page.getByTestId(testId).click()]);
  const file = path.join(w.dir, dl.suggestedFilename());
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

describe('grid exports and hostile names', () => {
  let w: WebSession;
  beforeAll(async () => {
    w = await openWorkbench();
    await waitForApp(w.page);
  });
  afterAll(async () => {
    await w.close();
  });

  const api = (name: string, input: unknown) => pageCall(w.page, name, input);

  it('shows a task named with script tags and a formula as plain text, and nothing runs', async () => {
    const list = await api('tasks.list', { planId: PLAN, limit: 2 });
    const [a, b] = list.value.rows;
    expect((await api('tasks.update', { taskId: a.id, patch: { title: SCRIPT_TEXT } })).ok).toBe(true);
    expect((await api('tasks.update', { taskId: b.id, patch: { title: '=1+1', progress: '@SUM(A1)' } })).ok).toBe(true);
    await openTab(w.page, 'tasks');
    const row = w.page.locator(`[data-testid="tasks-grid"] .ag-row[row-id="${a.id}"]`).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('<script>window.__pwned = 1</script>');
    await expect(w.page.locator('[data-testid="tasks-grid"] script, [data-testid="tasks-grid"] img[src="x"]').count()).resolves.toBe(0);
    await expect(w.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await w.screenshot('hostile-names-as-text');
  });

  it('exports the filtered task ledger (every matching row) to CSV with BOM and to xlsx, formulas neutralised', async () => {
    await w.page.getByTestId('filter-search').fill('=1+1');
    await w.page.locator('[data-testid="task-total"]', { hasText: '共 1 项任务' }).waitFor({ timeout: 20_000 });
    const csv = await download(w, 'tasks-grid-export-csv');
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    // title, the filter with 导出人/导出时间, the header, the one row
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/导出人 .+导出时间 /);
    expect(lines[2]).toContain('牵头单位');
    expect(lines[3]).toContain("'=1+1");
    expect(lines[3]).not.toMatch(/,=1\+1/);

    await w.page.getByTestId('filter-search').fill('');
    await w.page.locator('[data-testid="task-total"]', { hasText: '共 21 项任务' }).waitFor({ timeout: 20_000 });
    const xlsx = await download(w, 'tasks-grid-export-xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(xlsx.bytes));
    const sheet = wb.worksheets[0]!;
    const texts: string[] = [];
    sheet.eachRow((r) => r.eachCell((c) => texts.push(String(c.value ?? ''))));
    expect(texts).toContain(SCRIPT_TEXT);
    const cellWithFormula = [] as ExcelJS.Cell[];
    sheet.eachRow((r) => r.eachCell((c) => (c.type === ExcelJS.ValueType.Formula ? cellWithFormula.push(c) : undefined)));
    expect(cellWithFormula).toHaveLength(0);
  });

  it('exports the district-target grid as shown, with its totals rows', async () => {
    await openTab(w.page, 'targets');
    await w.page.getByTestId('targets-grid').locator('.ag-row').first().waitFor();
    const xlsx = await download(w, 'targets-export-xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(xlsx.bytes));
    const values: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    const jiangjin = values.find((r) => r[0] === '江津区');
    expect(jiangjin).toContain(3000);
    expect(values.some((r) => r.includes(14000))).toBe(true);
    expect(values.some((r) => r.includes(100))).toBe(false); // districts add up to the stated total in 13号
    await w.screenshot('targets-with-export-buttons');
  });
});
