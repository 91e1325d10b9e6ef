/**
 * Baselines for reading a full-issue PDF and .docx (bench/draft.bench.ts), measured in the same run as
 * our reading: raw pdf.js (the same build and options, every page's getTextContent, no line rebuilding,
 * no worker), poppler's pdftotext as an outside reference, and a raw yauzl + saxes pass over the
 * .docx's word/document.xml (no line building).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';
import { SaxesParser } from 'saxes';
import { pdfjsFiles } from '../db/draft/read/pdf.ts';

// Run by a fresh `node` (no tsx, as the bundled reading worker runs): loads pdf.js, then reads every
// page's text content twice; prints the first read's time with the load ("cold", what a fresh reading
// thread pays) and the second's ("warm", pdf.js's own floor).
const RAW_PDFJS = `
const [lib, worker, cMaps, standardFonts, file] = process.argv.slice(1);
const fs = await import('node:fs');
const t0 = performance.now();
globalThis.pdfjsWorker = await import(worker);
const pdfjs = await import(lib);
pdfjs.GlobalWorkerOptions.workerSrc = worker;
const read = async () => {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), cMapUrl: cMaps, cMapPacked: true, standardFontDataUrl: standardFonts,
    useSystemFonts: false, disableFontFace: true, isEvalSupported: false, isOffscreenCanvasSupported: false, verbosity: 0 }).promise;
  let items = 0;
  for (let p = 1; p <= doc.numPages; p++) items += (await (await doc.getPage(p)).getTextContent()).items.length;
  await doc.destroy();
  return items;
};
const items = await read();
const t1 = performance.now();
await read();
const t2 = performance.now();
console.log(JSON.stringify({ coldMs: t1 - t0, warmMs: t2 - t1, items }));
`;

export function rawPdfjs(file: string): { coldMs: number; warmMs: number; items: number } {
  const f = pdfjsFiles();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', RAW_PDFJS, f.lib, f.worker, f.cMaps, f.standardFonts, file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { coldMs: number; warmMs: number; items: number };
}

/** pdftotext (poppler-utils) to stdout, wall time with its process start; null when not installed. */
export function pdftotext(file: string): number | null {
  try {
    const t0 = performance.now();
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
    return performance.now() - t0;
  } catch {
    return null;
  }
}

/** Inflates word/document.xml with yauzl and parses it with saxes, counting text events. */
export async function rawDocx(file: string): Promise<number> {
  const t0 = performance.now();
  const zip = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.fromBuffer(fs.readFileSync(file), { lazyEntries: true }, (e, z) => (e || !z ? rej(e) : res(z))));
  const entry = await new Promise<yauzl.Entry>((res, rej) => {
    zip.on('entry', (e: yauzl.Entry) => (e.fileName === 'word/document.xml' ? res(e) : zip.readEntry()));
    zip.on('end', () => rej(new Error('no word/document.xml')));
    zip.readEntry();
  });
  const stream = await new Promise<NodeJS.ReadableStream>((res, rej) => zip.openReadStream(entry, (e, s) => (e || !s ? rej(e) : res(s))));
  const parser = new SaxesParser();
  let texts = 0;
  parser.on('text', () => texts++);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream as AsyncIterable<Buffer>) parser.write(decoder.write(chunk));
  parser.write(decoder.end()).close();
  zip.close();
  if (texts === 0) throw new Error('no text');
  return performance.now() - t0;
}
