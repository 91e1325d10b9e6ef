/** 报送情况 on the hub: each district of the plan, the city's last package to it and its last report. */
import { hubStatus, type HubStatusRow } from '../../../contract/hub.ts';
import { t } from '../i18n/index.ts';
import { seg } from './api.ts';
import { shownTime } from './text.ts';
import { LoadError, useHub } from './useHub.tsx';

const seqAt = (seq: number | null, at: string | null) => (seq === null ? '—' : t('hubweb.status.seqAt', { seq, at: shownTime(at) }));

export function StatusTab({ planId }: { planId: string }) {
  const [status] = useHub(`api/plans/${seg(planId)}/status`, hubStatus);
  if (status.state === 'loading') return <p className="muted">{t('hubweb.loading')}</p>;
  if (status.state === 'error') return <LoadError error={status.error} />;
  const rows = status.value.rows;
  const reported = rows.filter((r) => r.reportSeq !== null).length;
  return (
    <section className="card" data-testid="hub-status">
      <p data-testid="hub-status-summary">
        <strong>{t('hubweb.status.summary', { reported, total: rows.length })}</strong>
      </p>
      {rows.length === 0 ? (
        <p>{t('hubweb.status.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('hubweb.status.district')}</th>
              <th>{t('hubweb.status.state')}</th>
              <th>{t('hubweb.status.sent')}</th>
              <th>{t('hubweb.status.report')}</th>
              <th>{t('hubweb.status.reportBy')}</th>
              <th className="num">{t('hubweb.status.changes')}</th>
              <th>{t('hubweb.status.message')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r: HubStatusRow) => (
              <tr key={r.districtId} data-testid="hub-status-row" data-state={r.state}>
                <td>{r.district}</td>
                <td>
                  <span className={`hub-state hub-state-${r.state}`}>{t(`hubweb.state.${r.state}`)}</span>
                </td>
                <td className="nowrap">{seqAt(r.sentSeq, r.sentAt)}</td>
                <td className="nowrap">{seqAt(r.reportSeq, r.reportAt)}</td>
                <td>{r.reportBy ?? ''}</td>
                <td className="num">{r.changeCount ?? ''}</td>
                <td>{r.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
