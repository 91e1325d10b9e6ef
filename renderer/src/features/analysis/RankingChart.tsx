/** The "赛马" chart: districts by completion, coloured by status, with the 达标 and 预警 lines. */
import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { t } from '../../i18n/index.ts';
import { STATUS_COLOUR } from './shared.tsx';

export interface RankingBar {
  name: string;
  percent: number | null;
  status: string;
  label: string;
}

export function RankingChart({ bars, okPercent, warnPercent, okLabel, warnLabel }: { bars: RankingBar[]; okPercent: number; warnPercent: number; okLabel: string; warnLabel: string }) {
  const option = useMemo<ChartOption>(() => {
    // Best at the top: echarts draws category axes bottom-up.
    const shown = [...bars].reverse();
    const max = Math.max(okPercent * 1.1, ...shown.map((b) => b.percent ?? 0));
    return {
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
    };
  }, [bars, okPercent, warnPercent, okLabel, warnLabel]);
  return (
    <Chart
      option={option}
      fileName={t('tab.completion')}
      testId="ranking-chart"
      height={Math.max(220, bars.length * 34 + 60)}
      className="ranking-chart"
      data={{ bars: JSON.stringify(bars) }}
    />
  );
}
