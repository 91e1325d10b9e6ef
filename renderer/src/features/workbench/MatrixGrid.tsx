/**
 * A target matrix in a grid: one row per district (or cluster), one column per year, the implied
 * growth, and pinned rows for the sum, the plan's stated total and the difference (red when they disagree).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, GridReadyEvent, ITooltipParams, ValueFormatterParams } from 'ag-grid-community';
import { call } from '../../api/client.ts';
import { formatDecimal, t } from '../../i18n/index.ts';
import type { TargetMatrix } from '../../../../contract/ops/targets.ts';
import { useSheet } from './sheet.ts';
import { SheetFrame } from './SheetFrame.tsx';
import { formatPercent, formatSigned } from './format.ts';
import { useGridComments, matrixComments } from '../comments/index.ts';
import { wordingDiffers, wordingSaysMore } from '../../../../domain/numbers.ts';
import { ValueCellEditor, type ValueCellEditorParams } from './ValueEditor.tsx';

export interface MatrixRow {
  id: string;
  name: string;
  kind: 'row' | 'sum' | 'stated' | 'difference';
  values: Record<string, string | null>;
  texts: Record<string, string | null>;
  cagr: string | null;
}

const yearCol = (y: number) => `y${y}`;

export function matrixRows(m: TargetMatrix): { rows: MatrixRow[]; pinned: MatrixRow[] } {
  const pick = (arr: (string | null)[]) => Object.fromEntries(m.years.map((y, i) => [yearCol(y), arr[i] ?? null]));
  const rows = m.rows.map((r) => ({
    id: r.scopeId,
    name: r.name,
    kind: 'row' as const,
    values: pick(m.kind === 'target' ? r.target : r.actual),
    texts: pick(m.kind === 'target' ? r.targetText : r.actualText),
    cagr: r.cagr,
  }));
  const noTexts = pick(m.years.map(() => null));
  const pinned: MatrixRow[] = [
    { id: '__sum', name: t(m.scope === 'district' ? 'wb.matrix.sumDistricts' : 'wb.matrix.sumClusters'), kind: 'sum', values: pick(m.totals.sum), texts: noTexts, cagr: m.totals.cagr },
    { id: '__stated', name: t('wb.matrix.stated'), kind: 'stated', values: pick(m.totals.stated), texts: pick(m.totals.statedText), cagr: null },
    { id: '__difference', name: t('wb.matrix.difference'), kind: 'difference', values: pick(m.totals.difference), texts: noTexts, cagr: null },
  ];
  return { rows, pinned };
}

export function MatrixGrid(props: {
  matrix: TargetMatrix;
  testId: string;
  focus?: { rowId: string; year: number } | null;
  onRowsShown?: (ids: string[]) => void;
  /** the grid's api once ready (e.g. for exporting what it shows) */
  onApi?: (api: GridApi<MatrixRow>) => void;
}) {
  const { matrix } = props;
  const apiRef = useRef<GridApi<MatrixRow> | null>(null);
  const [api, setApi] = useState<GridApi<MatrixRow> | null>(null);
  const { rows, pinned } = useMemo(() => matrixRows(matrix), [matrix]);
  const unit = matrix.indicator.unit;
  const yearOf = (colId: string) => (colId.startsWith('y') ? Number(colId.slice(1)) : null);

  const sheet = useSheet<MatrixRow>(apiRef, {
    isEditable: (d, colId) => d.kind === 'row' && yearOf(colId) !== null,
    copyText: (d, colId) => (colId === 'name' ? d.name : colId === 'cagr' ? (d.cagr ?? '') : (d.values[colId] ?? '')),
    rowLabel: (d) => d.name,
    write: async (cells, action) => {
      await call('targets.setMany', {
        planId: matrix.indicator.planId,
        cells: cells.map((c) => ({
          indicatorId: matrix.indicator.id,
          scope: matrix.scope,
          scopeId: c.data.id,
          year: yearOf(c.colId) ?? 0,
          kind: matrix.kind,
          value: c.value,
          row: c.row,
          field: c.colId,
        })),
        ...(action === 'clear' ? { label: t('wb.label.clear', { count: cells.length }) } : {}),
      });
    },
  });

  const withComments = useGridComments(api, useMemo(() => matrixComments<MatrixRow>(matrix), [matrix])); // 批注 (features/comments)
  const columnDefs = useMemo<ColDef<MatrixRow>[]>(() => {
    const numberCell = (p: ValueFormatterParams<MatrixRow>) => {
      const v = p.value as string | null;
      if (v === null || v === undefined) return p.data?.kind === 'difference' ? '' : '';
      if (p.data?.kind === 'difference') return formatSigned(v);
      return formatDecimal(v);
    };
    const years: ColDef<MatrixRow>[] = matrix.years.map((y) => ({
      colId: yearCol(y),
      headerName: t('wb.matrix.year', { year: y }),
      headerTooltip: y === matrix.indicator.baselineYear ? t('wb.matrix.baseline') : y === matrix.indicator.targetYear ? t('wb.matrix.targetYear') : undefined,
      valueGetter: (p) => p.data?.values[yearCol(y)] ?? null,
      valueFormatter: numberCell,
      editable: (p) => p.data?.kind === 'row',
      // "1.2万" typed here shows "= 12,000 亿元" before it is saved (ValueEditor.tsx, the core's rule).
      cellEditor: ValueCellEditor,
      cellEditorParams: { unit } satisfies ValueCellEditorParams,
      cellEditorPopup: true,
      type: 'rightAligned',
      flex: 1,
      minWidth: 104,
      tooltipValueGetter: (p: ITooltipParams<MatrixRow>) => {
        const err = sheet.errorTooltip(p.node?.id, yearCol(y));
        if (err) return err;
        const text = p.data?.texts[yearCol(y)] ?? null;
        // Any kept wording ("1.2万", "1.4万亿元") on hover; the marker only where it says more ("30左右").
        return wordingDiffers(text, p.data?.values[yearCol(y)] ?? null) ? t('wb.matrix.wording', { text: text ?? '' }) : undefined;
      },
      cellClassRules: {
        ...sheet.cellClassRules,
        'cell-worded': (p) => wordingSaysMore(p.data?.texts[yearCol(y)] ?? null, p.data?.values[yearCol(y)] ?? null, unit),
        'cell-mismatch': (p) => p.data?.kind === 'difference' && !!p.value && p.value !== '0',
        'cell-match': (p) => p.data?.kind === 'difference' && p.value === '0',
      },
    }));
    return withComments([
      {
        colId: 'name',
        headerName: t(matrix.scope === 'district' ? 'wb.matrix.district' : 'wb.matrix.cluster'),
        valueGetter: (p) => p.data?.name,
        pinned: 'left',
        width: 170,
        filter: 'agTextColumnFilter',
        cellClassRules: sheet.cellClassRules,
      },
      { headerName: t('wb.matrix.yearsUnit', { unit: unit ?? '—' }), children: years },
      {
        colId: 'cagr',
        headerName: t('wb.matrix.cagr'),
        headerTooltip: t('wb.matrix.cagrHelp'),
        valueGetter: (p) => p.data?.cagr ?? null,
        valueFormatter: (p) => formatPercent(p.value as string | null),
        type: 'rightAligned',
        width: 130,
        cellClassRules: { ...sheet.cellClassRules, 'cell-computed': (p) => p.data?.kind === 'row' },
      },
    ]);
  }, [matrix, unit, sheet.cellClassRules, sheet.errorTooltip, withComments]);

  const onReady = useCallback((e: GridReadyEvent<MatrixRow>) => {
    apiRef.current = e.api;
    setApi(e.api);
    props.onApi?.(e.api);
  }, [props.onApi]);

  // Tell the charts which rows the grid shows (after its filter and sort).
  const reportShown = useCallback(() => {
    const ids: string[] = [];
    apiRef.current?.forEachNodeAfterFilterAndSort((n) => n.data && ids.push(n.data.id));
    props.onRowsShown?.(ids);
  }, [props.onRowsShown]);

  useEffect(() => {
    const f = props.focus;
    if (!api || !f) return;
    const node = api.getRowNode(f.rowId);
    if (node?.rowIndex === null || node?.rowIndex === undefined) return;
    api.ensureIndexVisible(node.rowIndex);
    api.ensureColumnVisible(yearCol(f.year));
    api.setFocusedCell(node.rowIndex, yearCol(f.year));
  }, [api, props.focus]);

  return (
    <SheetFrame api={api} errors={sheet.errors} onDismiss={sheet.clearErrors} wrapperProps={sheet.wrapperProps} height={Math.min(560, 36 * 2 + 32 * (rows.length + 3) + 8)} testId={props.testId}>
      <AgGridReact<MatrixRow>
        rowData={rows}
        pinnedBottomRowData={pinned}
        columnDefs={columnDefs}
        getRowId={(p) => p.data.id}
        defaultColDef={{ sortable: true, resizable: true, suppressKeyboardEvent: sheet.suppressKeyboardEvent, suppressMovable: true }}
        tooltipShowDelay={300}
        getRowClass={(p) => (p.data?.kind && p.data.kind !== 'row' ? `totals-row totals-${p.data.kind}` : undefined)}
        onGridReady={onReady}
        onModelUpdated={reportShown}
        onFilterChanged={reportShown}
        {...sheet.gridProps}
      />
    </SheetFrame>
  );
}
