/** 产业集群: each cluster's target for a year, its share of the plan's total, note and source; share and bar charts. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, ITooltipParams } from 'ag-grid-community';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { notifyError } from '../../notify.tsx';
import { formatDecimal, t } from '../../i18n/index.ts';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import type { TargetMatrix } from '../../../../contract/ops/targets.ts';
import type { Cluster } from '../../../../contract/entities.ts';
import { parseFocus } from './data.ts';
import { useChanges } from '../../api/changes.ts';
import { applyTargetChanges } from '../../../../domain/target-matrix.ts';
import { HistoryBar } from './HistoryBar.tsx';
import { ExportGridButtons, gridTable } from '../transfer/ExportGridButtons.tsx';
import { Chart } from '../../components/Chart.tsx';
import { clusterBars, clusterShare } from './charts.ts';
import { useSheet } from './sheet.ts';
import { SheetFrame } from './SheetFrame.tsx';
import { formatPercent, formatSigned } from './format.ts';
import { IndicatorSelect } from '../../components/IndicatorSelect.tsx';
import { sharePercent } from '../../../../domain/rollups.ts';
import { ValueCellEditor, type ValueCellEditorParams } from './ValueEditor.tsx';
import { RowActions, uniqueName, useFocusNewRow, type RowActionHandlers } from './RowActions.tsx';
import { Pending } from '../../components/Pending.tsx';

interface ClusterGridRow {
  id: string;
  kind: 'row' | 'sum' | 'stated' | 'difference';
  name: string;
  year: number | null;
  targetValue: string | null;
  /** share of the plan's stated total (of the clusters' sum where the plan states none) */
  share: string | null;
  /** share of the clusters' sum: what the donut shows */
  sumShare: string | null;
  note: string | null;
  source: string | null;
}

const EDITABLE = new Set(['name', 'targetValue', 'note', 'source']);

