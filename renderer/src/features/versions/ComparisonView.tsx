/** One comparison: per-table counts, the change per district, and the changed rows (old → new). */
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import { notify, notifyError } from '../../notify.tsx';
import { formatDecimal, shownUserName, t } from '../../i18n/index.ts';
import { planDateTime } from '../../../../domain/calendar.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { Comparison, RowChangeOut, VersionedTable } from '../../../../contract/ops/versions.ts';
import { DistrictChart } from './DistrictChart.tsx';
import { runJob, saveExported } from '../transfer/jobs.ts';
import { localizedError } from '../../i18n/errors.ts';

export type Ref = number | 'current';
const PAGE = 100;

const fieldName = (f: string) => t(`ver.field.${f}` as MessageKey);
const tableName = (x: string) => t(`ver.table.${x}` as MessageKey);
const shown = (s: string) => (s === '' ? t('ver.cell.empty') : s);
const signed = (s: string) => (s.startsWith('-') ? s : `+${s}`);
/** 当前, or a version with when and by whom it was saved (name, department, district as written). */
function sideName(s: Comparison['from']): string {
  if (s.current) return t('ver.current');
  const where = [s.authorDepartment, s.authorDistrict].filter(Boolean).join(' · ');
  return t('ver.side.version', { seq: s.seq, name: s.name, at: planDateTime(s.createdAt), by: `${shownUserName(s.author)}${where ? `（${where}）` : ''}` });
}

function RowView({ row, changesOnly }: { row: RowChangeOut; changesOnly: boolean }) {
  const fields = row.kind === 'changed' && changesOnly ? row.fields.filter((f) => f.changed) : row.fields.filter((f) => row.kind === 'changed' || (row.kind === 'added' ? f.newText : f.oldText) !== '');
  const cells = new Map(row.cells.map((c) => [c.field, c]));
  return (
    <tr className={`ver-row ver-${row.kind}`} data-testid="ver-change" data-id={row.id} data-kind={row.kind}>
      <td className="nowrap">
        <span className={`ver-mark ver-mark-${row.kind}`}>{t(`ver.kind.${row.kind}`)}</span>
      </td>
      <td className="nowrap small">{tableName(row.table)}</td>
      <td className="ver-label">{row.label}</td>
      <td>
        <table className="ver-cells">
          <tbody>
            {fields.map((f) => {
              const c = cells.get(f.field);
              return (
                <tr key={f.field} className={f.changed ? 'ver-cell-changed' : ''} data-testid={f.changed ? 'ver-cell' : undefined} data-field={f.field}>
                  <th>{fieldName(f.field)}</th>
                  {row.kind === 'changed' ? (
                    f.changed ? (
                      <td>
                        <span className="ver-old">{shown(f.oldText)}</span> → <span className="ver-new">{shown(f.newText)}</span>
                        {c?.delta !== undefined && (
                          <span className="ver-delta" data-testid="ver-delta">
                            {' '}
                            （{signed(formatDecimal(c.delta))}
                            {c.pct ? `，${signed(c.pct)}%` : ''}）
                          </span>
                        )}
                      </td>
                    ) : (
                      <td className="muted">{f.newText}</td>
                    )
                  ) : (
                    <td className={row.kind === 'removed' ? 'ver-old' : 'ver-new'}>{row.kind === 'added' ? f.newText : f.oldText}</td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </td>
    </tr>
  );
}

/** `load`: where the comparison comes from when it is not two versions (draft.compare); such a comparison is not exported. */
export function ComparisonView({ planId, from, to, load }: { planId: string; from: Ref; to: Ref; load?: (table: VersionedTable | undefined, limit: number) => Promise<Comparison> }) {
  const [cmp, setCmp] = useState<Comparison | null>(null);
  const [table, setTable] = useState<VersionedTable | ''>('');
  const [limit, setLimit] = useState(PAGE);
  const [changesOnly, setChangesOnly] = useState(true);
  useEffect(() => {
    (load ? load(table || undefined, limit) : call('versions.compare', { planId, from, to, ...(table ? { table } : {}), limit })).then(setCmp).catch((e: unknown) => notifyError(localizedError(e)));
  }, [planId, from, to, table, limit, load]);

  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const exportXlsx = async () => {
    setExporting({ done: 0, total: 0 });
    try {
      // a job like every export: started, then polled through jobs.status until the file is there
      const { file } = await runJob('versions.exportComparison', { planId, from, to }, (done, total) => setExporting({ done, total }));
      if (file) {
        saveExported(file);
        notify('info', t('ver.compare.exported', { file: file.fileName }));
      }
    } catch (err) {
      notifyError(localizedError(err));
    } finally {
      setExporting(null);
    }
  };

  if (!cmp) return <p className="muted">{t('app.loading')}</p>;
  const anyChange = cmp.summary.some((s) => s.added + s.removed + s.changed > 0);
  return (
    <div className="ver-comparison" data-testid="ver-comparison">
      <p className="muted small" data-testid="ver-sides">
        {t('ver.sides', { from: sideName(cmp.from), to: sideName(cmp.to) })}
      </p>
      <table className="table ver-summary" data-testid="ver-summary">
        <thead>
          <tr>
            <th>{t('ver.summary.table')}</th>
            <th>{t('ver.summary.added')}</th>
            <th>{t('ver.summary.removed')}</th>
            <th>{t('ver.summary.changed')}</th>
            <th>{t('ver.summary.cells')}</th>
          </tr>
        </thead>
        <tbody>
          {cmp.summary.map((s) => (
            <tr key={s.table} data-testid={`ver-summary-${s.table}`} className={s.added + s.removed + s.changed ? '' : 'muted'}>
              <td>{tableName(s.table)}</td>
              <td className="num">{s.added}</td>
              <td className="num">{s.removed}</td>
              <td className="num">{s.changed}</td>
              <td className="num">{s.cells}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!anyChange ? (
        <p className="muted" data-testid="ver-none">{t('ver.compare.none')}</p>
      ) : (
        <>
          <DistrictChart cmp={cmp} />
          <div className="toolbar">
            <select value={table} onChange={(e) => setTable(e.target.value as VersionedTable | '')} data-testid="ver-table-filter">
              <option value="">{t('ver.filter.all')}</option>
              {cmp.summary.filter((s) => s.added + s.removed + s.changed > 0).map((s) => (
                <option key={s.table} value={s.table}>
                  {tableName(s.table)}
                </option>
              ))}
            </select>
            <label>
              <input type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} data-testid="ver-changes-only" /> {t('ver.changesOnly')}
            </label>
            <span className="count" data-testid="ver-count">
              {t('ver.rows.count', { total: cmp.total, from: cmp.total ? 1 : 0, to: cmp.rows.length })}
            </span>
            <span className="spacer" />
            <button type="button" hidden={load !== undefined} disabled={exporting !== null} onClick={() => void exportXlsx()} data-testid="ver-export">
              {exporting === null ? t('ver.compare.export') : `${t('tr.exporting')}${exporting.total ? ` ${t('tr.progress', exporting)}` : ''}`}
            </button>
          </div>
          <table className="table ver-rows" data-testid="ver-rows">
            <tbody>
              {cmp.rows.map((r) => (
                <RowView key={`${r.table}/${r.id}`} row={r} changesOnly={changesOnly} />
              ))}
            </tbody>
          </table>
          {cmp.rows.length < cmp.total && (
            <button type="button" onClick={() => setLimit((l) => Math.min(2000, l + PAGE * 5))} data-testid="ver-more">
              {t('ver.rows.more')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
