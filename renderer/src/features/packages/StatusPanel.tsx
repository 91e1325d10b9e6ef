/** 报送情况: per counterpart of the plan (its districts, or the city), the state, the last package in and out, and a pending preview. */
import { t } from '../../i18n/index.ts';
import { planDateTime } from '../../../../domain/calendar.ts';
import type { OperationOutput } from '../../../../contract/operations.ts';

type Status = OperationOutput<'packages.status'>;

/** `onReopen`: a package kept pending (previewed, not applied nor discarded) opened again, after a reload too; absent when read-only */
export function StatusPanel({ status, onReopen }: { status: Status | null; onReopen?: ((packageId: string) => void) | undefined }) {
  if (!status) return <p className="muted">…</p>;
  if (status.counterparts.length === 0) return <p className="muted">{t('pkg.statusNone')}</p>;
  return (
    <table className="transfer-table pkg-status" data-testid="pkg-status">
      <thead>
        <tr>
          <th>{t('pkg.col.counterpart')}</th>
          <th>{t('pkg.col.state')}</th>
          <th>{t('pkg.col.lastIn')}</th>
          <th>{t('pkg.col.lastOut')}</th>
          <th>{t('pkg.col.pending')}</th>
        </tr>
      </thead>
      <tbody>
        {status.counterparts.map((c) => (
          <tr key={c.counterpart} data-testid="pkg-status-row" data-counterpart={c.counterpart} data-state={c.state}>
            <td>{c.counterpart === 'city' ? t('pkg.city') : c.name}</td>
            <td className={`pkg-state-${c.state}`} data-testid="pkg-state">{t(`pkg.state.${c.state}`)}</td>
            <td>{c.lastIn ? t('pkg.lastIn', { seq: c.lastIn.seq, at: planDateTime(c.lastIn.at), author: c.lastIn.author, changes: c.lastIn.changes, comments: c.lastIn.comments, conflicts: c.lastIn.conflicts }) : '—'}</td>
            <td>{c.lastOut ? t('pkg.lastOut', { seq: c.lastOut.seq, at: planDateTime(c.lastOut.at), changes: c.lastOut.changes, comments: c.lastOut.comments }) : '—'}</td>
            <td>
              {c.pending ? t('pkg.pending', { seq: c.pending.seq, n: c.pending.unresolved }) : t('pkg.pendingNone')}
              {c.pending && onReopen && (
                <>
                  {' '}
                  <button type="button" className="small" onClick={() => onReopen(c.pending!.packageId)} data-testid="pkg-reopen">
                    {t('pkg.reopen')}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
