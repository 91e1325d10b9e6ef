/**
 * Chart pictures in a worker thread (chart.worker.ts): echarts draws each chart as SVG and resvg
 * (WebAssembly) rasterises it to PNG, both off the thread that serves the UI (the first drawing in a
 * process costs about a second: loading echarts, compiling resvg) and, during an export, beside the
 * streaming of the task ledger. The worker ends after each batch, which also returns the memory the
 * fonts and the pixels took.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { ChartOption, DistrictSeries } from '../../../charts/report.ts';
import type { TaskStatus } from '../../../contract/entities.ts';
import { onDisk, startWorker, workerAnswer } from '../../workers.ts';

export interface RasterFont {
  /** the family the SVG's text falls back to */
  family: string;
  files: string[];
}

/** Pixels of the drawn chart; the PNG is drawn at `scale` times this. */
export interface ChartSize {
  width: number;
  height: number;
}

/**
 * What a chart is drawn from: the report's charts by their data (their options carry functions,
 * made in the worker), or a plain option (no functions) as it is.
 */
export type ChartDraw =
  | { kind: 'districts'; series: DistrictSeries; title: string }
  | { kind: 'status'; counts: Partial<Record<TaskStatus, number>>; title: string }
  | { kind: 'option'; option: ChartOption };

/** The worker's input. */
export interface ChartWork {
  charts: { draw: ChartDraw; size: ChartSize }[];
  font: RasterFont;
  scale: number;
  echarts: string;
  resvg: string;
  wasm: WebAssembly.Module;
}

export type ChartWorkerReply = { pngs: Uint8Array[]; error?: undefined } | { error: string; pngs?: undefined };

const requireHere = createRequire(import.meta.url);

// Compiled once per process and shared with every worker: V8 shares the compiled (and optimised)
// code between threads, so only the first drawing pays for compiling resvg.
let compiled: Promise<WebAssembly.Module> | null = null;
const resvgModule = () => (compiled ??= WebAssembly.compile(fs.readFileSync(onDisk(requireHere.resolve('@resvg/resvg-wasm/index_bg.wasm')))));

/** Draws each chart as a PNG at `scale` times its size, on white, with the given font. */
export async function drawCharts(charts: readonly { draw: ChartDraw; size: ChartSize }[], font: RasterFont, scale: number): Promise<Buffer[]> {
  if (!charts.length) return [];
  const work: ChartWork = {
    charts: [...charts],
    font,
    scale,
    // Resolved here: inside a packaged app the worker loads them from the unpacked copies.
    echarts: onDisk(requireHere.resolve('echarts')),
    resvg: onDisk(requireHere.resolve('@resvg/resvg-wasm')),
    wasm: await resvgModule(),
  };
  const worker = startWorker(new URL('./chart.worker.ts', import.meta.url), { workerData: work });
  const m = await workerAnswer<ChartWorkerReply>(worker, {
    error: (err) => err,
    exit: (code) => new Error(`图表绘制进程意外退出（${code}）`),
  });
  if (!m.pngs) throw new Error(m.error);
  return m.pngs.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
}
