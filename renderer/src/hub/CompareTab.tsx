/** 版本对比 on the hub: two of the plan's versions (one per applied package) and what changed, cell by cell. */
import { useEffect, useState } from 'react';
import { hubCompare, hubVersions } from '../../../contract/hub.ts';
import { t, useLanguage } from '../i18n/index.ts';
import { seg } from './api.ts';
import { recordLabel, shownTime, shownValue, versionLabel } from './text.ts';
import { LoadError, useHub } from './useHub.tsx';

export function CompareTab({ planId }: { planId: string }) {
  useLanguage();
  const [versions] = useHub(`api/plans/${seg(planId)}/versions`, hubVersions);
  const list = versions.state === 'ok' ? [...versions.value.versions].sort((a, b) => a.version - b.version) : [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [asked, setAsked] = useState<{ from: number; to: number } | null>(null);
  useEffect(() => {
    if (list.length >= 2 && from === null && to === null) {
      const a = list[list.length - 2]!.version;
      const b = list[list.length - 1]!.version;
      setFrom(a);
      setTo(b);
      setAsked({ from: a, to: b });
    }
  }, [list, from, to]);
  const [compare] = useHub(asked ? `api/plans/${seg(planId)}/compare` : null, hubCompare, asked ?? {});
  if (versions.state === 'loading') return <p className="muted">{t('hubweb.loading')}</p>;
  if (versions.state === 'error') return <LoadError error={versions.error} />;
  if (list.length < 2) return <section className="card"><p data-testid="hub-compare-need-two">{t('hubweb.compare.needTwo')}</p></section>;
  const option = (v: (typeof list)[number]) => (
    <option key={v.version} value={v.version}>
      {t('hubweb.compare.version', { version: v.version, label: versionLabel(v), author: v.author, at: shownTime(v.at) })}
    </option>
  );
  return (
    <section className="card" data-testid="hub-compare">
      <div className="hub-toolbar">
        <label>
          {t('hubweb.compare.from')}{' '}
          <select value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))} data-testid="hub-compare-from">
            {list.map(option)}
          </select>
        </label>
        <label>
          {t('hubweb.compare.to')}{' '}
          <select value={to ?? ''} onChange={(e) => setTo(Number(e.target.value))} data-testid="hub-compare-to">
            {list.map(option)}
          </select>
        </label>
        <button type="button" onClick={() => from !== null && to !== null && setAsked({ from, to })} data-testid="hub-compare-go">
          {t('hubweb.compare.go')}
        </button>
      </div>
      {asked && compare.state === 'loading' ? <p className="muted">{t('hubweb.loading')}</p> : null}
      {compare.state === 'error' ? <LoadError error={compare.error} /> : null}
      {compare.state === 'ok' ? (
        <>
          <p data-testid="hub-compare-count">{compare.value.rows.length === 0 ? t('hubweb.compare.none') : t('hubweb.compare.count', { n: compare.value.rows.length })}</p>
          {compare.value.truncated ? <p className="notice notice-info">{t('hubweb.compare.truncated')}</p> : null}
          {compare.value.rows.length > 0 ? (
            <table className="table" data-testid="hub-compare-table">
              <thead>
                <tr>
                  <th>{t('hubweb.compare.record')}</th>
                  <th>{t('hubweb.compare.op')}</th>
                  <th>{t('hubweb.compare.field')}</th>
                  <th>{t('hubweb.compare.before')}</th>
                  <th>{t('hubweb.compare.after')}</th>
                  <th>{t('hubweb.compare.author')}</th>
                  <th>{t('hubweb.compare.at')}</th>
                </tr>
              </thead>
              <tbody>
                {compare.value.rows.map((r, i) => (
                  <tr key={`${r.entity}|${r.rowId}|${r.field ?? ''}|${i}`} className={`hub-op-${r.op}`} data-testid="hub-compare-row">
                    <td>{recordLabel(r)}</td>
                    <td>{t(`hubweb.op.${r.op}`)}</td>
                    <td>{r.field ?? ''}</td>
                    <td className="hub-before">{shownValue(r.before)}</td>
                    <td className="hub-after">{shownValue(r.after)}</td>
                    <td>{r.author ?? ''}</td>
                    <td className="nowrap">{shownTime(r.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
