/** Printing a workbook as an officer would: LibreOffice headless → PDF, read back with poppler (pdfinfo, pdftotext). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './store.ts';

export interface PrintedWord {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Printed {
  pages: { width: number; height: number }[];
  /** the text in content order (pdftotext -raw), per page */
  text: string[];
  words: PrintedWord[];
}

/** Converts `xlsx` with `soffice --headless --convert-to pdf` (a profile of its own) and reads the pages back. */
export function printWorkbook(xlsx: string): Printed & { pdf: string } {
  return printWorkbooks([xlsx])[0]!;
}

/**
 * The same for several workbooks in ONE LibreOffice run (starting soffice with a fresh profile is most of
 * a conversion's time); each is read back on its own, in the order given. Names must differ (one PDF each).
 */
export function printWorkbooks(xlsxs: string[]): (Printed & { pdf: string })[] {
  const dir = tempDir('plandesk-print-');
  const names = xlsxs.map((x) => path.basename(x, '.xlsx'));
  if (new Set(names).size !== names.length) throw new Error(`printWorkbooks: two workbooks named alike: ${names.join(', ')}`);
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, ...xlsxs], {
    encoding: 'utf8',
    timeout: 120_000 + 60_000 * (xlsxs.length - 1),
  });
  return names.map((name) => readPdf(path.join(dir, `${name}.pdf`), r));
}

function readPdf(pdf: string, r: { stderr: string; stdout: string }): Printed & { pdf: string } {
  if (!fs.existsSync(pdf)) throw new Error(`soffice wrote no PDF: ${r.stderr || r.stdout}`);
  const info = spawnSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' }).stdout;
  const pages = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  const raw = spawnSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  const html = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  const words: PrintedWord[] = [];
  html.split(/<page /).slice(1).forEach((p, i) => {
    for (const m of p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ page: i + 1, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] ?? '' });
    }
  });
  return { pdf, pages, text: raw.split('\f').filter((t, i, all) => i < all.length - 1 || t.trim()), words };
}

/** Renders pages as PNG (pdftoppm) for a person to look at; returns the files. */
export function pagePictures(pdf: string, outPrefix: string, options: { dpi?: number; last?: number } = {}): string[] {
  fs.mkdirSync(path.dirname(outPrefix), { recursive: true });
  spawnSync('pdftoppm', ['-png', '-r', String(options.dpi ?? 60), '-l', String(options.last ?? 3), pdf, outPrefix]);
  const dir = path.dirname(outPrefix);
  const base = path.basename(outPrefix);
  return fs.readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png')).map((f) => path.join(dir, f));
}

export const A4_LANDSCAPE = { width: 841.89, height: 595.3 };
