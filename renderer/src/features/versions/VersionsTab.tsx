/**
 * 版本: save the plan as a named version, list versions, compare any two (or one with the current
 * plan), restore one (after confirmation; one undoable step).
 */
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import { notify, notifyError } from '../../notify.tsx';
import { shownUserName, t } from '../../i18n/index.ts';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import type { VersionInfo } from '../../../../contract/ops/versions.ts';
import { ALL_DOMAINS, useChanges } from '../../api/changes.ts';
import { ComparisonView, type Ref } from './ComparisonView.tsx';
import { planDateTime } from '../../../../domain/calendar.ts';
import { localizedError } from '../../i18n/errors.ts';

const refValue = (r: Ref) => String(r);
/** The saver's department and district, as the version was saved (data, shown as written). */
const savedWhere = (v: VersionInfo) => [v.authorDepartment, v.authorDistrict].filter(Boolean).join(' · ');
const parseRef = (s: string): Ref => (s === 'current' ? 'current' : Number(s));

export function VersionsTab({ planId }: PlanTabProps) {
  // A comparison with the current plan is out of date after any write (an undo elsewhere, a restore).
  const [dataVersion, setDataVersion] = useState(0);
  useChanges(ALL_DOMAINS, () => setDataVersion((v) => v + 1));
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [from, setFrom] = useState<Ref | null>(null);
  const [to, setTo] = useState<Ref>('current');
  const [shown, setShown] = useState<{ from: Ref; to: Ref; key: number } | null>(null);

  const reload = useCallback(() => {
    call('versions.list', { planId })
      .then((list) => {
        setVersions(list);
        setFrom((f) => f ?? list[0]?.id ?? null);
      })
      .catch((e: unknown) => notifyError(localizedError(e)));
  }, [planId]);
  useEffect(reload, [reload]);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const v = await call('versions.create', { planId, name, note: note.trim() || null });
      notify('info', t('ver.save.done', { name: v.name }));
      setName('');
      setNote('');
      reload();
    } catch (err) {
      notifyError(localizedError(err));
    }
  };

  const compare = (a: Ref, b: Ref) => {
    setFrom(a);
    setTo(b);
    setShown({ from: a, to: b, key: Date.now() });
  };

  const restore = async (v: VersionInfo) => {
    if (!window.confirm(t('ver.restoreConfirm', { name: v.name }))) return;
    try {
      const r = await call('versions.restore', { versionId: v.id });
      notify('info', t('ver.restored', { name: v.name, count: r.rowsChanged }));
      if (shown) setShown({ ...shown, key: Date.now() });
    } catch (err) {
      notifyError(localizedError(err));
    }
  };

  const options = [...(versions ?? []).map((v) => ({ value: refValue(v.id), label: `${v.seq}. ${v.name}` })), { value: 'current', label: t('ver.current') }];

  return (
    <div className="versions">
      <section className="card">
        <h2>{t('ver.save.heading')}</h2>
        <form className="ver-save" onSubmit={(e) => void save(e)}>
          <label>
            {t('ver.save.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('ver.save.namePlaceholder')} maxLength={200} required data-testid="ver-name" />
          </label>
          <label>
            {t('ver.save.note')}
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="ver-note" />
          </label>
          <button type="submit" disabled={!name.trim()} data-testid="ver-save">
            {t('ver.save.button')}
          </button>
        </form>
      </section>

      <section className="card">
        <h2>{t('ver.list.heading')}</h2>
        {versions === null ? (
          <p className="muted">{t('app.loading')}</p>
        ) : versions.length === 0 ? (
          <p className="muted" data-testid="ver-empty">{t('ver.list.empty')}</p>
        ) : (
          <table className="table" data-testid="ver-list">
            <thead>
              <tr>
                <th>{t('ver.col.seq')}</th>
                <th>{t('ver.col.name')}</th>
                <th>{t('ver.col.author')}</th>
                <th>{t('ver.col.time')}</th>
                <th>{t('ver.col.note')}</th>
                <th>{t('ver.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} data-testid={`ver-row-${v.seq}`}>
                  <td className="num">{v.seq}</td>
                  <td>{v.name}</td>
                  <td className="nowrap" data-testid={`ver-author-${v.seq}`}>
                    {shownUserName(v.author)}
                    {savedWhere(v) && <span className="muted small">（{savedWhere(v)}）</span>}
                  </td>
                  <td className="nowrap">{planDateTime(v.createdAt)}</td>
                  <td className="small">{v.note}</td>
                  <td className="nowrap">
                    <button type="button" className="small" onClick={() => compare(v.id, 'current')} data-testid={`ver-compare-current-${v.seq}`}>
                      {t('ver.compareWithCurrent')}
                    </button>{' '}
                    <button type="button" className="small" onClick={() => void restore(v)} data-testid={`ver-restore-${v.seq}`}>
                      {t('ver.restore')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {versions && versions.length > 0 && (
        <section className="card">
          <h2>{t('ver.compare.heading')}</h2>
          <div className="toolbar">
            <label>
              {t('ver.compare.from')}{' '}
              <select value={from === null ? '' : refValue(from)} onChange={(e) => setFrom(parseRef(e.target.value))} data-testid="ver-from">
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('ver.compare.to')}{' '}
              <select value={refValue(to)} onChange={(e) => setTo(parseRef(e.target.value))} data-testid="ver-to">
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={from === null} onClick={() => from !== null && compare(from, to)} data-testid="ver-compare">
              {t('ver.compare.button')}
            </button>
          </div>
          {shown && <ComparisonView key={`${shown.key}-${dataVersion}`} planId={planId} from={shown.from} to={shown.to} />}
        </section>
      )}
    </div>
  );
}
