/**
 * A target matrix in a grid: one row per district (or cluster), one column per year, the implied
 * growth, and pinned rows for the sum, the plan's stated total and the difference (red when they disagree).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, GridApi, GridReadyEvent, IRowNode, ITooltipParams, RowClassParams, ValueFormatterParams } from 'ag-grid-community';
import { call } from '../../api/client.ts';
import { formatDecimal, t } from '../../i18n/index.ts';
import type { TargetMatrix } from '../../../../contract/ops/targets.ts';
import { putRows, useSheet } from './sheet.ts';
import { SheetFrame } from './SheetFrame.tsx';
import { formatPercent, formatSigned } from './format.ts';
import { useGridComments, matrixComments } from '../comments/index.ts';
import { wordingDiffers, wordingSaysMore } from '../../../../domain/numbers.ts';
import { ValueCellEditor, type ValueCellEditorParams } from './ValueEditor.tsx';
import { appliedTargets } from './data.ts';

export interface MatrixRow {
  id: string;
  name: string;
  kind: 'row' | 'sum' | 'stated' | 'difference';
  values: Record<string, string | null>;
  texts: Record<string, string | null>;
  cagr: string | null;
  /** what was typed into a cell whose write is on its way (shown as typed until the stored value replaces it) */
  pending?: Record<string, string>;
}

const yearCol = (y: number) => `y${y}`;
// Module-level, so the grid's options keep their identity across renders.
const rowId = (p: GetRowIdParams<MatrixRow>) => p.data.id;
const rowClass = (p: RowClassParams<MatrixRow>) => (p.data?.kind && p.data.kind !== 'row' ? `totals-row totals-${p.data.kind}` : undefined);

/** `areas`: every row is a 片区 (26号's split by area): the sum is 片区合计, not 区县合计 (s8-auth14). */
export function matrixRows(m: TargetMatrix, areas = false): { rows: MatrixRow[]; pinned: MatrixRow[] } {
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
    { id: '__sum', name: t(m.scope === 'cluster' ? 'wb.matrix.sumClusters' : areas ? 'author.matrix.sumAreas' : 'wb.matrix.sumDistricts'), kind: 'sum', values: pick(m.totals.sum), texts: noTexts, cagr: m.totals.cagr },
    { id: '__stated', name: t('wb.matrix.stated'), kind: 'stated', values: pick(m.totals.stated), texts: pick(m.totals.statedText), cagr: null },
    { id: '__difference', name: t('wb.matrix.difference'), kind: 'difference', values: pick(m.totals.difference), texts: noTexts, cagr: null },
  ];
  return { rows, pinned };
}

const sameRecord = (a: Record<string, string | null>, b: Record<string, string | null>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};
const sameRow = (a: MatrixRow, b: MatrixRow) =>
  a.name === b.name && a.kind === b.kind && a.cagr === b.cagr && a.pending === undefined && b.pending === undefined && sameRecord(a.values, b.values) && sameRecord(a.texts, b.texts);

/** The row objects last given to the grid, by id: an equal row is given as the same object again. */
function keptRows() {
  const byId = new Map<string, MatrixRow>();
  // The same rows again give the same list, so the grid is given nothing new (an edit's rows are already
  // in it, put there by the write's answer: the tab's render after it costs the grid no comparison of rows).
  const keptList = () => {
    let last: MatrixRow[] = [];
    return (rows: MatrixRow[]): MatrixRow[] => {
      if (rows.length !== last.length || rows.some((r, i) => r !== last[i])) last = rows;
      return last;
    };
  };
  return {
    row(r: MatrixRow): MatrixRow {
      const prev = byId.get(r.id);
      if (prev && sameRow(prev, r)) return prev;
      byId.set(r.id, r);
      return r;
    },
    rows: keptList(),
    pinned: keptList(),
  };
}

