/**
 * The history of one cell: every value it had, when, by whom and through which action (from the
 * audit log, `history.cell`). Any grid can open it: `openCellHistory({ entity, entityId, field, title })`.
 */
import { useEffect, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { call } from '../../api/client.ts';
import { notifyError } from '../../notify.tsx';
import { shownUserName, t } from '../../i18n/index.ts';
import type { OperationInput, OperationOutput } from '../../../../contract/operations.ts';
import { localizedError } from '../../i18n/errors.ts';

export type CellRef = OperationInput<'history.cell'> & { title: string };
type Entry = OperationOutput<'history.cell'>[number];

/** Lists in the history show ids as stored; lists (units, districts) are joined. */
export function historyValue(v: string | null): string {
  if (v === null || v === '') return t('ver.cell.empty');
  if (v.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(v);
      if (Array.isArray(list)) return list.map(String).join('、') || t('ver.cell.empty');
    } catch {
      /* plain text that starts with [ */
    }
  }
  return v;
}

export function CellHistoryDialog({ cell, onClose }: { cell: CellRef; onClose: () => void }) {
  const [rows, setRows] = useState<Entry[] | null>(null);
  useEffect(() => {
    call('history.cell', { entity: cell.entity, entityId: cell.entityId, field: cell.field }).then(setRows).catch((e: unknown) => notifyError(localizedError(e)));
  }, [cell.entity, cell.entityId, cell.field]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-label={t('ver.history.title', { title: cell.title })} onClick={(e) => e.stopPropagation()} data-testid="cell-history">
        <h2>{t('ver.history.title', { title: cell.title })}</h2>
        {rows === null ? (
          <p className="muted">{t('app.loading')}</p>
        ) : rows.length === 0 ? (
          <p className="muted">{t('ver.history.empty')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('ver.history.time')}</th>
                <th>{t('ver.history.user')}</th>
                <th>{t('ver.history.action')}</th>
                <th>{t('ver.history.value')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td className="nowrap">{r.at.slice(0, 19).replace('T', ' ')}</td>
                  <td className="nowrap" data-testid="cell-history-user">
                    {shownUserName(r.userName)}
                    {(r.userDepartment || r.userDistrict) && <div className="muted small">{[r.userDepartment, r.userDistrict].filter(Boolean).join(' · ')}</div>}
                  </td>
                  <td>{r.label}</td>
                  <td>
                    <span className="ver-old">{historyValue(r.oldValue)}</span> → <span className="ver-new">{historyValue(r.newValue)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="dialog-actions">
          <button type="button" onClick={onClose} data-testid="cell-history-close">
            {t('ver.history.close')}
          </button>
        </p>
      </div>
    </div>
  );
}

let root: Root | null = null;
let host: HTMLDivElement | null = null;

/** Opens the history dialog of one cell (one at a time), from any grid. */
export function openCellHistory(cell: CellRef): void {
  if (!host) {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  }
  const close = () => root?.render(null);
  root?.render(<CellHistoryDialog cell={cell} onClose={close} />);
}
