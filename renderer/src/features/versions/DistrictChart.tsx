/**
 * The change per district (echarts): rows added, removed and changed, or an indicator's target change.
 * Each change counts once in each district it touches (db/versions/present.ts districtEffects); an
 * edit of a task several districts share counts in none of them and is said beneath, once.
 */
import { useMemo, useState } from 'react';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { t } from '../../i18n/index.ts';
import type { Comparison } from '../../../../contract/ops/versions.ts';

export function DistrictChart({ cmp }: { cmp: Comparison }) {
  const [mode, setMode] = useState<string>('rows');
  const districts = cmp.byDistrict;
  const option = useMemo<ChartOption>(() => {
    const names = districts.map((d) => d.name);
    if (mode === 'rows') {
      const series = (['added', 'removed', 'changed'] as const).map((k) => ({
        name: t(`ver.kind.${k}`),
        type: 'bar' as const,
        stack: 'rows',
        data: districts.map((d) => d[k]),
        color: k === 'added' ? '#70ad47' : k === 'removed' ? '#c00000' : '#e0a800',
      }));
      return { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, bottom: 70 }, xAxis: { type: 'category', data: names, axisLabel: { rotate: 40 } }, yAxis: { type: 'value', name: t('ver.chart.rowsAxis'), minInterval: 1 }, series };
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
  const shared = cmp.sharedChanges > 0 ? <p className="muted small" data-testid="ver-chart-shared">{t('ver.chart.shared', { count: cmp.sharedChanges })}</p> : null;
  if (districts.length === 0)
    return (
      <>
        <p className="muted" data-testid="ver-chart-empty">{t('ver.chart.noDistricts')}</p>
        {shared}
      </>
    );
  return (
    <>
    <Chart
      option={option}
      title={t(mode === 'rows' ? 'ver.chart.titleCounted' : 'ver.chart.title')}
      fileName={t('ver.chart.title')}
      testId="ver-chart"
      height={300}
      className="card ver-chart"
      controls={
        <select value={mode} onChange={(e) => setMode(e.target.value)} data-testid="ver-chart-mode">
          <option value="rows">{t('ver.chart.rows')}</option>
          {cmp.indicators.map((i) => (
            <option key={i.id} value={i.id}>
              {t('ver.chart.delta', { indicator: i.name, unit: i.unit ?? '' })}
            </option>
          ))}
        </select>
      }
    />
    {mode === 'rows' ? shared : null}
    </>
  );
}
