/**
 * 汇总 on the hub: each indicator × year × kind, the districts' values summed by the hub in SQL
 * (numeric) beside the plan's own figure; a row whose sum differs from the plan total is marked, and
 * one indicator is drawn (districts' sum against the plan target by year) through the shared Chart.
 */
import { useMemo, useState } from 'react';
import { hubRollup, hubVersions, type HubRollupRow } from '../../../contract/hub.ts';
import { Chart, type ChartOption } from '../components/Chart.tsx';
import { formatDecimal, t, useLanguage } from '../i18n/index.ts';
import { seg } from './api.ts';
import { versionLabel } from './text.ts';
import { LoadError, useHub } from './useHub.tsx';

const isZero = (d: string) => /^-?0+(\.0+)?$/.test(d);
/** target / actual in the page's language (the workbench's words); another kind as the hub names it */
const kindName = (kind: string) => (kind === 'target' || kind === 'actual' ? t(`kind.${kind}`) : kind);
/** +12.5 / −3 / 0: the sign said, zero without one */
const signed = (d: string) => (isZero(d) ? '0' : `${d.startsWith('-') ? '' : '+'}${formatDecimal(d)}`);
/** The districts' sum and the plan total disagree (both known, their difference not zero). */
export const disagrees = (r: HubRollupRow): boolean => r.difference !== null && !isZero(r.difference);

function chartOf(rows: HubRollupRow[]): ChartOption {
  const label = (r: HubRollupRow) => `${r.year ?? r.period ?? ''} ${kindName(r.kind)}`;
  // figures for drawing only: the table shows the exact decimals
  const num = (d: string | null) => (d === null ? null : Number(d));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('hubweb.rollup.districtSum'), t('hubweb.rollup.planTotal')] },
    grid: { left: 60, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: rows.map(label) },
    yAxis: { type: 'value' },
    series: [
      { name: t('hubweb.rollup.districtSum'), type: 'bar', data: rows.map((r) => num(r.districtSum)) },
      { name: t('hubweb.rollup.planTotal'), type: 'bar', data: rows.map((r) => num(r.planTotal)) },
    ],
  };
}

export function RollupTab({ planId }: { planId: string }) {
  const [version, setVersion] = useState<number | null>(null);
  const [onlyDiff, setOnlyDiff] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [versions] = useHub(`api/plans/${seg(planId)}/versions`, hubVersions);
  const [rollup] = useHub(`api/plans/${seg(planId)}/rollup`, hubRollup, { version });
  const rows = rollup.state === 'ok' ? rollup.value.rows : [];
  const indicators = useMemo(() => [...new Map(rows.map((r) => [r.indicatorId, r.indicator])).entries()], [rows]);
  const charted = chosen !== null && indicators.some(([id]) => id === chosen) ? chosen : (rows.find(disagrees)?.indicatorId ?? indicators[0]?.[0] ?? null);
  const lang = useLanguage(); // the chart's legend and axis follow the language
  const option = useMemo(() => chartOf(rows.filter((r) => r.indicatorId === charted)), [rows, charted, lang]);
  const diffCount = rows.filter(disagrees).length;
  const shown = onlyDiff ? rows.filter(disagrees) : rows;
  return (
    <section className="card" data-testid="hub-rollup">
      <div className="hub-toolbar">
        <h2>{rollup.state === 'ok' ? t('hubweb.rollup.title', { version: rollup.value.version }) : t('hubweb.tab.rollup')}</h2>
        <label>
          {t('hubweb.rollup.version')}{' '}
          <select value={version ?? ''} onChange={(e) => setVersion(e.target.value === '' ? null : Number(e.target.value))} data-testid="hub-rollup-version">
            <option value="">{t('hubweb.rollup.latest')}</option>
            {versions.state === 'ok' ? versions.value.versions.map((v) => <option key={v.version} value={v.version}>{v.version} · {versionLabel(v)}</option>) : null}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} data-testid="hub-rollup-only-diff" /> {t('hubweb.rollup.onlyDiff')}
        </label>
        {rollup.state === 'ok' ? (
          <span className={diffCount ? 'hub-diff-count' : 'muted'} data-testid="hub-rollup-diff-count">
            {t('hubweb.rollup.diffCount', { n: diffCount })}
          </span>
        ) : null}
      </div>
      <p className="muted">{t('hubweb.rollup.hint')}</p>
      {rollup.state === 'loading' ? <p className="muted">{t('hubweb.loading')}</p> : null}
      {rollup.state === 'error' ? <LoadError error={rollup.error} /> : null}
      {rollup.state === 'ok' && rows.length === 0 ? <p>{t('hubweb.rollup.none')}</p> : null}
      {rows.length > 0 && charted !== null ? (
        <Chart
          option={option}
          title={t('hubweb.rollup.chart')}
          testId="hub-rollup-chart"
          fileName={`${t('hubweb.tab.rollup')}-${indicators.find(([id]) => id === charted)?.[1] ?? ''}`}
          height={260}
          controls={
            <select value={charted} onChange={(e) => setChosen(e.target.value)} aria-label={t('hubweb.rollup.chartOf')} data-testid="hub-rollup-chart-of">
              {indicators.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          }
        />
      ) : null}
      {shown.length > 0 ? (
        <table className="table" data-testid="hub-rollup-table">
          <thead>
            <tr>
              <th>{t('hubweb.rollup.indicator')}</th>
              <th>{t('hubweb.rollup.unit')}</th>
              <th>{t('hubweb.rollup.year')}</th>
              <th>{t('hubweb.rollup.kind')}</th>
              <th className="num">{t('hubweb.rollup.districtSum')}</th>
              <th className="num">{t('hubweb.rollup.withValue')}</th>
              <th className="num">{t('hubweb.rollup.planTotal')}</th>
              <th className="num">{t('hubweb.rollup.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={`${r.indicatorId}|${r.year ?? r.period ?? ''}|${r.kind}`} className={disagrees(r) ? 'hub-disagree' : ''} data-testid="hub-rollup-row" data-disagrees={disagrees(r) ? '1' : '0'}>
                <td>{r.indicator}</td>
                <td>{r.unit ?? ''}</td>
                <td>{r.year ?? r.period ?? ''}</td>
                <td>{kindName(r.kind)}</td>
                <td className="num">{formatDecimal(r.districtSum)}</td>
                <td className={`num${r.districtsWithValue < r.districtCount ? ' hub-missing' : ''}`}>
                  {r.districtsWithValue}/{r.districtCount}
                </td>
                <td className="num">{formatDecimal(r.planTotal)}</td>
                <td className="num hub-difference">{r.difference === null ? '' : signed(r.difference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
