/**
 * The exported workbook's chart pictures, made by the core itself so that every export (workbench,
 * desktop menu, `plandesk export`) carries the same pictures, with no window or browser: echarts'
 * server-side SVG renderer draws the report's charts (charts/report.ts, the same definitions the
 * report page uses), and resvg (WebAssembly, so nothing native to build) rasterises the SVG to PNG
 * in a worker thread (rasterise.ts) with the machine's own CJK font (chart-fonts.ts).
 */
import { createRequire } from 'node:module';
import type { StoreContext } from '../../context.ts';
import { PlanDeskError } from '../../errors.ts';
import { getPlanOverview } from '../../plans/handlers.ts';
import { districtChart, districtSeries, statusChart, type ChartOption } from '../../../charts/report.ts';
import { taskQueries } from '../../tasks/queries.ts';
import { TASK_STATUSES } from '../../../domain/tasks.ts';
import { findCjkFont } from './chart-fonts.ts';
import { rasterise, type RasterFont } from './rasterise.ts';

export interface ChartImage {
  title: string;
  /** drawn at twice the size it is shown at */
  png: Buffer;
  /** the size to show it at, in pixels */
  size: ChartSize;
}

/** Pixels of the drawn chart; the PNG is drawn at twice this for sharp printing. */
export interface ChartSize {
  width: number;
  height: number;
}

const SCALE = 2;

// Loaded on first use, so that opening a plan never pays for it, and through require: echarts'
// CommonJS build is one file (about 0.15 s to load), its ES build hundreds (about 1 s, 2 s under tsx).
const requireHere = createRequire(import.meta.url);

/** The chart as SVG text, drawn by echarts without a DOM. */
export function chartSvg(option: ChartOption, size: ChartSize): string {
  const echarts = requireHere('echarts') as typeof import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose(); // an undisposed SSR chart keeps a timer alive and the process with it
  }
}

/** The machine's CJK font, or a refusal that says what to install. */
export function chartFont(): RasterFont {
  const found = findCjkFont();
  if (!found) {
    throw new PlanDeskError('FILE_NOT_FOUND', '本机未找到中文字体（如微软雅黑、苹方、Noto Sans CJK、文泉驿），无法绘制图表图片。安装中文字体后重新导出即可。');
  }
  return found;
}

/** Charts as PNGs on white, at twice their size. */
export function chartPngs(charts: readonly { option: ChartOption; size: ChartSize }[], font: RasterFont = chartFont()): Promise<Buffer[]> {
  return rasterise(charts.map((c) => chartSvg(c.option, c.size)), font, SCALE);
}

export async function chartPng(option: ChartOption, size: ChartSize): Promise<Buffer> {
  const [png] = await chartPngs([{ option, size }]);
  return png!;
}

export const CHART_TITLES = {
  targets: (year: number, unit: string | null) => `各区县 ${year} 年目标（${unit ?? ''}）`,
  status: '任务状态分布',
} as const;

/**
 * The plan's charts, as in the printed report: district targets in the latest year with values
 * (when the plan has district targets) and tasks by status (when it has tasks).
 */
export async function planChartImages(ctx: StoreContext, planId: string): Promise<ChartImage[]> {
  const plan = getPlanOverview(ctx, planId);
  const charts: { title: string; option: ChartOption; size: ChartSize }[] = [];
  const series = districtSeries(plan);
  if (series) {
    const title = CHART_TITLES.targets(series.year, series.unit);
    charts.push({ title, option: districtChart(series, title), size: { width: 900, height: 420 } });
  }
  if (plan.taskCount > 0) {
    const found = new Map(taskQueries(ctx.db).statusCounts.all(planId).map((r) => [r.status, r.n]));
    const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, found.get(s) ?? 0])); // every status in the legend
    charts.push({ title: CHART_TITLES.status, option: statusChart(counts, CHART_TITLES.status), size: { width: 640, height: 420 } });
  }
  if (!charts.length) return [];
  const pngs = await chartPngs(charts);
  return charts.map((c, i) => ({ title: c.title, png: pngs[i]!, size: c.size }));
}
