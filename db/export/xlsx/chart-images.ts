/**
 * The exported workbook's chart pictures, made by the core itself so that every export (workbench,
 * desktop menu, `plandesk export`) carries the same pictures, with no window or browser: in a worker
 * thread (rasterise.ts, chart.worker.ts), echarts' server-side SVG renderer draws the report's charts
 * (charts/report.ts, the same definitions the report page uses) and resvg (WebAssembly, so nothing
 * native to build) rasterises the SVG to PNG with the machine's own CJK font (chart-fonts.ts).
 * Nothing of the drawing runs on the host's thread.
 */
import type { StoreContext } from '../../context.ts';
import { PlanDeskError } from '../../errors.ts';
import { getPlanOverview } from '../../plans/handlers.ts';
import { districtSeries, type ChartOption } from '../../../charts/report.ts';
import { taskQueries } from '../../tasks/queries.ts';
import { TASK_STATUSES } from '../../../domain/tasks.ts';
import { findCjkFont } from './chart-fonts.ts';
import { drawCharts, type ChartDraw, type ChartSize, type RasterFont } from './rasterise.ts';

export type { ChartSize } from './rasterise.ts';

export interface ChartImage {
  title: string;
  /** drawn at twice the size it is shown at */
  png: Buffer;
  /** the size to show it at, in pixels */
  size: ChartSize;
}

const SCALE = 2;

/** The machine's CJK font, or a refusal that says what to install. */
export function chartFont(): RasterFont {
  const found = findCjkFont();
  if (!found) {
    throw new PlanDeskError('FILE_NOT_FOUND', '本机未找到中文字体（如微软雅黑、苹方、Noto Sans CJK、文泉驿），无法绘制图表图片。安装中文字体后重新导出即可。');
  }
  return found;
}

/** Charts as PNGs on white, at twice their size. */
export function chartPngs(charts: readonly { draw: ChartDraw; size: ChartSize }[], font: RasterFont = chartFont()): Promise<Buffer[]> {
  return drawCharts(charts, font, SCALE);
}

/** One chart from a plain option (no functions in it). */
export async function chartPng(option: ChartOption, size: ChartSize): Promise<Buffer> {
  const [png] = await chartPngs([{ draw: { kind: 'option', option }, size }]);
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
  const charts: { title: string; draw: ChartDraw; size: ChartSize }[] = [];
  const series = districtSeries(plan);
  if (series) {
    const title = CHART_TITLES.targets(series.year, series.unit);
    charts.push({ title, draw: { kind: 'districts', series, title }, size: { width: 900, height: 420 } });
  }
  if (plan.taskCount > 0) {
    const found = new Map(taskQueries(ctx.db).statusCounts.all(planId).map((r) => [r.status, r.n]));
    const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, found.get(s) ?? 0])); // every status in the legend
    charts.push({ title: CHART_TITLES.status, draw: { kind: 'status', counts, title: CHART_TITLES.status }, size: { width: 640, height: 420 } });
  }
  if (!charts.length) return [];
  const pngs = await chartPngs(charts);
  return charts.map((c, i) => ({ title: c.title, png: pngs[i]!, size: c.size }));
}
