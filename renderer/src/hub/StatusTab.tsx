/**
 * 报送情况 on the hub, round by round (s8-rounds16): the officer picks a round (the latest at first) and sees, per
 * district of the plan, the city's package of that round (sent or not, when, by whom) and the district's last
 * report in it (when, by whom, how many reports, cells changed, conflicts kept, the hub version it made).
 * What a round is: contract/hub.ts hubStatus, hub/plans/rounds.ts.
 */
import { useEffect, useState } from 'react';
import { hubStatus, type HubRound, type HubStatusRow } from '../../../contract/hub.ts';
import { t, useLanguage } from '../i18n/index.ts';
import { seg } from './api.ts';
import { shownTime } from './text.ts';
import { LoadError, useHub } from './useHub.tsx';

type Status = ReturnType<typeof hubStatus.parse>;

const seqAt = (seq: number | null, at: string | null) => (seq === null ? '—' : t('hubweb.status.seqAt', { seq, at: shownTime(at) }));
const count = (n: number | null) => (n === null ? '' : String(n));

function roundOption(r: HubRound, latest: number) {
  const words = t('hubweb.status.roundOption', { round: r.round, reported: r.reported, issued: r.issued, at: shownTime(r.issuedAt) });
  return (
    <option key={r.round} value={r.round}>
      {r.round === latest ? t('hubweb.status.roundLatest', { text: words }) : words}
    </option>
  );
}

export function StatusTab({ planId }: { planId: string }) {
  useLanguage();
  /** null: the latest round (what the hub answers without ?round) */
  const [round, setRound] = useState<number | null>(null);
  const [status] = useHub(`api/plans/${seg(planId)}/status`, hubStatus, { round });
  // the last answer stays on the page while the next round loads (no blank flash on every pick)
  const [shown, setShown] = useState<Status | null>(null);
  useEffect(() => {
    if (status.state === 'ok') setShown(status.value);
  }, [status]);
  if (status.state === 'error') return <LoadError error={status.error} />;
  if (shown === null) return <p className="muted">{t('hubweb.loading')}</p>;
  const rows = shown.rows;
  const reported = rows.filter((r) => r.reportSeq !== null).length;
  const latest = shown.rounds.at(-1)?.round ?? 0;
  return (
    <section className="card" data-testid="hub-status" data-round={shown.round ?? ''} aria-busy={status.state === 'loading'}>
      <div className="hub-toolbar">
        {shown.rounds.length > 0 ? (
          <label>
            {t('hubweb.status.round')}{' '}
            <select value={shown.round ?? ''} onChange={(e) => setRound(Number(e.target.value))} data-testid="hub-status-round">
              {[...shown.rounds].reverse().map((r) => roundOption(r, latest))}
            </select>
          </label>
        ) : (
          <span className="muted" data-testid="hub-status-no-rounds">{t('hubweb.status.noRounds')}</span>
        )}
        <strong data-testid="hub-status-summary">
          {shown.round === null ? t('hubweb.status.summary', { reported, total: rows.length }) : t('hubweb.status.summaryRound', { round: shown.round, reported, total: rows.length })}
        </strong>
      </div>
      {rows.length === 0 ? (
        <p>{t('hubweb.status.none')}</p>
      ) : (
        <table className="table" data-testid="hub-status-table">
          <thead>
            <tr>
              <th>{t('hubweb.status.district')}</th>
              <th>{t('hubweb.status.state')}</th>
              <th>{t('hubweb.status.sent')}</th>
              <th>{t('hubweb.status.sentBy')}</th>
              <th>{t('hubweb.status.report')}</th>
              <th>{t('hubweb.status.reportBy')}</th>
              <th className="num">{t('hubweb.status.reportCount')}</th>
              <th className="num">{t('hubweb.status.changes')}</th>
              <th className="num">{t('hubweb.status.conflicts')}</th>
              <th className="num">{t('hubweb.status.version')}</th>
              <th>{t('hubweb.status.message')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r: HubStatusRow) => (
              <tr key={r.districtId} data-testid="hub-status-row" data-state={r.state} data-district={r.districtId}>
                <td>{r.district}</td>
                <td>
                  <span className={`hub-state hub-state-${r.state}`}>{t(`hubweb.state.${r.state}`)}</span>
                </td>
                <td className="nowrap">{seqAt(r.sentSeq, r.sentAt)}</td>
                <td>{r.sentBy ?? ''}</td>
                <td className="nowrap">{seqAt(r.reportSeq, r.reportAt)}</td>
                <td>{r.reportBy ?? ''}</td>
                <td className="num">{r.reportCount === 0 ? '' : r.reportCount}</td>
                <td className="num">{count(r.changeCount)}</td>
                <td className={`num${(r.conflictCount ?? 0) > 0 ? ' hub-diff-count' : ''}`}>{count(r.conflictCount)}</td>
                <td className="num">{r.appliedVersion === null ? '' : t('hubweb.status.versionN', { version: r.appliedVersion })}</td>
                <td>{r.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
