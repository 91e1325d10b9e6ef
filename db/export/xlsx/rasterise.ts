/**
 * SVG → PNG with resvg (WebAssembly) in a worker thread: the first drawing in a process costs about
 * a second while V8 compiles resvg, and a worker keeps that off the thread that serves the UI (and,
 * during an export, runs beside the streaming of the task ledger). The worker ends after each batch,
 * which also returns the memory the fonts and the pixels took.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { onDisk, workerAnswer } from '../../workers.ts';

export interface RasterFont {
  /** the family the SVG's text falls back to */
  family: string;
  files: string[];
}

const requireHere = createRequire(import.meta.url);

// Plain CommonJS, evaluated by the worker: it needs no loader, in tsx, vitest, Node or Electron alike.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
(async () => {
  const resvg = require(workerData.resvg);
  await resvg.initWasm(workerData.wasm);
  const fontBuffers = workerData.fontFiles.map((f) => fs.readFileSync(f));
  const pngs = [];
  for (const svg of workerData.svgs) {
    const r = new resvg.Resvg(svg, {
      background: '#ffffff',
      fitTo: { mode: 'zoom', value: workerData.scale },
      font: { fontBuffers, defaultFontFamily: workerData.family, sansSerifFamily: workerData.family },
    });
    const image = r.render();
    pngs.push(image.asPng());
    image.free();
    r.free();
  }
  parentPort.postMessage({ pngs }, pngs.map((p) => p.buffer));
})().catch((err) => parentPort.postMessage({ error: String((err && err.message) || err) }));
`;

// Compiled once per process and shared with every worker: V8 shares the compiled (and optimised)
// code between threads, so only the first drawing pays for compiling resvg.
let compiled: Promise<WebAssembly.Module> | null = null;
const resvgModule = () => (compiled ??= WebAssembly.compile(fs.readFileSync(onDisk(requireHere.resolve('@resvg/resvg-wasm/index_bg.wasm')))));

/** Draws each SVG as a PNG at `scale` times its size, on white, with the given font. */
export async function rasterise(svgs: readonly string[], font: RasterFont, scale: number): Promise<Buffer[]> {
  if (!svgs.length) return [];
  const workerData = {
    resvg: onDisk(requireHere.resolve('@resvg/resvg-wasm')),
    wasm: await resvgModule(),
    fontFiles: font.files,
    family: font.family,
    scale,
    svgs,
  };
  const worker = new Worker(WORKER, { eval: true, workerData });
  const m = await workerAnswer<{ pngs?: Uint8Array[]; error?: string }>(worker, {
    error: (err) => err,
    exit: (code) => new Error(`图表绘制进程意外退出（${code}）`),
  });
  if (!m.pngs) throw new Error(m.error ?? 'resvg failed');
  return m.pngs.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
}
