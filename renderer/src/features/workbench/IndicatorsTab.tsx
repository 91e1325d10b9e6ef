/** 指标: the plan's indicators, baseline and target, the growth the plan states beside the growth they imply. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, ITooltipParams, ValueFormatterParams } from 'ag-grid-community';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import type { IndicatorPatch, IndicatorRow } from '../../../../contract/ops/indicators.ts';
import { parseFocus } from './data.ts';
import { useChanges } from '../../api/changes.ts';
import { HistoryBar } from './HistoryBar.tsx';
import { ExportGridButtons, gridTable } from '../transfer/ExportGridButtons.tsx';
import { useSheet } from './sheet.ts';
import { SheetFrame } from './SheetFrame.tsx';
import { formatGrowth, formatValue } from './format.ts';
import { RowActions, uniqueName, useFocusNewRow, type RowActionHandlers } from './RowActions.tsx';
import { Pending } from '../../components/Pending.tsx';

const EDITABLE = ['category', 'name', 'unit', 'attribute', 'baselineYear', 'baselineValue', 'targetYear', 'targetValue', 'statedGrowthText', 'note'] as const;
type EditableField = (typeof EDITABLE)[number];
const isEditable = (colId: string): colId is EditableField => (EDITABLE as readonly string[]).includes(colId);

function cellText(d: IndicatorRow, colId: string): string {
  switch (colId) {
    case 'baselineValue':
      return d.baselineText ?? d.baselineValue ?? '';
    case 'targetValue':
      return d.targetText ?? d.targetValue ?? '';
    case 'impliedGrowth':
      return formatGrowth(d.impliedGrowth, d.unit);
    default: {
      const v = d[colId as keyof IndicatorRow];
      return v === null || v === undefined || typeof v === 'object' ? '' : String(v);
    }
  }
}

export function IndicatorsTab({ planId, focus }: PlanTabProps) {
  const overview = useQuery('plans.get', { planId }, ['plans']);
  const [rows, setRows] = useState<IndicatorRow[] | null>(null);
  const apiRef = useRef<GridApi<IndicatorRow> | null>(null);
  const [api, setApi] = useState<GridApi<IndicatorRow> | null>(null);
  const f = useMemo(() => parseFocus(focus), [focus]);

  const load = useCallback(() => {
    call('indicators.list', { planId }).then(setRows).catch(notifyError);
  }, [planId]);
  useEffect(load, [load]);
  // The rows (with the growth their values imply, computed in the core) are asked again when an
  // indicator of this plan or one of its stated totals changed; a district's cell does not touch them.
  useChanges(['indicators', 'targets'], (c) => {
    const mine = new Set(rows?.map((r) => r.id));
    const t = c.targets;
    const statedTotal = t !== undefined && (t.truncated || t.removed.length > 0 || t.rows.some((v) => v.scope === 'plan' && mine.has(v.indicatorId)));
    if (c.everything || c.indicators !== undefined || statedTotal) load();
  });

  const sheet = useSheet<IndicatorRow>(apiRef, {
    isEditable: (_d, colId) => isEditable(colId),
    copyText: cellText,
    rowLabel: (d) => d.name,
    write: async (cells) => {
      const updates = new Map<string, { indicatorId: string; row: number; patch: IndicatorPatch }>();
      for (const c of cells) {
        if (!isEditable(c.colId)) continue;
        const u = updates.get(c.data.id) ?? { indicatorId: c.data.id, row: c.row, patch: {} };
        u.patch = { ...u.patch, ...(c.colId === 'name' ? { name: c.value } : { [c.colId]: c.value.trim() === '' ? null : c.value }) };
        updates.set(c.data.id, u);
      }
      await call('indicators.update', { planId, updates: [...updates.values()] });
    },
  });

  const columnDefs = useMemo<ColDef<IndicatorRow>[]>(() => {
    const tip = (colId: string) => (p: ITooltipParams<IndicatorRow>) => sheet.errorTooltip(p.node?.id, colId) ?? (p.data ? cellText(p.data, colId) || undefined : undefined);
    const col = (colId: EditableField | 'impliedGrowth', width: number, extra: ColDef<IndicatorRow> = {}): ColDef<IndicatorRow> => ({
      colId,
      headerName: t(`wb.ind.${colId}`),
      width,
      editable: isEditable(colId),
      valueGetter: (p) => (p.data ? cellText(p.data, colId) : ''),
      tooltipValueGetter: tip(colId),
      cellClassRules: sheet.cellClassRules,
      ...extra,
    });
    const valueCol = (colId: 'baselineValue' | 'targetValue'): ColDef<IndicatorRow> =>
      col(colId, 150, {
        type: 'rightAligned',
        valueGetter: (p) => (p.data ? (colId === 'baselineValue' ? p.data.baselineValue : p.data.targetValue) ?? '' : ''),
        valueFormatter: (p: ValueFormatterParams<IndicatorRow>) => {
          const d = p.data;
          if (!d) return '';
          const value = colId === 'baselineValue' ? d.baselineValue : d.targetValue;
          const text = colId === 'baselineValue' ? d.baselineText : d.targetText;
          const shown = formatValue(value, d.unit);
          return text && text.replace(/[,，\s]/g, '') !== `${value ?? ''}${d.unit ?? ''}` && text !== value ? (shown ? `${shown}（${text}）` : text) : shown;
        },
      });
    return [
      col('category', 96),
      col('name', 300),
      col('unit', 90),
      col('attribute', 90, { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['', '预期性', '约束性'] } }),
      col('baselineYear', 90, { type: 'rightAligned' }),
      valueCol('baselineValue'),
      col('targetYear', 90, { type: 'rightAligned' }),
      valueCol('targetValue'),
      col('statedGrowthText', 120, { type: 'rightAligned' }),
      col('impliedGrowth', 140, {
        type: 'rightAligned',
        headerTooltip: t('wb.ind.impliedHelp'),
        cellClassRules: { ...sheet.cellClassRules, 'cell-computed': () => true },
      }),
      col('note', 280, { flex: 1 }),
    ];
  }, [sheet.cellClassRules, sheet.errorTooltip]);

  useEffect(() => {
    const id = f.get('indicator');
    if (!api || !id || !rows) return;
    const node = api.getRowNode(id);
    if (node?.rowIndex === null || node?.rowIndex === undefined) return;
    api.ensureIndexVisible(node.rowIndex);
    api.setFocusedCell(node.rowIndex, f.get('field') ?? 'targetValue');
  }, [api, f, rows]);


  const ids = useMemo(() => rows?.map((r) => r.id) ?? [], [rows]);
  const focusNew = useFocusNewRow(api, rows);
  const handlers = useMemo<RowActionHandlers>(() => ({
    insert: async (position) => (await call('indicators.create', { planId, patch: { name: uniqueName(t('cat.newIndicator'), rows ?? []) }, position })).id,
    move: (indicatorId, position) => call('indicators.move', { planId, indicatorId, position }),
    deletion: (indicatorId) => call('indicators.deletion', { planId, indicatorId }),
    remove: (indicatorId) => call('indicators.delete', { planId, indicatorId, confirm: true }),
  }), [planId, rows]);
  const actions = <RowActions api={api} ids={ids} what={t('cat.indicatorWord')} handlers={handlers} onInserted={focusNew} testId="indicator-rows" />;

  if (!rows) return <Pending query={overview} />;
  if (rows.length === 0)
    return (
      <div className="workbench">
        <p className="muted">{t('wb.noIndicators')}</p>
        <div className="toolbar">{actions}</div>
      </div>
    );
  return (
    <div className="workbench">
      <div className="toolbar">
        {actions}
        <span className="muted small">{t('wb.ind.help')}</span>
        <span className="spacer" />
        <ExportGridButtons title={`${overview.data?.plan.title ?? ''} ${t('tab.indicators')}`} collect={() => (api ? gridTable(api) : null)} testId="indicator-export" />
        <HistoryBar planId={planId} />
      </div>
      <SheetFrame api={api} errors={sheet.errors} onDismiss={sheet.clearErrors} wrapperProps={sheet.wrapperProps} height={Math.min(680, 36 + 32 * rows.length + 24)} testId="indicators-grid">
        <AgGridReact<IndicatorRow>
          rowData={rows}
          columnDefs={columnDefs}
          getRowId={(p) => p.data.id}
          defaultColDef={{ resizable: true, sortable: true, suppressKeyboardEvent: sheet.suppressKeyboardEvent, suppressMovable: true }}
          tooltipShowDelay={400}
          onGridReady={(e) => {
            apiRef.current = e.api;
            setApi(e.api);
          }}
          {...sheet.gridProps}
        />
      </SheetFrame>
    </div>
  );
}