export function MatrixGrid(props: {
  matrix: TargetMatrix;
  testId: string;
  focus?: { rowId: string; year: number } | null;
  onRowsShown?: (ids: string[]) => void;
  /** the grid's api once ready (e.g. for exporting what it shows) */
  onApi?: (api: GridApi<MatrixRow>) => void;
  /** called once the grid has drawn its first rows */
  onFirstRows?: () => void;
  /** the owner's matrix as last set (it applies published change sets to it before it renders) */
  latest?: { readonly current: TargetMatrix | null };
  /** every row is a 片区 (kind area): the name column and the sum say 片区 */
  areas?: boolean;
}) {
  const { matrix } = props;
  const areas = props.areas ?? false;
  const apiRef = useRef<GridApi<MatrixRow> | null>(null);
  const [api, setApi] = useState<GridApi<MatrixRow> | null>(null);
  // Rows whose content did not change keep their object, so the grid redraws only the rows an edit changed.
  const kept = useRef(keptRows());
  const { rows, pinned } = useMemo(() => {
    const m = matrixRows(matrix, areas);
    return { rows: kept.current.rows(m.rows.map((r) => kept.current.row(r))), pinned: kept.current.pinned(m.pinned.map((r) => kept.current.row(r))) };
  }, [matrix, areas]);
  // The grid is given a new list only when its rows themselves change (added, removed, reordered): new
  // values go into the rows' nodes (setData), as the write's answer puts them. A new list on every
  // applied edit made ag-grid compare every row and update its model after the edit was already shown.
  const shapeKey = rows.map((r) => r.id).join('\n');
  const gridRows = useMemo(() => rows, [shapeKey]);
  const pinnedKey = pinned.map((r) => r.id).join('\n');
  const gridPinned = useMemo(() => pinned, [pinnedKey]);
  useLayoutEffect(() => {
    if (!api) return;
    for (const r of rows) {
      const node = api.getRowNode(r.id);
      if (node && node.data !== r) node.setData(r);
    }
    pinned.forEach((r, i) => {
      const node = api.getPinnedBottomRow(i);
      if (node && node.data !== r) node.setData(r);
    });
  }, [api, rows, pinned]);
  const unit = matrix.indicator.unit;
  const yearOf = (colId: string) => (colId.startsWith('y') ? Number(colId.slice(1)) : null);

  const sheet = useSheet<MatrixRow>(apiRef, {
    isEditable: (d, colId) => d.kind === 'row' && yearOf(colId) !== null,
    copyText: (d, colId) => (colId === 'name' ? d.name : colId === 'cagr' ? (d.cagr ?? '') : (d.values[colId] ?? '')),
    rowLabel: (d) => d.name,
    provisional: (d, colId, value) => ({ ...d, pending: { ...d.pending, [colId]: value } }),
    write: async (cells, action) => {
      const sentWith = props.latest?.current ?? null;
      const answer = await call('targets.setMany', {
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
      // The answer goes into the grid at once — the edited rows and the totals rows, computed by the same
      // rule the tab applies (domain/target-matrix.ts) — without waiting for the tab to render again. The
      // tab has applied the published change set to its latest matrix already (`latest`): that one, since
      // the matrix this grid last rendered may not hold an earlier edit's answer yet.
      const api = apiRef.current;
      const before = props.latest?.current ?? matrix;
      const applied = props.latest?.current && props.latest.current !== sentWith ? { kind: 'applied' as const, matrix: props.latest.current } : null;
      const update = applied ?? (answer.changes.targets ? appliedTargets(before, answer.changes.targets) : null);
      if (!api || update?.kind !== 'applied') return;
      const edited = new Set(answer.values.map((v) => v.scopeId));
      const next = matrixRows({ ...update.matrix, rows: update.matrix.rows.filter((r) => edited.has(r.scopeId)) }, areas);
      // A row the answer leaves as it was (the stated total, mostly) keeps its object and is not drawn again.
      const puts: [IRowNode<MatrixRow>, MatrixRow][] = [];
      const put = (node: IRowNode<MatrixRow> | undefined, r: MatrixRow) => {
        const row = kept.current.row(r);
        if (node && node.data !== row) puts.push([node, row]);
      };
      for (const r of next.rows) put(api.getRowNode(r.id), r);
      next.pinned.forEach((r, i) => put(api.getPinnedBottomRow(i), r));
      // Drawn here, in the answer's task: the frame drawn next shows the stored value and the totals.
      putRows(puts);
    },
  });

  const withComments = useGridComments(api, useMemo(() => matrixComments<MatrixRow>(matrix), [matrix.indicator.id, matrix.scope, matrix.kind])); // 批注 (features/comments)
  // The columns follow the matrix's shape only, not its values: an edit keeps them (new ones redraw every cell).
  const { baselineYear, targetYear } = matrix.indicator;
  const scope = matrix.scope;
  const yearsKey = matrix.years.join(',');
  const columnDefs = useMemo<ColDef<MatrixRow>[]>(() => {
    const years = yearsKey.split(',').map(Number);
    const numberCell = (p: ValueFormatterParams<MatrixRow>) => {
      const typed = p.data?.pending?.[p.colDef.colId ?? ''];
      if (typed !== undefined) return typed;
      const v = p.value as string | null;
      if (v === null || v === undefined) return p.data?.kind === 'difference' ? '' : '';
      if (p.data?.kind === 'difference') return formatSigned(v);
      return formatDecimal(v);
    };
    const yearCols: ColDef<MatrixRow>[] = years.map((y) => ({
      colId: yearCol(y),
      headerName: t('wb.matrix.year', { year: y }),
      headerTooltip: y === baselineYear ? t('wb.matrix.baseline') : y === targetYear ? t('wb.matrix.targetYear') : undefined,
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
        'cell-pending': (p) => p.data?.pending?.[yearCol(y)] !== undefined,
        'cell-worded': (p) => wordingSaysMore(p.data?.texts[yearCol(y)] ?? null, p.data?.values[yearCol(y)] ?? null, unit),
        'cell-mismatch': (p) => p.data?.kind === 'difference' && !!p.value && p.value !== '0',
        'cell-match': (p) => p.data?.kind === 'difference' && p.value === '0',
      },
    }));
    return withComments([
      {
        colId: 'name',
        headerName: t(scope === 'cluster' ? 'wb.matrix.cluster' : areas ? 'author.matrix.area' : 'wb.matrix.district'),
        valueGetter: (p) => p.data?.name,
        pinned: 'left',
        width: 170,
        filter: 'agTextColumnFilter',
        cellClassRules: sheet.cellClassRules,
      },
      { headerName: t('wb.matrix.yearsUnit', { unit: unit ?? '—' }), children: yearCols },
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
  }, [yearsKey, baselineYear, targetYear, scope, areas, unit, sheet.cellClassRules, sheet.errorTooltip, withComments]);

  const { onApi, onRowsShown } = props;
  const onReady = useCallback((e: GridReadyEvent<MatrixRow>) => {
    apiRef.current = e.api;
    setApi(e.api);
    onApi?.(e.api);
  }, [onApi]);

  // Tell the charts which rows the grid shows (after its filter and sort), only when that changes:
  // a new list on every model update rendered the tab, whose render updated the model again.
  const lastShown = useRef<string>('');
  const reportShown = useCallback(() => {
    const ids: string[] = [];
    apiRef.current?.forEachNodeAfterFilterAndSort((n) => n.data && ids.push(n.data.id));
    const key = ids.join('\n');
    if (key === lastShown.current) return;
    lastShown.current = key;
    onRowsShown?.(ids);
  }, [onRowsShown]);
  const defaultColDef = useMemo<ColDef<MatrixRow>>(
    () => ({ sortable: true, resizable: true, suppressKeyboardEvent: sheet.suppressKeyboardEvent, suppressMovable: true, valueSetter: sheet.directEdit.valueSetter }),
    [sheet.suppressKeyboardEvent, sheet.directEdit.valueSetter],
  );

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
        rowData={gridRows}
        pinnedBottomRowData={gridPinned}
        columnDefs={columnDefs}
        getRowId={rowId}
        defaultColDef={defaultColDef}
        tooltipShowDelay={300}
        getRowClass={rowClass}
        onGridReady={onReady}
        onModelUpdated={reportShown}
        onFilterChanged={reportShown}
        onFirstDataRendered={props.onFirstRows}
        {...sheet.gridProps}
        {...sheet.directEdit.gridProps}
      />
    </SheetFrame>
  );
}
