/**
 * The report's charts as echarts options: one definition for the report page and the printed PDF
 * (rendered in the page by the renderer) and for the pictures in the exported workbook (rendered
 * off screen by the core, db/export/xlsx/chart-images.ts). Pure: data in, option out; no DOM,
 * no Node, no React.
 */
import type { EChartsOption } from 'echarts';
import type { PlanDistrict, PlanOverview, TaskStatus } from '../contract/entities.ts';

export type ChartOption = EChartsOption;

/**
 * CJK fonts in the order they are found on planners' machines. Single quotes only: echarts' SVG
 * renderer writes the family into a double-quoted style attribute without escaping it.
 */
export const CHART_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";
const FONT = CHART_FONT;

export interface DistrictSeries {
  indicatorId: string;
  indicatorName: string;
  unit: string | null;
  year: number;
  rows: { name: string; value: number }[];
}

/** The first indicator with district targets, in its latest year with values: what the report ranks by. */
export function districtSeries(plan: PlanOverview): DistrictSeries | null {
  for (const ind of plan.indicators) {
    const years = new Set<number>();
    for (const d of plan.districts) for (const t of d.targets) if (t.indicatorId === ind.id && t.kind === 'target' && t.period === '' && t.value !== null) years.add(t.year);
    if (!years.size) continue;
    const year = Math.max(...years);
    const value = (d: PlanDistrict) => d.targets.find((t) => t.indicatorId === ind.id && t.kind === 'target' && t.period === '' && t.year === year)?.value;
    const rows = plan.districts.map((d) => ({ name: d.name, value: Number(value(d) ?? NaN) })).filter((r) => Number.isFinite(r.value));
    rows.sort((a, b) => b.value - a.value);
    return { indicatorId: ind.id, indicatorName: ind.name, unit: ind.unit, year, rows };
  }
  return null;
}

/** Figures as planners write them: thousands separators, no trailing zeros. */
const figure = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('zh-CN', { maximumFractionDigits: 4 }) : String(v ?? ''));

export function districtChart(s: DistrictSeries, title: string): ChartOption {
  // Names turn as districts crowd in; figures on the bars only while they fit.
  const n = s.rows.length;
  const rotate = n <= 8 ? 0 : n <= 16 ? 30 : 60;
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 60, right: 20, top: 40, bottom: rotate === 0 ? 40 : rotate === 30 ? 60 : 80 },
    xAxis: { type: 'category', data: s.rows.map((r) => r.name), axisLabel: { interval: 0, rotate } },
    yAxis: { type: 'value', name: s.unit ?? '' },
    series: [{ type: 'bar', data: s.rows.map((r) => r.value), itemStyle: { color: '#2f6fb5' }, label: { show: n <= 16, position: 'top', formatter: (p) => figure(p.value) } }],
  };
}

/** `label` names a status in the reader's language (the page passes the catalogue's; the workbook keeps the stored words). */
export function statusChart(counts: Partial<Record<TaskStatus, number>>, title: string, label: (s: string) => string = (s) => s, separator = '：'): ChartOption {
  const colors: Record<string, string> = { 未开始: '#9aa5b1', 进行中: '#2f6fb5', 已完成: '#3a9a5b', 滞后: '#d0453a' } satisfies Record<TaskStatus, string>;
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        label: { formatter: `{b}${separator}{c}` },
        // Every status stays in the legend; a status with no tasks draws no slice and no label.
        data: Object.entries(counts).map(([name, value]) => ({
          name: label(name),
          value,
          itemStyle: { color: colors[name] ?? '#888' },
          label: { show: value > 0 },
          labelLine: { show: value > 0 },
        })),
      },
    ],
  };
}
