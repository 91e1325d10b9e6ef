/**
 * The exported ledger prints like a WPS 台账 (issue 13): A4 landscape, text ≥ 9 pt on paper, every
 * wrapped text whole on the page (rows as tall as their text), the header row on every page, page
 * numbers, the filter under the title. Printed with LibreOffice headless and read back with poppler;
 * the page setup itself is read with openpyxl (Excel and WPS print from it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ok, seededStore, tempDir } from '../helpers/store.ts';
import { PYTHON, runJob } from '../helpers/transfer.ts';
import { A4_LANDSCAPE, pagePictures, printWorkbook } from '../helpers/print.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';

async function exportFile(store: ReturnType<typeof seededStore>, op: string, input: unknown): Promise<string> {
  const job = await runJob(store, op, input);
  expect(job.error).toBeNull();
  const file = path.join(tempDir(), 'ledger.xlsx');
  fs.writeFileSync(file, Buffer.from(job.file!.dataBase64, 'base64'));
  return file;
}

/** Fonts, sizes, heights, hidden columns and page setup of one sheet, read with openpyxl. */
function sheetFacts(file: string, sheet = '') {
  const script = `import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb[sys.argv[2]] if sys.argv[2] else wb.worksheets[0]
cells = [[ (c.value, c.font.name, c.font.sz, c.alignment.wrap_text) for c in row] for row in ws.iter_rows()]
print(json.dumps({
  "cells": cells,
  "heights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height},
  "widths": {k: v.width for k, v in ws.column_dimensions.items()},
  "hidden": [k for k, v in ws.column_dimensions.items() if v.hidden],
  "printTitles": ws.print_title_rows, "freeze": ws.freeze_panes,
  "orientation": ws.page_setup.orientation, "paper": ws.page_setup.paperSize,
  "scale": ws.page_setup.scale, "fitToWidth": ws.page_setup.fitToWidth,
  "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
  "footer": ws.oddFooter.center.text,
}, ensure_ascii=False, default=str))
`;
  const r = spawnSync(PYTHON, ['-c', script, file, sheet], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as {
    cells: [unknown, string | null, number | null, boolean | null][][]; heights: Record<string, number>; widths: Record<string, number>;
    hidden: string[]; printTitles: string | null; freeze: string | null; orientation: string; paper: number | string; scale: number | null;
    fitToWidth: number | null; fitToPage: boolean; footer: string | null;
  };
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('the ledger as printed', () => {
  it('the filtered ledger: filter under the title, header repeated, 宋体 11 pt, rows as tall as their wrapped text, 任务编码 hidden', async () => {
    const store = seededStore();
    const file = await exportFile(store, 'export.tasks', { planId: PLAN, filter: { status: ['未开始'], search: '区' }, format: 'xlsx' });
    const f = sheetFacts(file);
    expect(String(f.cells[1]![0]![0])).toMatch(/^筛选条件：状态 未开始；关键词“区”　｜　共 \d+ 项任务　｜　导出人 未署名　｜　导出时间 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/);
    expect(f.cells[2]!.map((c) => c[0])).toContain('规范时限');
    expect(f.printTitles).toBe('$3:$3');
    expect(f.freeze).toBe('A4');
    expect(f.orientation).toBe('landscape');
    expect(String(f.paper)).toBe('9');
    expect(f.footer).toContain('&P');
    // 任务编码 is kept (the import matches rows by it) but neither shown nor printed.
    const idCol = f.cells[2]!.findIndex((c) => c[0] === '任务编码');
    expect(f.hidden).toContain(String.fromCharCode(65 + idCol));
    const body = f.cells.slice(3).flat().filter((c) => typeof c[0] === 'string');
    expect(body.length).toBeGreaterThan(20);
    for (const c of body) {
      expect(c[1]).toBe('宋体');
      expect(c[2]).toBeGreaterThanOrEqual(10.5);
    }
    // A row holding a long wrapped text is taller than one line, in proportion to the text.
    const descCol = f.cells[2]!.findIndex((c) => c[0] === '任务内容');
    const longRow = f.cells.findIndex((r, i) => i > 2 && String(r[descCol]?.[0] ?? '').length > 150);
    expect(longRow).toBeGreaterThan(2);
    expect(f.heights[String(longRow + 1)]).toBeGreaterThan(100);
  });

  it('printed by LibreOffice: A4 landscape, text ≥ 9 pt, every task text whole, header and page number on every page', async () => {
    const store = seededStore();
    const file = await exportFile(store, 'export.tasks', { planId: PLAN, filter: {}, format: 'xlsx' });
    const printed = printWorkbook(file);
    pagePictures(printed.pdf, path.join('tests/artifacts', 'print-ledger'), { last: 2 });
    expect(printed.pages.length).toBeGreaterThan(1);
    for (const p of printed.pages) {
      expect(p.width).toBeCloseTo(A4_LANDSCAPE.width, 0);
      expect(p.height).toBeCloseTo(A4_LANDSCAPE.height, 0);
    }
    // Word boxes are as tall as the printed size of their font: none below 9 pt (the old sheet printed at ~4 pt).
    const cjk = printed.words.filter((w) => /[\u4e00-\u9fff]/.test(w.text));
    const heights = cjk.map((w) => w.y1 - w.y0).sort((a, b) => a - b);
    expect(heights[0]).toBeGreaterThanOrEqual(8.9);
    printed.text.forEach((t, i) => {
      expect(t, `page ${i + 1}`).toContain('任务内容');
      expect(t, `page ${i + 1}`).toContain(`第 ${i + 1} 页，共 ${printed.pages.length} 页`);
    });
    // Every task's text is on paper in full: rows grew to fit it (a clipped cell loses its end).
    const all = squash(printed.text.join(''));
    const { rows } = ok<{ rows: Task[] }>(store, 'tasks.list', { planId: PLAN, limit: 500 });
    for (const t of rows) {
      expect(all, t.number).toContain(squash(t.title));
      if (t.description) expect(all, t.number).toContain(squash(t.description));
    }
  }, 120_000);
});

describe('sheet names (Excel: ≤ 31 characters, no []:*?/\\, not History, unique ignoring case)', () => {
  it('a title cut at 31 characters keeps no space at its end; names are trimmed, cleaned and made unique', async () => {
    const { sheetName } = await import('../../db/export/xlsx/layout.ts');
    const taken = new Set<string>();
    const cut = sheetName('重庆市先进制造业发展“渝西跨越计划”（2023—2027年） — 任务台账', taken);
    expect(cut.length).toBeLessThanOrEqual(31);
    expect(cut).toBe(cut.trim());
    expect(sheetName('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十 x', new Set())).toBe('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十');
    expect(sheetName('  区县目标  ', taken)).toBe('区县目标');
    expect(sheetName('区县目标', taken)).toBe('区县目标~2');
    expect(sheetName('sheet', taken)).toBe('sheet');
    expect(sheetName('SHEET', taken)).toBe('SHEET~2');
    expect(sheetName("'引号'", taken)).toBe('引号');
    expect(sheetName('a/b:c*d?[e]', taken)).toBe('a·b·c·d··e·');
    expect(sheetName('History', taken)).toBe('History~1');
    expect(sheetName('   ', taken)).toBe('工作表');
    expect(sheetName('\u0001\u0007', taken)).toBe('工作表~2');
    const emoji = sheetName(`${'x'.repeat(30)}😀`, taken);
    expect(emoji).toBe('x'.repeat(30));
    for (const n of taken) expect(n.length).toBeLessThanOrEqual(31);
    // With a suffix the cut still leaves no trailing space.
    const twice = new Set<string>();
    const long = `${'一二三四五六七八九十'.repeat(2)}一二三四五六七八 九十`; // 31: the cut for "~2" ends on the space
    expect(sheetName(long, twice)).toBe(long);
    expect(sheetName(long, twice)).toBe(`${'一二三四五六七八九十'.repeat(2)}一二三四五六七八~2`);
  });

  it('the filtered-ledger workbook of a long title: its sheet name has no trailing space', async () => {
    const store = seededStore();
    const file = await exportFile(store, 'export.tasks', { planId: PLAN, filter: {}, format: 'xlsx' });
    const r = spawnSync(PYTHON, ['-c', 'import openpyxl,sys,json;print(json.dumps(openpyxl.load_workbook(sys.argv[1]).sheetnames, ensure_ascii=False))', file], { encoding: 'utf8' });
    const [name] = JSON.parse(r.stdout) as string[];
    expect(name).toBe(name!.trim());
    expect(name!.length).toBeLessThanOrEqual(31);
  });
});