export function ClustersTab({ planId, focus }: PlanTabProps) {
  const overview = useQuery('plans.get', { planId }, ['plans', 'indicators', 'clusters']);
  const f = useMemo(() => parseFocus(focus), [focus]);
  const [indicatorId, setIndicatorId] = useState<string | null>(f.get('indicator'));
  const [year, setYear] = useState<number | null>(null);
  const [matrix, setMatrix] = useState<TargetMatrix | null>(null);
  const [clusters, setClusters] = useState<Cluster[]>([]);
  const apiRef = useRef<GridApi<ClusterGridRow> | null>(null);
  const [api, setApi] = useState<GridApi<ClusterGridRow> | null>(null);

  const indicators = overview.data?.indicators ?? [];
  const withClusters = new Set((overview.data?.clusters ?? []).flatMap((c) => c.targets.map((x) => x.indicatorId)));
  const chosen = indicatorId ?? indicators.find((i) => withClusters.has(i.id))?.id ?? indicators[0]?.id ?? null;

  const loadClusters = useCallback(() => {
    call('plans.get', { planId }).then((o) => setClusters(o.clusters)).catch(notifyError);
  }, [planId]);
  const loadMatrix = useCallback(() => {
    if (chosen) call('targets.matrix', { indicatorId: chosen, scope: 'cluster', kind: 'target' }).then(setMatrix).catch(notifyError);
  }, [chosen]);
  useEffect(loadClusters, [loadClusters]);
  useEffect(loadMatrix, [loadMatrix]);
  // Cluster names and notes are asked again when clusters change; target cells are applied to the
  // matrix in place (shares and totals recomputed by domain/target-matrix.ts), fetched only when they cannot be.
  useChanges(['clusters', 'targets', 'indicators'], (c) => {
    if (c.everything || c.clusters !== undefined) {
      loadClusters();
      loadMatrix();
      return;
    }
    if (!matrix) return;
    if (c.indicators?.changed.includes(matrix.indicator.id)) return loadMatrix();
    const update = c.targets ? applyTargetChanges(matrix, c.targets) : null;
    if (update?.kind === 'applied') setMatrix(update.matrix);
    else if (update?.kind === 'refetch') loadMatrix();
  });

  const chosenYear = matrix ? (year !== null && matrix.years.includes(year) ? year : (matrix.indicator.targetYear ?? matrix.years.at(-1) ?? null)) : null;
  const yi = matrix && chosenYear !== null ? matrix.years.indexOf(chosenYear) : -1;
  const unit = matrix?.indicator.unit ?? null;

  const rows = useMemo<ClusterGridRow[]>(() => {
    const byId = new Map(matrix?.rows.map((r) => [r.scopeId, r]) ?? []);
    return clusters.map((c) => {
      const r = byId.get(c.id);
      const value = r?.target[yi] ?? null;
      return { id: c.id, kind: 'row', name: c.name, year: chosenYear, targetValue: value, share: r?.share[yi] ?? null, sumShare: sharePercent(value, matrix?.totals.sum[yi] ?? null), note: c.note, source: c.source };
    });
  }, [clusters, matrix, yi, chosenYear]);
  // The two bases, named: the stated total (the share column) and the clusters' sum (the second column, the donut).
  const statedBase = matrix?.totals.stated[yi] ?? null;
  const sumBase = matrix?.totals.sum[yi] ?? null;
  const pinned = useMemo<ClusterGridRow[]>(() => {
    if (!matrix) return [];
    const tot = matrix.totals;
    const base = { year: chosenYear, note: null, source: null };
    return [
      { ...base, id: '__sum', kind: 'sum', name: t('wb.matrix.sumClusters'), targetValue: tot.sum[yi] ?? null, share: sharePercent(tot.sum[yi] ?? null, tot.stated[yi] ?? null), sumShare: tot.sum[yi] ? '100' : null },
      { ...base, id: '__stated', kind: 'stated', name: t('wb.matrix.stated'), targetValue: tot.stated[yi] ?? null, share: tot.stated[yi] ? '100' : null, sumShare: null, note: tot.statedText[yi] ?? null },
      { ...base, id: '__difference', kind: 'difference', name: t('wb.matrix.difference'), targetValue: tot.difference[yi] ?? null, share: null, sumShare: null },
    ];
  }, [matrix, yi, chosenYear]);

  const sheet = useSheet<ClusterGridRow>(apiRef, {
    isEditable: (d, colId) => d.kind === 'row' && EDITABLE.has(colId),
    copyText: (d, colId) => {
      const v = d[colId as keyof ClusterGridRow];
      return v === null || v === undefined ? '' : String(v);
    },
    rowLabel: (d) => d.name,
    write: async (cells) => {
      const updates = new Map<string, { clusterId: string; row: number; patch: Record<string, string | null> }>();
      for (const c of cells) {
        const u = updates.get(c.data.id) ?? { clusterId: c.data.id, row: c.row, patch: {} };
        u.patch[c.colId] = c.colId === 'name' || c.colId === 'targetValue' ? c.value : c.value.trim() === '' ? null : c.value;
        updates.set(c.data.id, u);
      }
      await call('clusters.update', { planId, ...(chosen ? { indicatorId: chosen } : {}), ...(chosenYear !== null ? { year: chosenYear } : {}), updates: [...updates.values()] });
    },
  });

  const columnDefs = useMemo<ColDef<ClusterGridRow>[]>(() => {
    const tip = (colId: string) => (p: ITooltipParams<ClusterGridRow>) => sheet.errorTooltip(p.node?.id, colId);
    const editable = (p: { data: ClusterGridRow | undefined }) => p.data?.kind === 'row';
    return [
      { colId: 'name', field: 'name', headerName: t('wb.cluster.name'), width: 230, pinned: 'left', editable, tooltipValueGetter: tip('name'), cellClassRules: sheet.cellClassRules },
      { colId: 'year', field: 'year', headerName: t('wb.cluster.year'), width: 100, cellClassRules: sheet.cellClassRules },
      {
        colId: 'targetValue', field: 'targetValue', headerName: t('wb.cluster.value', { unit: unit ?? '—' }), width: 150, type: 'rightAligned', editable,
        cellEditor: ValueCellEditor, cellEditorParams: { unit } satisfies ValueCellEditorParams, cellEditorPopup: true,
        valueFormatter: (p) => (p.data?.kind === 'difference' ? formatSigned(p.value as string | null) : formatDecimal(p.value as string | null)),
        tooltipValueGetter: tip('targetValue'),
        cellClassRules: { ...sheet.cellClassRules, 'cell-mismatch': (p) => p.data?.kind === 'difference' && !!p.value && p.value !== '0', 'cell-match': (p) => p.data?.kind === 'difference' && p.value === '0' },
      },
      {
        colId: 'share', field: 'share', headerName: t(statedBase !== null ? 'wb.cluster.shareOfStated' : 'wb.cluster.shareOfSum'), width: 150, type: 'rightAligned',
        headerTooltip: t('wb.cluster.shareHelp'), valueFormatter: (p) => formatPercent(p.value as string | null), cellClassRules: sheet.cellClassRules,
      },
      ...(statedBase !== null
        ? [{
            colId: 'sumShare', field: 'sumShare', headerName: t('wb.cluster.shareOfSum'), width: 150, type: 'rightAligned',
            headerTooltip: t('wb.cluster.sumShareHelp'), valueFormatter: (p) => formatPercent(p.value as string | null), cellClassRules: sheet.cellClassRules,
          } satisfies ColDef<ClusterGridRow>]
        : []),
      { colId: 'note', field: 'note', headerName: t('wb.cluster.note'), flex: 2, minWidth: 260, editable, tooltipField: 'note', cellClassRules: sheet.cellClassRules },
      { colId: 'source', field: 'source', headerName: t('wb.cluster.source'), flex: 1, minWidth: 160, editable, tooltipField: 'source', cellClassRules: sheet.cellClassRules },
    ];
  }, [unit, statedBase, sheet.cellClassRules, sheet.errorTooltip]);

  useEffect(() => {
    const id = f.get('cluster');
    if (!api || !id) return;
    const node = api.getRowNode(id);
    if (node?.rowIndex === null || node?.rowIndex === undefined) return;
    api.ensureIndexVisible(node.rowIndex);
    api.setFocusedCell(node.rowIndex, f.get('field') ?? 'targetValue');
  }, [api, f, rows]);


  // Built once per matrix and year, not on every render (a new option object makes echarts set it again).
  const shareOption = useMemo(() => (matrix ? clusterShare(matrix, chosenYear) : null), [matrix, chosenYear]);
  const barsOption = useMemo(() => (matrix ? clusterBars(matrix, chosenYear) : null), [matrix, chosenYear]);
  const ids = useMemo(() => clusters.map((c) => c.id), [clusters]);
  const focusNew = useFocusNewRow(api, rows);
  const handlers = useMemo<RowActionHandlers>(() => ({
    insert: async (position) => (await call('clusters.create', { planId, name: uniqueName(t('cat.newCluster'), clusters), position })).id,
    move: (clusterId, position) => call('clusters.move', { planId, clusterId, position }),
    deletion: (clusterId) => call('clusters.deletion', { planId, clusterId }),
    remove: (clusterId) => call('clusters.delete', { planId, clusterId, confirm: true }),
  }), [planId, clusters]);
  const actions = <RowActions api={api} ids={ids} what={t('cat.clusterWord')} handlers={handlers} onInserted={focusNew} testId="cluster-rows" />;

  if (!overview.data) return <Pending query={overview} />;
  if (overview.data.clusters.length === 0 && clusters.length === 0)
    return (
      <div className="workbench">
        <p className="muted">{t('wb.noClusters')}</p>
        <div className="toolbar">{actions}</div>
      </div>
    );
  return (
    <div className="workbench">
      <div className="toolbar">
        {actions}
        <IndicatorSelect indicators={indicators} value={chosen} onChange={setIndicatorId} testId="cluster-indicator-select" />
        <label>
          {t('wb.cluster.year')}{' '}
          <select value={chosenYear ?? ''} onChange={(e) => setYear(Number(e.target.value))} data-testid="cluster-year">
            {matrix?.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <ExportGridButtons title={`${overview.data.plan.title} ${t('tab.clusters')}`} collect={() => (api ? gridTable(api) : null)} testId="cluster-export" />
        <HistoryBar planId={planId} />
      </div>
      <SheetFrame api={api} errors={sheet.errors} onDismiss={sheet.clearErrors} wrapperProps={sheet.wrapperProps} height={Math.min(560, 36 + 32 * (rows.length + 3) + 8)} testId="clusters-grid">
        <AgGridReact<ClusterGridRow>
          rowData={rows}
          pinnedBottomRowData={pinned}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.id}
          defaultColDef={{ resizable: true, sortable: true, suppressKeyboardEvent: sheet.suppressKeyboardEvent, suppressMovable: true }}
          tooltipShowDelay={300}
          getRowClass={(p) => (p.data?.kind && p.data.kind !== 'row' ? `totals-row totals-${p.data.kind}` : undefined)}
          onGridReady={(e) => {
            apiRef.current = e.api;
            setApi(e.api);
          }}
          {...sheet.gridProps}
        />
      </SheetFrame>
      {matrix && shareOption && barsOption && (
        <div className="chart-row">
          <Chart
            title={t('wb.chart.clusterShareOfSum', { year: chosenYear ?? '', sum: formatDecimal(sumBase), unit: unit ?? '' })}
            option={shareOption} fileName={`clusters-share-${chosenYear ?? ''}`} testId="chart-cluster-share" />
          <Chart title={t('wb.chart.clusterBars', { year: chosenYear ?? '' })} option={barsOption} fileName={`clusters-${chosenYear ?? ''}`} testId="chart-cluster-bars" height={360} />
        </div>
      )}
    </div>
  );
}
