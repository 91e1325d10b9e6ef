/** The change per district (echarts): rows added, removed and changed, or an indicator's target change. */
import { useEffect, useMemo, useRef, useState } from 'react';
import * as echarts from 'echarts';
import { t } from '../../i18n/index.ts';
import type { Comparison } from '../../../../contract/ops/versions.ts';

export function DistrictChart({ cmp }: { cmp: Comparison }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [mode, setMode] = useState<string>('rows');
  const districts = cmp.byDistrict;
  const option = useMemo<echarts.EChartsOption>(() => {
    const names = districts.map((d) => d.name);
    if (mode === 'rows') {
      const series = (['added', 'removed', 'changed'] as const).map((k) => ({
        name: t(`ver.kind.${k}`),
        type: 'bar' as const,
        stack: 'rows',
        data: districts.map((d) => d[k]),
        color: k === 'added' ? '#70ad47' : k === 'removed' ? '#c00000' : '#e0a800',
      }));
      return { tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 50, right: 20, bottom: 70 }, xAxis: { type: 'category', data: names, axisLabel: { rotate: 40 } }, yAxis: { type: 'value', name: t('ver.chart.rows'), minInterval: 1 }, series };
    }
    const data = districts.map((d) => Number(d.deltas.find((x) => x.indicatorId === mode)?.delta ?? 0));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 20, bottom: 70 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 40 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data, itemStyle: { color: (p: { value: unknown }) => (Number(p.value) < 0 ? '#c00000' : '#2f75b5') } }],
    };
  }, [districts, mode]);
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
  }, [districts.length === 0]);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
    if (el.current) el.current.dataset.option = JSON.stringify(option.series ?? []).slice(0, 20_000);
  }, [option]);
  if (districts.length === 0) return <p className="muted" data-testid="ver-chart-empty">{t('ver.chart.noDistricts')}</p>;
  return (
    <figure className="card ver-chart">
      <figcaption>
        <span>{t('ver.chart.title')}</span>{' '}
        <select value={mode} onChange={(e) => setMode(e.target.value)} data-testid="ver-chart-mode">
          <option value="rows">{t('ver.chart.rows')}</option>
          {cmp.indicators.map((i) => (
            <option key={i.id} value={i.id}>
              {t('ver.chart.delta', { indicator: i.name, unit: i.unit ?? '' })}
            </option>
          ))}
        </select>
      </figcaption>
      <div ref={el} style={{ height: 300 }} data-testid="ver-chart" />
    </figure>
  );
}
