/** 区县目标: one indicator's districts × years, with totals against the plan's stated total, and its charts. */
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import type { TargetMatrix } from '../../../../contract/ops/targets.ts';
import type { PlanOverview } from '../../../../contract/entities.ts';
import { appliedTargets, parseFocus } from './data.ts';
import { useChanges } from '../../api/changes.ts';
import { afterNextFrame } from '../../api/frame.ts';
import { HistoryBar } from './HistoryBar.tsx';
import { MatrixGrid, type MatrixRow } from './MatrixGrid.tsx';
import { ExportGridButtons, gridTable } from '../transfer/ExportGridButtons.tsx';
import type { GridApi } from 'ag-grid-community';
import { Chart } from '../../components/Chart.tsx';
import { districtBars, trajectoryLines } from './charts.ts';
import { IndicatorSelect } from '../../components/IndicatorSelect.tsx';
import { Pending } from '../../components/Pending.tsx';

/** `value`, updated `ms` after it last changed (at once the first time it is set). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (settled === null || settled === undefined) {
      setSettled(value);
      return;
    }
    const h = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(h);
  }, [value, ms]);
  return settled;
}

export function TargetsTab({ planId, focus }: PlanTabProps) {
  // The indicator list: fetched again only when indicators, districts or the plan change (not on a cell edit).
  const overview = useQuery('plans.get', { planId }, ['plans', 'indicators', 'districts']);
  const f = useMemo(() => parseFocus(focus), [focus]);
  const [indicatorId, setIndicatorId] = useState<string | null>(f.get('indicator'));
  const [kind, setKind] = useState<'target' | 'actual'>(f.get('kind') === 'actual' ? 'actual' : 'target');
  const [matrix, setMatrixState] = useState<TargetMatrix | null>(null);
  // The matrix as last set, so change sets arriving before the next render apply on top of each other.
  const matrixRef = useRef<TargetMatrix | null>(null);
  const setMatrix = useCallback((m: TargetMatrix) => {
    matrixRef.current = m;
    setMatrixState(m);
  }, []);
  const [year, setYear] = useState<number | null>(null);
  const [matrixApi, setMatrixApi] = useState<GridApi<MatrixRow> | null>(null);
  const [shown, setShown] = useState<string[] | null>(null);
  // The charts are drawn after the grid's first rows are on screen, so opening the tab paints the rows first.
  const [rowsPainted, setRowsPainted] = useState(false);
  const onFirstRows = useCallback(() => requestAnimationFrame(() => setTimeout(() => setRowsPainted(true), 0)), []);

  useEffect(() => {
    setIndicatorId(f.get('indicator') ?? null);
    if (f.get('kind')) setKind(f.get('kind') === 'actual' ? 'actual' : 'target');
  }, [f]);

  // Default: the first indicator that has district targets.
  const indicators = overview.data?.indicators ?? [];
  const withDistricts = new Set((overview.data?.districts ?? []).flatMap((d) => d.targets.map((x) => x.indicatorId)));
  const chosen = indicatorId ?? indicators.find((i) => withDistricts.has(i.id))?.id ?? indicators[0]?.id ?? null;

  const loadMatrix = useCallback(() => {
    if (!chosen) return;
    call('targets.matrix', { indicatorId: chosen, scope: 'district', kind }).then(setMatrix).catch(notifyError);
  }, [chosen, kind, setMatrix]);
  useEffect(loadMatrix, [loadMatrix]);
  // An edit's answer (here, an undo, a breakdown, an import…) is applied in place: the cells and the
  // totals row follow without fetching the matrix again. Only what cannot be applied is fetched.
  useChanges(['targets', 'indicators', 'districts'], (c) => {
    const matrix = matrixRef.current;
    if (!matrix) return;
    const structural = c.everything || c.districts !== undefined || (c.indicators?.changed.includes(matrix.indicator.id) ?? false);
    const update = structural ? ({ kind: 'refetch' } as const) : c.targets ? appliedTargets(matrix, c.targets) : ({ kind: 'untouched' } as const);
    // The grid shows the answer by itself (MatrixGrid's write, from matrixRef): the tab's own render — toolbar,
    // exports, the charts' input — waits until the frame that shows it is drawn (and renders the latest matrix once).
    if (update.kind === 'applied') {
      matrixRef.current = update.matrix;
      afterNextFrame(() => {
        if (matrixRef.current === update.matrix) startTransition(() => setMatrixState(update.matrix));
      });
    } else if (update.kind === 'refetch') loadMatrix();
  });

  const chartYear = matrix ? (year !== null && matrix.years.includes(year) ? year : (matrix.indicator.targetYear ?? matrix.years.at(-1) ?? null)) : null;
  const focusCell = useMemo(() => {
    const row = f.get('row');
    const y = Number(f.get('year'));
    return row && row.startsWith('district:') && y ? { rowId: row.slice('district:'.length), year: y } : null;
  }, [f]);
  // The charts follow the matrix a moment after the last change: an edit's row and totals are drawn first,
  // and a burst of edits redraws (and re-animates) the charts once.
  const chartMatrix = useSettled(matrix, 250);
  const visible = useMemo(() => {
    const matrix = chartMatrix;
    if (!matrix) return [];
    if (!shown) return matrix.rows;
    const ids = new Set(shown);
    return matrix.rows.filter((r) => ids.has(r.scopeId));
  }, [chartMatrix, shown]);
  // The charts' options change only with what they draw (a new object redraws and re-animates the chart).
  const barsOption = useMemo(() => (chartMatrix ? districtBars(chartMatrix, visible, chartYear) : null), [chartMatrix, visible, chartYear]);
  const linesOption = useMemo(() => (chartMatrix ? trajectoryLines(chartMatrix, visible) : null), [chartMatrix, visible]);

  if (!overview.data) return <Pending query={overview} />;
  if (indicators.length === 0) return <p className="muted">{t('wb.noIndicators')}</p>;
  const exportTitle = matrix
    ? `${overview.data.plan.title} ${matrix.indicator.name}${matrix.indicator.unit ? `（${matrix.indicator.unit}）` : ''} ${t(kind === 'target' ? 'wb.kind.target' : 'wb.kind.actual')}`
    : '';
  return (
    <div className="workbench">
      <div className="toolbar">
        <IndicatorSelect indicators={indicators} value={chosen} onChange={setIndicatorId} testId="indicator-select" />
        <span className="segmented" role="group" aria-label={t('wb.kind')}>
          {(['target', 'actual'] as const).map((k) => (
            <button key={k} type="button" className={kind === k ? 'active' : ''} onClick={() => setKind(k)} data-testid={`kind-${k}`}>
              {t(k === 'target' ? 'wb.kind.target' : 'wb.kind.actual')}
            </button>
          ))}
        </span>
        {matrix && (
          <label>
            {t('wb.chart.year')}{' '}
            <select value={chartYear ?? ''} onChange={(e) => setYear(Number(e.target.value))} data-testid="chart-year">
              {matrix.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="spacer" />
        {matrix && <ExportGridButtons title={exportTitle} collect={() => (matrixApi ? gridTable(matrixApi) : null)} testId="targets-export" />}
        <HistoryBar planId={planId} />
      </div>
      <p className="muted small hint">{t('wb.hint.keys')}</p>
      {matrix && matrix.rows.length === 0 && <p className="muted">{t('wb.noDistricts')}</p>}
      {matrix && matrix.rows.length > 0 && (
        <>
          <MatrixGrid matrix={matrix} latest={matrixRef} testId="targets-grid" focus={focusCell} onRowsShown={setShown} onApi={setMatrixApi} onFirstRows={onFirstRows} areas={areasOnly(overview.data, matrix)} />
          {rowsPainted && <div className="chart-row">
            <Chart
              title={t(areasOnly(overview.data, matrix) ? 'author.chart.areaBars' : 'wb.chart.districtBars', { year: chartYear ?? '', name: matrix.indicator.name })}
              option={barsOption ?? {}}
              fileName={`${matrix.indicator.name}-${chartYear ?? ''}`}
              testId="chart-district-bars"
            />
            <Chart
              title={t(areasOnly(overview.data, matrix) ? 'author.chart.areaTrajectory' : 'wb.chart.trajectory', { name: matrix.indicator.name, kind: t(kind === 'target' ? 'wb.kind.target' : 'wb.kind.actual') })}
              option={linesOption ?? {}}
              fileName={`${matrix.indicator.name}-trajectory`}
              testId="chart-trajectory"
            />
          </div>}
        </>
      )}
    </div>
  );
}

/** Every row of the matrix is a 片区 (26号's split by area, or areas chosen for the plan): the grid says 片区 (s8-auth14). */
function areasOnly(overview: PlanOverview | undefined, matrix: TargetMatrix): boolean {
  if (!overview || matrix.rows.length === 0) return false;
  const areas = new Set([...overview.areas.map((a) => a.id), ...overview.districts.filter((d) => d.kind === 'area').map((d) => d.id)]);
  return matrix.rows.every((r) => areas.has(r.scopeId));
}
