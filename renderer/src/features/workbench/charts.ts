/** echarts options built from the same data the grids show (numbers come as exact decimal strings). */
import { formatDecimal, t } from '../../i18n/index.ts';
import type { TargetMatrix } from '../../../../contract/ops/targets.ts';
import type { TaskStats } from '../../../../contract/ops/tasks.ts';
import type { ChartOption } from '../../components/Chart.tsx';
import type { MessageKey } from '../../i18n/catalogue.ts';
import { TASK_STATUSES, type TaskStatus } from '../../../../domain/tasks.ts';

const num = (v: string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const PALETTE = ['#1b5fa8', '#b8272c', '#2e7d32', '#c77700', '#6a4c93', '#00838f', '#8d6e63', '#d81b60', '#546e7a', '#7cb342'];
const STATUS_COLORS = { 未开始: '#9aa5b1', 进行中: '#1b5fa8', 已完成: '#2e7d32', 滞后: '#b8272c' } satisfies Record<TaskStatus, string>;
const STATUS_KEYS = { 未开始: 'wb.status.notStarted', 进行中: 'wb.status.inProgress', 已完成: 'wb.status.done', 滞后: 'wb.status.late' } satisfies Record<TaskStatus, MessageKey>;
export const statusLabel = (s: TaskStatus) => t(STATUS_KEYS[s]);

const valueAxis = (unit: string | null): ChartOption['yAxis'] => ({
  type: 'value',
  name: unit ?? '',
  axisLabel: { formatter: (v: number) => formatDecimal(String(v)) },
});

const grid = { left: 64, right: 24, top: 48, bottom: 64, containLabel: false };

export function districtBars(m: TargetMatrix, rows: TargetMatrix['rows'], year: number | null): ChartOption {
  const i = year === null ? -1 : m.years.indexOf(year);
  const hasActual = rows.some((r) => r.actual[i] !== null && r.actual[i] !== undefined);
  const label = { show: true, position: 'top' as const, formatter: (p: { value: unknown }) => (p.value === null ? '' : formatDecimal(String(p.value))), fontSize: 11 };
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 8 },
    grid,
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
    yAxis: valueAxis(m.indicator.unit),
    series: [
      { name: t('wb.kind.target'), type: 'bar', data: rows.map((r) => num(r.target[i])), label },
      ...(hasActual ? [{ name: t('wb.kind.actual'), type: 'bar' as const, data: rows.map((r) => num(r.actual[i])), label }] : []),
    ],
  };
}

export function trajectoryLines(m: TargetMatrix, rows: TargetMatrix['rows']): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 4, type: 'scroll' },
    grid: { ...grid, top: 64 },
    xAxis: { type: 'category', data: m.years.map(String) },
    yAxis: valueAxis(m.indicator.unit),
    series: rows.map((r) => ({
      name: r.name,
      type: 'line' as const,
      connectNulls: true,
      symbolSize: 7,
      data: (m.kind === 'target' ? r.target : r.actual).map(num),
    })),
  };
}

export function clusterShare(m: TargetMatrix, year: number | null): ChartOption {
  const i = year === null ? -1 : m.years.indexOf(year);
  const data = m.rows.filter((r) => r.target[i] !== null && r.target[i] !== undefined).map((r) => ({ name: r.name, value: Number(r.target[i]) }));
  return {
    color: PALETTE,
    tooltip: { formatter: (p: unknown) => { const x = p as { name: string; value: number; percent: number }; return `${x.name}<br/>${formatDecimal(String(x.value))} ${m.indicator.unit ?? ''}（${x.percent}%）`; } },
    series: [{ type: 'pie', radius: ['35%', '68%'], center: ['50%', '54%'], data, label: { formatter: '{b}\n{d}%', fontSize: 11 } }],
  };
}

export function clusterBars(m: TargetMatrix, year: number | null): ChartOption {
  const i = year === null ? -1 : m.years.indexOf(year);
  const stated = num(m.totals.stated[i]);
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    grid: { ...grid, bottom: 96 },
    xAxis: { type: 'category', data: m.rows.map((r) => r.name), axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
    yAxis: valueAxis(m.indicator.unit),
    series: [
      {
        name: t('wb.kind.target'),
        type: 'bar',
        data: m.rows.map((r) => num(r.target[i])),
        label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: unknown }) => (p.value === null ? '' : formatDecimal(String(p.value))) },
      },
    ],
    ...(stated !== null ? { title: { text: t('wb.chart.statedTotal', { value: formatDecimal(String(stated)), unit: m.indicator.unit ?? '' }), right: 16, top: 4, textStyle: { fontSize: 12, fontWeight: 'normal' } } } : {}),
  };
}

export function statusByLead(stats: TaskStats, limit = 20): ChartOption {
  const leads = stats.byLead.slice(0, limit);
  return {
    color: TASK_STATUSES.map((s) => STATUS_COLORS[s]),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 8 },
    grid: { left: 150, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: leads.map((l) => l.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: TASK_STATUSES.map((s) => ({
      name: statusLabel(s),
      type: 'bar' as const,
      stack: 'status',
      itemStyle: { color: STATUS_COLORS[s] },
      data: leads.map((l) => l.counts.find((c) => c.status === s)?.count ?? 0),
    })),
  };
}

export function deadlinesByMonth(stats: TaskStats): ChartOption {
  return {
    color: ['#1b5fa8'],
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 32, bottom: 56 },
    xAxis: { type: 'category', data: stats.byMonth.map((m) => m.month), axisLabel: { rotate: stats.byMonth.length > 12 ? 45 : 0 } },
    yAxis: { type: 'value', minInterval: 1, name: t('wb.chart.taskCount') },
    ...(stats.byMonth.length > 36 ? { dataZoom: [{ type: 'slider', bottom: 4, height: 16 }] } : {}),
    series: [{ name: t('wb.chart.deadlines'), type: 'bar', data: stats.byMonth.map((m) => m.count) }],
  };
}
