/** The "赛马" chart: districts by completion, coloured by status, with the 达标 and 预警 lines. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import { STATUS_COLOUR } from './shared.tsx';

export interface RankingBar {
  name: string;
  percent: number | null;
  status: string;
  label: string;
}

export function RankingChart({ bars, okPercent, warnPercent, okLabel, warnLabel }: { bars: RankingBar[]; okPercent: number; warnPercent: number; okLabel: string; warnLabel: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // Best at the top: echarts draws category axes bottom-up.
    const shown = [...bars].reverse();
    const max = Math.max(okPercent * 1.1, ...shown.map((b) => b.percent ?? 0));
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 90, top: 24, bottom: 8, containLabel: true },
        xAxis: { type: 'value', max: Math.ceil(max / 10) * 10, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', data: shown.map((b) => b.name) },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        series: [
          {
            type: 'bar',
            barMaxWidth: 22,
            data: shown.map((b) => ({ value: b.percent ?? 0, itemStyle: { color: STATUS_COLOUR[b.status] ?? '#9aa5b1' } })),
            label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => shown[p.dataIndex]?.label ?? '' },
            markLine: {
              symbol: 'none',
              label: { position: 'end', formatter: '{b}' },
              data: [
                { name: okLabel, xAxis: okPercent, lineStyle: { color: STATUS_COLOUR['达标'], type: 'dashed' } },
                { name: warnLabel, xAxis: warnPercent, lineStyle: { color: STATUS_COLOUR['预警'], type: 'dashed' } },
              ],
            },
          },
        ],
      },
      { notMerge: true },
    );
    if (el.current) el.current.dataset.bars = JSON.stringify(bars);
  }, [bars, okPercent, warnPercent, okLabel, warnLabel]);
  return <div ref={el} style={{ height: Math.max(220, bars.length * 34 + 60) }} data-testid="ranking-chart" />;
}
