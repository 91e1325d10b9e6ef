/**
 * 账户管理 (administrators): every account with its state, disable/enable, and a new account — the
 * same rules as `plandesk hub user add` (checked by the hub; a refusal is shown beside the field it names).
 */
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { HUB_ROLES, hubAccount, hubAccounts, type HubAccount } from '../../../contract/hub.ts';
import type { HubRole } from './session.ts';
import { t, useLanguage } from '../i18n/index.ts';
import { hubPost } from './api.ts';
import { roleName, shownTime } from './text.ts';
import { ListTable, NoticeLine, useNotice } from './adminParts.tsx';
import { LoadError, useHub } from './useHub.tsx';
import { KeysSection } from './KeysSection.tsx';

const answer = z.object({ account: hubAccount });
type Field = 'name' | 'role' | 'district' | 'department' | 'password';
const EMPTY = { name: '', role: 'officer' as HubRole, district: '', department: '', password: '' };

function stateOf(a: HubAccount): string {
  if (a.disabledAt) return t('hubweb.acc.disabled');
  if (a.lockedUntil && Date.parse(a.lockedUntil) > Date.now()) return t('hubweb.acc.locked', { at: shownTime(a.lockedUntil) });
  return t('hubweb.acc.active');
}

export function AccountsPage({ me }: { me: string }) {
  useLanguage();
  const [accounts, reload] = useHub('api/accounts', hubAccounts);
  const [form, setForm] = useState(EMPTY);
  const { notice, setNotice, info, fail, invalid } = useNotice<Field>();
  const [busy, setBusy] = useState(false);
  const create = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const body = {
      name: form.name,
      role: form.role,
      district: form.role === 'district' ? form.district || null : null,
      department: form.department || null,
      password: form.password,
    };
    hubPost('api/accounts', body, answer)
      .then(({ account }) => {
        setForm(EMPTY);
        info(() => t('hubweb.acc.created', { name: account.name, role: roleName(account.role) }));
        reload();
      }, fail)
      .finally(() => setBusy(false));
  };
  const toggle = (a: HubAccount) => {
    const disable = a.disabledAt === null;
    if (disable && !window.confirm(t('hubweb.acc.confirmDisable', { name: a.name }))) return;
    hubPost(disable ? 'api/accounts/disable' : 'api/accounts/enable', { name: a.name }, answer).then(({ account }) => {
      info(() => t(disable ? 'hubweb.acc.disabledDone' : 'hubweb.acc.enabledDone', { name: account.name }));
      reload();
    }, fail);
  };
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <>
      <h1>{t('hubweb.acc.title')}</h1>
      <NoticeLine notice={notice} onClose={() => setNotice(null)} testId="hub-accounts-notice" />
      <form className="card hub-form" onSubmit={create} data-testid="hub-account-form">
        <h2>{t('hubweb.acc.create')}</h2>
        <label>
          {t('hubweb.acc.name')}
          <input value={form.name} onChange={set('name')} data-testid="hub-acc-name" {...invalid('name')} />
        </label>
        <label>
          {t('hubweb.acc.role')}
          <select value={form.role} onChange={set('role')} data-testid="hub-acc-role" {...invalid('role')}>
            {HUB_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </label>
        {form.role === 'district' ? (
          <label>
            {t('hubweb.acc.district')}
            <input value={form.district} onChange={set('district')} data-testid="hub-acc-district" {...invalid('district')} />
          </label>
        ) : null}
        <label>
          {t('hubweb.acc.department')}
          <input value={form.department} onChange={set('department')} data-testid="hub-acc-department" {...invalid('department')} />
        </label>
        <label>
          {t('hubweb.acc.password')}
          <input type="password" value={form.password} onChange={set('password')} autoComplete="new-password" data-testid="hub-acc-password" {...invalid('password')} />
          <span className="muted small">{t('hubweb.acc.passwordHint')}</span>
        </label>
        <button type="submit" disabled={busy} data-testid="hub-acc-create">
          {t('hubweb.acc.create')}
        </button>
      </form>
      <section className="card" data-testid="hub-accounts">
        <h2>{t('hubweb.acc.list')}</h2>
        {accounts.state === 'loading' ? <p className="muted">{t('hubweb.loading')}</p> : null}
        {accounts.state === 'error' ? <LoadError error={accounts.error} /> : null}
        {accounts.state === 'ok' ? (
          <ListTable heads={[t('hubweb.acc.name'), t('hubweb.acc.role'), t('hubweb.acc.district'), t('hubweb.acc.department'), t('hubweb.acc.state'), t('hubweb.acc.createdAt')]}>
            {accounts.value.accounts.map((a) => (
              <tr key={a.id} data-testid="hub-account-row" data-name={a.name} className={a.disabledAt ? 'hub-disabled' : ''}>
                <td>
                  {a.name}
                  {a.name === me ? <span className="muted"> {t('hubweb.acc.self')}</span> : null}
                </td>
                <td>{roleName(a.role)}</td>
                <td>{a.district ?? ''}</td>
                <td>{a.department ?? ''}</td>
                <td data-testid="hub-account-state">{stateOf(a)}</td>
                <td className="nowrap">{shownTime(a.createdAt)}</td>
                <td>
                  {a.name === me ? null : (
                    <button type="button" className={a.disabledAt ? 'small' : 'small danger'} onClick={() => toggle(a)} data-testid="hub-account-toggle">
                      {a.disabledAt ? t('hubweb.acc.enable') : t('hubweb.acc.disable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
      <KeysSection />
    </>
  );
}
