/** 审计查询: the hub's audit log, newest first, searched by keyword, account, plan, action and dates. */
import { useState, type FormEvent } from 'react';
import { hubAudit } from '../../../contract/hub.ts';
import { t, useLanguage } from '../i18n/index.ts';
import { auditDetail, shownTime } from './text.ts';
import { LoadError, useHub } from './useHub.tsx';

const LIMIT = 200;
const FIELDS = ['q', 'account', 'plan', 'action'] as const;
type Query = Record<(typeof FIELDS)[number] | 'from' | 'to', string>;
const EMPTY: Query = { q: '', account: '', plan: '', action: '', from: '', to: '' };

export function AuditPage() {
  useLanguage();
  const [form, setForm] = useState<Query>(EMPTY);
  const [asked, setAsked] = useState<Query>(EMPTY);
  // dates are the plan's calendar days (Asia/Shanghai), both ends included
  const [audit] = useHub('api/audit', hubAudit, {
    ...asked,
    from: asked.from ? `${asked.from}T00:00:00+08:00` : '',
    to: asked.to ? `${asked.to}T23:59:59.999+08:00` : '',
    limit: LIMIT,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ ...form });
  };
  const set = (k: keyof Query) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <section className="card" data-testid="hub-audit">
      <h1>{t('hubweb.audit.title')}</h1>
      <form className="hub-toolbar" onSubmit={submit}>
        {FIELDS.map((k) => (
          <label key={k}>
            {t(`hubweb.audit.${k}`)} <input value={form[k]} onChange={set(k)} data-testid={`hub-audit-${k}`} size={k === 'q' ? 18 : 12} />
          </label>
        ))}
        <label>
          {t('hubweb.audit.from')} <input type="date" value={form.from} onChange={set('from')} data-testid="hub-audit-from" />
        </label>
        <label>
          {t('hubweb.audit.to')} <input type="date" value={form.to} onChange={set('to')} data-testid="hub-audit-to" />
        </label>
        <button type="submit" data-testid="hub-audit-search">
          {t('hubweb.audit.search')}
        </button>
      </form>
      {audit.state === 'loading' ? <p className="muted">{t('hubweb.loading')}</p> : null}
      {audit.state === 'error' ? <LoadError error={audit.error} /> : null}
      {audit.state === 'ok' && audit.value.entries.length === 0 ? <p>{t('hubweb.audit.none')}</p> : null}
      {audit.state === 'ok' && audit.value.more ? <p className="notice notice-info">{t('hubweb.audit.more', { n: audit.value.entries.length })}</p> : null}
      {audit.state === 'ok' && audit.value.entries.length > 0 ? (
        <table className="table" data-testid="hub-audit-table">
          <thead>
            <tr>
              <th>{t('hubweb.audit.at')}</th>
              <th>{t('hubweb.audit.account')}</th>
              <th>{t('hubweb.audit.action')}</th>
              <th>{t('hubweb.audit.plan')}</th>
              <th>{t('hubweb.audit.detail')}</th>
              <th>{t('hubweb.audit.address')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.value.entries.map((e) => (
              <tr key={e.id} data-testid="hub-audit-row">
                <td className="nowrap">{shownTime(e.at)}</td>
                <td>{e.accountName ?? ''}</td>
                <td className="nowrap">{e.action}</td>
                <td>{e.planId ?? ''}</td>
                <td className="hub-detail" title={e.detail ?? ''}>{auditDetail(e)}</td>
                <td className="nowrap">{e.address ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
