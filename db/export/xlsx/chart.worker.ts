/**
 * The chart-picture worker (rasterise.ts drawCharts): builds each chart's echarts option from its
 * data (charts/report.ts, the definitions the report page uses — an option carries formatter
 * functions, which cannot cross a thread boundary, so the data crosses and the option is made here),
 * draws it as SVG with echarts' server-side renderer, and rasterises the SVG to PNG with resvg. All
 * of it off the host's thread: the first drawing in a process costs about a second (loading echarts,
 * compiling resvg), which used to hold the host's event loop during the first workbook export.
 * Bundled on its own (scripts/bundle-options.mjs: workerEntries).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { districtChart, statusChart, type ChartOption } from '../../../charts/report.ts';
import type { ChartWork, ChartWorkerReply } from './rasterise.ts';

const requireHere = createRequire(import.meta.url);

function optionOf(spec: ChartWork['charts'][number]): ChartOption {
  const d = spec.draw;
  if (d.kind === 'districts') return districtChart(d.series, d.title);
  if (d.kind === 'status') return statusChart(d.counts, d.title);
  return d.option;
}

async function draw(work: ChartWork): Promise<Uint8Array[]> {
  // echarts' CommonJS build: one file (about 0.15 s to load), its ES build hundreds.
  const echarts = requireHere(work.echarts) as typeof import('echarts');
  const resvg = requireHere(work.resvg) as typeof import('@resvg/resvg-wasm');
  await resvg.initWasm(work.wasm);
  const fontBuffers = work.font.files.map((f) => fs.readFileSync(f));
  const pngs: Uint8Array[] = [];
  for (const spec of work.charts) {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.size.width, height: spec.size.height });
    let svg: string;
    try {
      chart.setOption({ ...optionOf(spec), animation: false });
      svg = chart.renderToSVGString();
    } finally {
      chart.dispose(); // an undisposed SSR chart keeps a timer alive
    }
    const r = new resvg.Resvg(svg, {
      background: '#ffffff',
      fitTo: { mode: 'zoom', value: work.scale },
      font: { fontBuffers, defaultFontFamily: work.font.family, sansSerifFamily: work.font.family },
    });
    const image = r.render();
    pngs.push(image.asPng());
    image.free();
    r.free();
  }
  return pngs;
}

if (parentPort) {
  const port = parentPort;
  draw(workerData as ChartWork).then(
    (pngs) => port.postMessage({ pngs } satisfies ChartWorkerReply, pngs.map((p) => p.buffer as ArrayBuffer)),
    (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies ChartWorkerReply),
  );
}
