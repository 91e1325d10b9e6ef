/**
 * The text layer of a PDF, with pdf.js (pdfjs-dist, Mozilla's reader: the text, each item's position,
 * the CJK character maps — Adobe-GB1 and the other predefined CMaps a Chinese PDF with non-embedded
 * fonts names — and the standard fonts' metrics it needs). Runs in the reading worker (document.worker.ts);
 * the package's files are found by the host (pdfjsFiles) so that a packaged app reads them from disk.
 * pdf.js is an ES module: it is imported by path here, never bundled.
 */
import { Module, createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { onDisk } from '../../workers.ts';
import { MAX_LINES, MAX_PAGES, refuse, tooManyLines } from './guards.ts';
import { rebuildPage, type PositionedText } from './pdf-lines.ts';
import type { DocumentLine } from './types.ts';

export interface PdfjsFiles {
  /** file URLs of the library and its worker module (run in this thread: pdf.js's "fake worker") */
  lib: string;
  worker: string;
  /** folders (with a trailing separator) of the CJK cMaps and the standard fonts */
  cMaps: string;
  standardFonts: string;
}

/** Where pdfjs-dist's files are (resolved from this module; unpacked copies inside a packaged app). */
export function pdfjsFiles(): PdfjsFiles {
  const requireHere = createRequire(import.meta.url);
  const root = path.dirname(onDisk(requireHere.resolve('pdfjs-dist/package.json')));
  return {
    lib: pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.mjs')).href,
    worker: pathToFileURL(path.join(root, 'legacy', 'build', 'pdf.worker.mjs')).href,
    cMaps: path.join(root, 'cmaps') + path.sep,
    standardFonts: path.join(root, 'standard_fonts') + path.sep,
  };
}

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * pdf.js's Node build loads @napi-rs/canvas (a native Skia addon) when its module is evaluated, for
 * DOMMatrix, ImageData and Path2D — rendering only: text content is computed by the core, which needs
 * none of them. Loading the addon costs this thread about 150 ms of CPU per document (half of pdf.js's
 * load), so the reading thread hands pdf.js's `require("@napi-rs/canvas")` an empty module through
 * require.cache (Node's documented module cache), and empty DOMMatrix, ImageData and Path2D classes (the display
 * layer builds one DOMMatrix at load; they are used for drawing, never here). Nothing else of the thread is changed;
 * should pdf.js ever draw with it, the reading fails with a refusal, it does not crash the host.
 */
function withoutCanvas(libUrl: string): void {
  const g = globalThis as { DOMMatrix?: unknown; ImageData?: unknown; Path2D?: unknown };
  g.DOMMatrix ??= class DOMMatrix {};
  g.ImageData ??= class ImageData {};
  g.Path2D ??= class Path2D {};
  const requireLib = createRequire(libUrl);
  let canvasFile: string;
  try {
    canvasFile = requireLib.resolve('@napi-rs/canvas');
  } catch {
    return; // not installed: pdf.js warns (into this thread's own stdout) and goes on
  }
  if (requireLib.cache[canvasFile]) return;
  const stub = new Module(canvasFile);
  stub.filename = canvasFile;
  stub.loaded = true;
  stub.exports = {};
  requireLib.cache[canvasFile] = stub;
}

async function loadPdfjs(files: PdfjsFiles): Promise<Pdfjs> {
  const g = globalThis as { pdfjsWorker?: unknown };
  // pdf.js's legacy build installs core-js polyfills on the thread's globals; two of them replace a
  // native function with a slower JavaScript one for a corner of the spec that neither pdf.js nor we
  // meet (Array.prototype.push on an array whose length is read-only; JSON.parse's source text): about a
  // tenth of a document's reading went to that push. The natives are put back once pdf.js is loaded.
  const push = Array.prototype.push;
  const { parse, stringify } = JSON;
  withoutCanvas(files.lib);
  g.pdfjsWorker ??= await import(files.worker);
  const lib = (await import(files.lib)) as Pdfjs;
  Array.prototype.push = push;
  JSON.parse = parse;
  JSON.stringify = stringify;
  return lib;
}

function isTextItem(item: unknown): item is TextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/** Every page's lines, page by page, stopping with a refusal past the page cap or the deadline. */
export async function readPdfLines(bytes: Uint8Array, fileName: string, files: PdfjsFiles, deadline: number): Promise<{ lines: DocumentLine[]; pages: number }> {
  const pdfjs = await loadPdfjs(files);
  pdfjs.GlobalWorkerOptions.workerSrc = files.worker;
  const task = pdfjs.getDocument({
    data: bytes,
    cMapUrl: files.cMaps,
    cMapPacked: true,
    standardFontDataUrl: files.standardFonts,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') throw refuse(`“${fileName}”设有打开密码，不能读取。请取消密码后再试。`);
    throw refuse(`“${fileName}”已损坏或不是有效的 PDF 文件，不能读取（${(err instanceof Error ? err.message : String(err)).slice(0, 200)}）。`);
  }
  try {
    if (doc.numPages > MAX_PAGES) throw refuse(`“${fileName}”有 ${doc.numPages} 页，超过读取上限 ${MAX_PAGES} 页。请拆分后再试。`);
    const lines: DocumentLine[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      if (Date.now() > deadline) throw refuse(`读取“${fileName}”超时（读到第 ${p} 页），文件可能结构异常，已停止读取。`);
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: PositionedText[] = [];
      for (const item of content.items) {
        if (!isTextItem(item) || item.str === '') continue;
        const [a, b, , d, x, y] = item.transform as number[];
        // Horizontal text only (a rotated or vertical item has b ≠ 0); its size is the scale of the text matrix.
        if (Math.abs(b ?? 0) > Math.abs(a ?? 0)) continue;
        items.push({ str: item.str, x: x ?? 0, y: y ?? 0, width: item.width, size: Math.abs(d ?? 0) || item.height || 1 });
      }
      const [x0, , x1] = page.view;
      rebuildPage(items, Math.abs((x1 ?? 0) - (x0 ?? 0))).forEach((text, i) => lines.push({ text, page: p, line: i + 1 }));
      if (lines.length > MAX_LINES) throw tooManyLines(fileName);
      page.cleanup();
    }
    return { lines, pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
