/**
 * The hub pages' frame: the account and its role, the language, 退出, and the places the role reads.
 * What a role may do is decided by the hub on every call (hub/roles.ts); the menu only leaves out
 * what the role is refused anyway (an administrator manages accounts; a reviewer reads, never administers).
 */
import { useState } from 'react';
import type { HubRole } from './session.ts';
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { hubPost } from './api.ts';
import { AccountsPage } from './AccountsPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PlanPage } from './PlanPage.tsx';
import { PlansPage } from './PlansPage.tsx';
import { hrefOf, usePlace, type Place } from './route.ts';
import type { HubSessionValue } from './session.ts';
import { errorText, roleName } from './text.ts';

const MENU: { page: 'plans' | 'audit' | 'accounts'; label: 'hubweb.nav.plans' | 'hubweb.nav.audit' | 'hubweb.nav.accounts'; roles: readonly HubRole[] }[] = [
  { page: 'plans', label: 'hubweb.nav.plans', roles: ['officer', 'reviewer', 'district'] },
  { page: 'audit', label: 'hubweb.nav.audit', roles: ['admin', 'officer', 'reviewer'] },
  { page: 'accounts', label: 'hubweb.nav.accounts', roles: ['admin'] },
];

export function Shell({ session, onLoggedOut }: { session: HubSessionValue; onLoggedOut: () => void }) {
  const place = usePlace();
  const role = session.account.role;
  const menu = MENU.filter((m) => m.roles.includes(role));
  const [error, setError] = useState<string | null>(null);
  const logout = () => hubPost('api/session/logout', {}, z.object({ ok: z.literal(true) })).then(onLoggedOut, (err: unknown) => setError(errorText(err)));
  // an administrator starts at 账户管理, the others at the plans
  const shown: Place = place.page === 'home' ? { page: role === 'admin' ? 'accounts' : (menu[0]?.page ?? 'plans') } : place;
  const current = shown.page === 'plan' ? 'plans' : shown.page;
  return (
    <>
      <header className="topbar">
        <span className="brand">{t('hubweb.title')}</span>
        <span className="muted">{t('hubweb.subtitle')}</span>
        <nav className="hub-nav">
          {menu.map((m) => (
            <a key={m.page} href={hrefOf({ page: m.page })} className={current === m.page ? 'active' : ''} data-testid={`hub-nav-${m.page}`}>
              {t(m.label)}
            </a>
          ))}
        </nav>
        <span className="spacer" />
        <span data-testid="hub-account">
          {session.account.name} · {roleName(role)}
          {session.account.district ? ` · ${session.account.district}` : ''}
        </span>
        <LanguageSwitch />
        <button type="button" className="topbar-button" onClick={() => void logout()} data-testid="hub-logout">
          {t('hubweb.logout')}
        </button>
      </header>
      <main className="content">
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        {shown.page === 'plans' ? <PlansPage district={role === 'district'} /> : null}
        {shown.page === 'plan' ? <PlanPage planId={shown.planId} tab={shown.tab} district={role === 'district'} /> : null}
        {shown.page === 'audit' ? <AuditPage /> : null}
        {shown.page === 'accounts' ? <AccountsPage me={session.account.name} /> : null}
      </main>
    </>
  );
}
