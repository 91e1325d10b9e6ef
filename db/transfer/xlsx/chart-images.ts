/**
 * The exported workbook's chart pictures, made by the core itself so that every export (workbench,
 * desktop menu, `plandesk export`) carries the same pictures, with no window or browser: echarts'
 * server-side SVG renderer draws the report's charts (charts/report.ts, the same definitions the
 * report page uses), and resvg rasterises the SVG to PNG with the machine's own CJK fonts.
 */
import { createRequire } from 'node:module';
import type { StoreContext } from '../../context.ts';
import { getPlanOverview } from '../../plans/handlers.ts';
import { taskStats } from '../../tasks/edits.ts';
import { districtChart, districtSeries, statusChart, type ChartOption } from '../../../charts/report.ts';

export interface ChartImage {
  title: string;
  png: Buffer;
}

/** Pixels of the drawn chart; the PNG is drawn at twice this for sharp printing. */
export interface ChartSize {
  width: number;
  height: number;
}

const SCALE = 2;

// Loaded on first use, so that opening a plan never pays for them, and through require: echarts'
// CommonJS build is one file (about 0.15 s to load), its ES build hundreds (about 1 s, 2 s under tsx).
const requireHere = createRequire(import.meta.url);
const loadEcharts = () => requireHere('echarts') as typeof import('echarts');
const loadResvg = () => requireHere('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

/** The chart as SVG text, drawn by echarts without a DOM. */
export function chartSvg(option: ChartOption, size: ChartSize): string {
  const echarts = loadEcharts();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose(); // an undisposed SSR chart keeps a timer alive and the process with it
  }
}

/** The chart as a PNG on white, at twice its size. */
export function chartPng(option: ChartOption, size: ChartSize): Buffer {
  const { Resvg } = loadResvg();
  const resvg = new Resvg(chartSvg(option, size), {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
  });
  return Buffer.from(resvg.render().asPng());
}

export const CHART_TITLES = {
  targets: (year: number, unit: string | null) => `各区县 ${year} 年目标（${unit ?? ''}）`,
  status: '任务状态分布',
} as const;

/**
 * The plan's charts, as in the printed report: district targets in the latest year with values
 * (when the plan has district targets) and tasks by status (when it has tasks).
 */
export function planChartImages(ctx: StoreContext, planId: string): ChartImage[] {
  const plan = getPlanOverview(ctx, planId);
  const out: ChartImage[] = [];
  const series = districtSeries(plan);
  if (series) {
    const title = CHART_TITLES.targets(series.year, series.unit);
    out.push({ title, png: chartPng(districtChart(series, title), { width: 900, height: 420 }) });
  }
  if (plan.taskCount > 0) {
    const counts = Object.fromEntries(taskStats(ctx, planId).byStatus.map((s) => [s.status, s.count]));
    out.push({ title: CHART_TITLES.status, png: chartPng(statusChart(counts, CHART_TITLES.status), { width: 640, height: 420 }) });
  }
  return out;
}
