/**
 * 同步 (issue 16): the header's button and its dialog. sync.run as a job (runJob polls jobs.status);
 * the hub address and account come back from sync.status (kept in the user data folder), the password is
 * typed each time and kept nowhere. A refusal is shown in the dialog beside the field it names (hub,
 * account, password) in the UI's language; the result says what was pushed and merged and links each
 * pending conflict to the 报送包 tab, where 继续处理 resolves it.
 */
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { ApiCallError } from '../../api/client.ts';
import { publish } from '../../api/changes.ts';
import { useQuery } from '../../api/useQuery.ts';
import { hasMessage, t, useLanguage } from '../../i18n/index.ts';
import { errorMessage, localizedError } from '../../i18n/errors.ts';
import { planDateTime } from '../../../../domain/calendar.ts';
import { routeHref } from '../../router.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { runJob } from '../transfer/jobs.ts';
import type { SyncLogLine, SyncResult } from '../../../../contract/ops/sync.ts';
import './sync.css';

type Field = 'hub' | 'user' | 'password';
const FIELDS: Field[] = ['hub', 'user', 'password'];

export function SyncButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="topbar-button" onClick={() => setOpen(true)} data-testid="sync-button">
        {t('sync.button')}
      </button>
      {open && createPortal(<SyncDialog onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}

function SyncDialog({ onClose }: { onClose: () => void }) {
  const status = useQuery('sync.status', {});
  // the whole plan goes from the city to a district: offered to a user without a district of their own
  const who = useQuery('identity.get', {});
  const cityUser = who.data ? who.data.author.district === null : false;
  const [hub, setHub] = useState<string | null>(null);
  const [user, setUser] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [sendWhole, setSendWhole] = useState(false);
  const [steps, setSteps] = useState<number | null>(null);
  const [result, setResult] = useState<SyncResult | null>(null);
  const [error, setError] = useState<{ message: string; field: Field | null; details: string[] } | null>(null);
  const s = status.data;
  const hubValue = hub ?? s?.hub ?? '';
  const userValue = user ?? s?.user ?? '';
  const running = steps !== null;

  const start = () => {
    setError(null);
    setResult(null);
    setSteps(0);
    runJob('sync.run', { hub: hubValue, user: userValue, password, sendWhole: cityUser && sendWhole }, (done) => setSteps(done))
      .then((j) => {
        const done = j.sync;
        if (!done) return;
        setResult(done.result);
        setPassword('');
        if (done.changes) publish(done.changes);
      })
      .catch((e: unknown) => {
        const err = localizedError(e);
        if (err instanceof ApiCallError) {
          const named = err.error.issues.map((i) => i.field).find((f): f is Field => FIELDS.some((x) => x === f)) ?? null;
          setError({ message: err.message, field: named, details: err.error.issues.map((i) => i.message) });
        } else setError({ message: err instanceof Error ? err.message : String(err), field: null, details: [] });
      })
      .finally(() => {
        setSteps(null);
        status.reload();
      });
  };

  const input = (field: Field, value: string, set: (v: string) => void, type = 'text') => (
    <label className={`sync-field${error?.field === field ? ' sync-field-error' : ''}`}>
      <span>{t(`sync.${field}`)}</span>
      <input
        type={type}
        value={value}
        disabled={running}
        onChange={(e) => set(e.target.value)}
        autoComplete={field === 'password' ? 'current-password' : 'off'}
        aria-invalid={error?.field === field}
        data-testid={`sync-${field}`}
      />
      {error?.field === field && (
        <span className="sync-field-message" role="alert" data-testid="sync-field-error">
          {t('sync.fieldError', { field: t(`sync.${field}`) })}
        </span>
      )}
    </label>
  );

  return (
    <Dialog label={t('sync.title')} testId="sync-dialog" className="sync-dialog" title={t('sync.title')} onEscape={onClose} global close={{ label: t('sync.close'), onClick: onClose, testId: 'sync-close' }}>
      <p className="muted small">{t('sync.intro')}</p>
      {s && (
        <p className="small" data-testid="sync-last">
          {!s.last ? t('sync.never') : s.last.ok ? t('sync.lastOk', { at: planDateTime(s.last.at), pushed: s.last.pushed, applied: s.last.applied, pending: s.last.pending }) : t('sync.lastFailed', { at: planDateTime(s.last.at), error: s.last.error ? errorMessage({ ...s.last.error, issues: [] }) : '' })}
          {s.outbox.length > 0 && (
            <>
              <br />
              <span data-testid="sync-outbox">{t('sync.outbox', { n: s.outbox.length })}</span>
            </>
          )}
        </p>
      )}
      <form
        className="sync-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) start();
        }}
      >
        {input('hub', hubValue, setHub)}
        {input('user', userValue, setUser)}
        {input('password', password, setPassword, 'password')}
        <p className="muted small">{t('sync.passwordHint')}</p>
        {cityUser && (
          <label className="small">
            <input type="checkbox" checked={sendWhole} disabled={running} onChange={(e) => setSendWhole(e.target.checked)} data-testid="sync-send-whole" /> {t('sync.sendWhole')}
          </label>
        )}
        <p>
          <button type="submit" disabled={running || !hubValue.trim() || !userValue.trim() || !password} data-testid="sync-start">
            {t('sync.start')}
          </button>
          {running && (
            <span className="muted small" role="status" data-testid="sync-working">
              {' '}
              {t('sync.working', { n: steps })}
            </span>
          )}
        </p>
      </form>
      {error && (
        <div className="sync-error" role="alert" data-testid="sync-error">
          <p>{error.message}</p>
        </div>
      )}
      {error && s && s.log.length > 0 && <LogLines log={s.log} />}
      {result && <SyncOutcome result={result} />}
      {!result && s && s.conflicts.length > 0 && <Conflicts conflicts={s.conflicts} />}
    </Dialog>
  );
}

