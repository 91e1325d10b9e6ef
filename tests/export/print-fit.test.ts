/**
 * Rows as tall as their wrapped text, on paper (issue 13): the ledger, the filtered ledger and the
 * comparison workbook are printed with LibreOffice headless, the pages drawn with pdftoppm, and each
 * table row measured in the picture (tests/helpers/row-fit.py): no row clips its last line, and no
 * row keeps more than a line's worth of empty space under its text. The body text is at least 9 pt on
 * paper (the font size read from the PDF itself, not a word box, which is 1.3–1.5 em tall).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ok, seededStore, tempDir } from '../helpers/store.ts';
import { PYTHON, runJob } from '../helpers/transfer.ts';
import { printWorkbook, printWorkbooks } from '../helpers/print.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';
const DPI = 100;
/** One printed body line at ≥ 9 pt (1.46 em) in pixels at DPI: the most a row may keep to spare. */
const LINE_PX = (9 * 1.46 * DPI) / 72;

interface RowFit {
  page: number;
  top: number;
  height: number;
  above: number;
  below: number;
}

async function exported(store: ReturnType<typeof seededStore>, op: string, input: unknown, name: string): Promise<string> {
  const job = await runJob(store, op, input);
  expect(job.error).toBeNull();
  const file = path.join(tempDir(), `${name}.xlsx`);
  fs.writeFileSync(file, Buffer.from(job.file!.dataBase64, 'base64'));
  return file;
}

/** Prints `xlsx`, keeps the first pages as pictures in tests/artifacts, and measures every row. */
function printedRows(xlsx: string, artifact: string): { rows: RowFit[]; fontSizes: number[]; pages: number } {
  return measuredRows(printWorkbook(xlsx), artifact);
}

/** Measures every row of a printed workbook, keeping its first pages as pictures in tests/artifacts. */
function measuredRows(printed: ReturnType<typeof printWorkbook>, artifact: string): { rows: RowFit[]; fontSizes: number[]; pages: number } {
  const dir = tempDir('plandesk-rowfit-');
  spawnSync('pdftoppm', ['-png', '-r', String(DPI), printed.pdf, path.join(dir, 'p')]);
  const pictures = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => path.join(dir, f));
  fs.mkdirSync('tests/artifacts', { recursive: true });
  pictures.slice(0, 2).forEach((p, i) => fs.copyFileSync(p, path.join('tests/artifacts', `${artifact}-${i + 1}.png`)));
  const r = spawnSync(PYTHON, [path.resolve('tests/helpers/row-fit.py'), ...pictures], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return { rows: JSON.parse(r.stdout) as RowFit[], fontSizes: pdfFontSizes(printed.pdf), pages: printed.pages.length };
}

/** Every font size (Tf operand) used in the PDF's content streams. */
function pdfFontSizes(pdf: string): number[] {
  const data = fs.readFileSync(pdf);
  const sizes = new Set<number>();
  const text = data.toString('latin1');
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      const s = zlib.inflateSync(data.subarray(start, end)).toString('latin1');
      for (const t of s.matchAll(/([\d.]+) Tf/g)) sizes.add(Number(t[1]));
    } catch {
      // not a deflated content stream (fonts, images)
    }
  }
  return [...sizes].sort((a, b) => a - b);
}

/**
 * `scale`: printed size of the 11 pt body text ÷ 11. A row at Excel's largest height (409 pt) cannot
 * grow to hold a longer text; such rows are only required to be at that height.
 */
function expectFitted(all: RowFit[], what: string, scale: number): void {
  const maxPx = (409 * scale * DPI) / 72;
  const rows = all.filter((r) => r.height < maxPx * 0.97);
  // Rows of one line are as tall as the header; the tall ones are what the estimate is about.
  const tall = rows.filter((r) => r.height > 2 * LINE_PX);
  expect(tall.length, what).toBeGreaterThan(3);
  for (const r of rows) {
    const where = `${what}: page ${r.page}, row at ${r.top}px (${r.height}px tall, ${r.above}px above the text, ${r.below}px below)`;
    // clipped: the last line touches (or is cut by) the rule under it
    expect(r.below, where).toBeGreaterThanOrEqual(2);
    // wasteful: more than a line's worth empty under the text
    expect(r.below - r.above, where).toBeLessThan(LINE_PX);
  }
  const spare = tall.reduce((s, r) => s + Math.max(0, r.below - r.above), 0) / tall.reduce((s, r) => s + r.height, 0);
  expect(spare, `${what}: share of the tall rows' height left empty`).toBeLessThan(0.08);
}

