/**
 * "导出 Excel / 导出 CSV" for the grid currently shown. `collect` is called when a button is pressed
 * and returns what is on screen at that moment — the displayed columns, the rows after filtering and
 * sorting, and pinned totals rows; the file downloads when the export job is done. For an ag-grid,
 * `gridTable(api)` is that collector. The task ledger, whose rows come page by page, exports through
 * export.tasks with its filter instead (LedgerExportButtons).
 */
import { useState } from 'react';
import type { GridApi, IRowNode } from 'ag-grid-community';
import { t } from '../../i18n/index.ts';
import { notifyError } from '../../notify.tsx';
import { runJob, saveExported } from './jobs.ts';
import type { TaskFilter } from '../../../../contract/operations.ts';
import { localizedError } from '../../i18n/errors.ts';

type Cell = string | number | null;
export interface ShownTable {
  columns: { header: string }[];
  rows: Cell[][];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Grid values as spreadsheet cells: exact decimal strings of up to 15 digits become numbers. */
export function asCell(v: unknown): Cell {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return DECIMAL.test(v) && v.replace(/[-.]/g, '').length <= 15 ? Number(v) : v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x && 'name' in x ? String(x.name) : String(x))).join('、');
  if (typeof v === 'object') return 'name' in v ? String(v.name) : JSON.stringify(v);
  return String(v);
}

export function gridTable<R>(api: GridApi<R>): ShownTable {
  const cols = api.getAllDisplayedColumns();
  const rows: Cell[][] = [];
  const take = (node: IRowNode<R>) => rows.push(cols.map((c) => asCell(api.getCellValue({ rowNode: node, colKey: c }))));
  api.forEachNodeAfterFilterAndSort(take);
  for (let i = 0; i < api.getPinnedBottomRowCount(); i++) {
    const node = api.getPinnedBottomRow(i);
    if (node) take(node);
  }
  return { columns: cols.map((c) => ({ header: api.getDisplayNameForColumn(c, 'header') || c.getColId() })), rows };
}

function Buttons({ busy, onExport, testId }: { busy: boolean; onExport: (format: 'xlsx' | 'csv') => void; testId: string }) {
  return (
    <span className="grid-export">
      <button type="button" className="small" disabled={busy} onClick={() => onExport('xlsx')} data-testid={`${testId}-xlsx`}>
        {t('gx.xlsx')}
      </button>
      <button type="button" className="small" disabled={busy} onClick={() => onExport('csv')} data-testid={`${testId}-csv`}>
        {t('gx.csv')}
      </button>
    </span>
  );
}

function useExport() {
  const [busy, setBusy] = useState(false);
  const run = (start: () => ReturnType<typeof runJob>) => {
    setBusy(true);
    start()
      .then((s) => s.file && saveExported(s.file))
      .catch((e: unknown) => notifyError(localizedError(e)))
      .finally(() => setBusy(false));
  };
  return { busy, run };
}

export function ExportGridButtons({ title, collect, testId = 'grid-export' }: { title: string; collect: () => ShownTable | null; testId?: string }) {
  const { busy, run } = useExport();
  return (
    <Buttons
      busy={busy}
      testId={testId}
      onExport={(format) => {
        const table = collect();
        if (table && table.columns.length) run(() => runJob('export.table', { title, format, ...table }));
      }}
    />
  );
}

/** The 完成情况 tab's export: actuals, completion and ranks of every indicator × district × year (export.completion). */
export function CompletionExportButtons({ planId, testId = 'completion-export' }: { planId: string; testId?: string }) {
  const { busy, run } = useExport();
  return <Buttons busy={busy} testId={testId} onExport={(format) => run(() => runJob('export.completion', { planId, format }))} />;
}

export function LedgerExportButtons({ planId, filter, testId = 'ledger-export' }: { planId: string; filter: TaskFilter; testId?: string }) {
  const { busy, run } = useExport();
  return <Buttons busy={busy} testId={testId} onExport={(format) => run(() => runJob('export.tasks', { planId, filter, format }))} />;
}