function Conflicts({ conflicts }: { conflicts: SyncResult['conflicts'] }) {
  return (
    <div data-testid="sync-conflicts">
      <h3>{t('sync.conflictsTitle')}</h3>
      <ul>
        {conflicts.map((c) => (
          <li key={c.packageId}>
            {t('sync.conflict', { plan: c.planTitle, from: c.from, seq: c.seq, n: c.unresolved })}{' '}
            <a href={routeHref({ screen: 'plan', planId: c.planId, tab: 'packages', focus: '' })} data-testid="sync-resolve">
              {t('sync.resolve')}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SyncOutcome({ result: r }: { result: SyncResult }) {
  return (
    <div className="sync-result" data-testid="sync-result">
      <p role="status" data-testid="sync-done">
        {t('sync.done', { pushed: r.pushed, applied: r.applied, already: r.already, pending: r.pending })}
      </p>
      {r.refused > 0 && <p className="sync-error">{t('sync.refusedCount', { n: r.refused })}</p>}
      {r.newPlans.map((p) => (
        <p key={p.planId}>
          <a href={routeHref({ screen: 'plan', planId: p.planId, tab: '', focus: '' })} data-testid="sync-new-plan">
            {t('sync.newPlan', { title: p.planTitle })}
          </a>
        </p>
      ))}
      {r.conflicts.length > 0 && <Conflicts conflicts={r.conflicts} />}
      {r.log.length > 0 && <LogLines log={r.log} />}
    </div>
  );
}

/**
 * One line of what the sync did in the UI's language: its code and params (db/sync/run.ts) through the
 * catalogue (`sync.line.<code>`); a line of a code this renderer does not know, as the core wrote it.
 */
export function logLineText(l: SyncLogLine): string {
  const key = `sync.line.${l.code}`;
  if (!hasMessage(key)) return l.text;
  const p = l.params;
  const vars: Record<string, string | number> = {
    ...p,
    to: p.to === '' ? t('sync.line.city') : (p.to ?? ''),
    already: p.already === 1 ? t('sync.line.alreadyOnHub') : '',
    what: p.full === 1 ? t('sync.line.wholePlan') : t('sync.line.changes', { n: p.changes ?? 0 }),
    package: p.seq === undefined ? '' : t('sync.line.package', { from: p.from === '' || p.from === undefined ? t('sync.line.city') : p.from, seq: p.seq, hubId: p.hubId ?? '' }),
    message: l.error ? errorMessage({ ...l.error, issues: [] }) : '',
  };
  return t(key, vars);
}

function LogLines({ log }: { log: SyncResult['log'] }) {
  useLanguage();
  return (
    <details data-testid="sync-log">
      <summary>{t('sync.log')}</summary>
      <ul className="small sync-log">
        {log.map((l, i) => (
          <li key={i} className={l.level === 'error' ? 'sync-error' : ''}>
            {logLineText(l)}
          </li>
        ))}
      </ul>
    </details>
  );
}