describe('printed rows fit their text (LibreOffice → PDF → pictures)', () => {
  it('the ledger and the filtered ledger: no row clipped, none with a line to spare, text ≥ 9 pt', async () => {
    const store = seededStore();
    // the three workbooks are made first (the third after the edit below), then printed in one LibreOffice run
    const ledger = await exported(store, 'export.tasks', { planId: PLAN, filter: {}, format: 'xlsx' }, 'ledger');
    const filteredFile = await exported(store, 'export.tasks', { planId: PLAN, filter: { search: '区' }, format: 'xlsx' }, 'filtered');
    // Long texts of every kind: Latin words, digits, line breaks (the estimate sets them as LibreOffice does).
    const [t] = ok<{ rows: Task[] }>(store, 'tasks.list', { planId: PLAN, limit: 1 }).rows;
    ok(store, 'tasks.update', {
      taskId: t!.id,
      patch: {
        description: `${'Digital transformation of SMEs (中小企业数字化转型) 2025—2027, 100% coverage; '.repeat(3)}\n第二段：${'推进工业互联网平台建设，'.repeat(6)}\nhttps://example.gov.cn/a/very/long/address/that/has/no/spaces/at/all/2027`,
      },
    });
    const mixedFile = await exported(store, 'export.tasks', { planId: PLAN, filter: { search: 'Digital' }, format: 'xlsx' }, 'mixed');
    const [pLedger, pFiltered, pMixed] = printWorkbooks([ledger, filteredFile, mixedFile]);
    const whole = measuredRows(pLedger!, 'print-fit-ledger');
    const body = whole.fontSizes.filter((s) => s < 12);
    expect(body[0], `font sizes on paper: ${whole.fontSizes.join(', ')}`).toBeGreaterThanOrEqual(9);
    const scale = body[0]! / 11;
    expectFitted(whole.rows, 'ledger', scale);
    const filtered = measuredRows(pFiltered!, 'print-fit-filtered');
    expectFitted(filtered.rows, 'filtered ledger', filtered.fontSizes.filter((s) => s < 12)[0]! / 11);
    const mixed = measuredRows(pMixed!, 'print-fit-mixed');
    expect(mixed.rows.length).toBeGreaterThanOrEqual(2);
    for (const r of mixed.rows) {
      expect(r.below, `mixed text row on page ${r.page}: ${JSON.stringify(r)}`).toBeGreaterThanOrEqual(2);
      // Latin text is estimated with coarser widths (five classes of DejaVu Sans): up to two lines to spare
      expect(r.below - r.above, `mixed text row on page ${r.page}: ${JSON.stringify(r)}`).toBeLessThan(2 * LINE_PX);
    }
  }, 240_000);

  it('the comparison workbook: no row clipped, none with a line to spare', async () => {
    const store = seededStore();
    const v1 = ok<{ id: number }>(store, 'versions.create', { planId: PLAN, name: '初稿' });
    const tasks = ok<{ rows: Task[] }>(store, 'tasks.list', { planId: PLAN, limit: 8 }).rows;
    for (const t of tasks.slice(0, 6)) ok(store, 'tasks.update', { taskId: t.id, patch: { description: `${t.description ?? ''}（修改：进一步明确责任分工和完成时限。）`, status: '滞后' } });
    ok(store, 'tasks.delete', { planId: PLAN, taskIds: [tasks[7]!.id] });
    const cmp = printedRows(await exported(store, 'versions.exportComparison', { planId: PLAN, from: v1.id, to: 'current' }, 'comparison'), 'print-fit-comparison');
    const body = cmp.fontSizes.filter((s) => s < 12)[0]!;
    expect(body).toBeGreaterThanOrEqual(9);
    expectFitted(cmp.rows, 'comparison', body / 11);
  }, 240_000);
});
