/**
 * "Export Excel / Export CSV" for any grid: the columns and the rows currently shown (with their
 * filters) go to export.table; the file downloads when the job is done.
 */
import { useState } from 'react';
import { t } from '../../i18n/index.ts';
import { notifyError } from '../../notify.tsx';
import { downloadBase64, runJob } from './jobs.ts';

export interface GridExportColumn<R> {
  header: string;
  field: keyof R & string;
}

type Cell = string | number | null;

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x && 'name' in x ? String(x.name) : String(x))).join('、');
  if (typeof v === 'object') return 'name' in v ? String(v.name) : JSON.stringify(v);
  return String(v);
}

export function ExportGridButtons<R extends object>({ title, columns, rows, testId = 'grid-export' }: { title: string; columns: GridExportColumn<R>[]; rows: readonly R[]; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const go = (format: 'xlsx' | 'csv') => {
    setBusy(true);
    runJob('export.table', {
      title,
      format,
      columns: columns.map((c) => ({ header: c.header })),
      rows: rows.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c.field]))),
    })
      .then((s) => s.file && downloadBase64(s.file))
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  return (
    <span className="grid-export">
      <button type="button" className="small" disabled={busy} onClick={() => go('xlsx')} data-testid={`${testId}-xlsx`}>
        {t('gx.xlsx')}
      </button>
      <button type="button" className="small" disabled={busy} onClick={() => go('csv')} data-testid={`${testId}-csv`}>
        {t('gx.csv')}
      </button>
    </span>
  );
}
