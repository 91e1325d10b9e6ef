/**
 * The hub pages' start: whoami decides between the login and the shell; a call answered "not logged
 * in" later (the session expired, the account was disabled) brings the login back.
 */
import { useCallback, useEffect, useState } from 'react';
import { hubSession } from '../../../contract/hub.ts';
import { t, useLanguage } from '../i18n/index.ts';
import { HubCallError, hubGet, setCsrfToken, whenLoggedOut } from './api.ts';
import { Login } from './Login.tsx';
import { Shell } from './Shell.tsx';
import type { HubSessionValue } from './session.ts';
import { errorText } from './text.ts';

type State = { kind: 'loading' } | { kind: 'login'; message: string | null } | { kind: 'in'; session: HubSessionValue };

export function HubApp() {
  useLanguage();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const enter = useCallback((session: HubSessionValue) => {
    setCsrfToken(session.csrfToken);
    setState({ kind: 'in', session });
  }, []);
  const leave = useCallback((message: string | null = null) => {
    setCsrfToken(null);
    setState({ kind: 'login', message });
  }, []);
  useEffect(() => {
    document.title = `${t('hubweb.title')} · PlanDesk`;
    whenLoggedOut(() => leave(t('err.hub.notLoggedIn')));
    hubGet('api/session/whoami', hubSession).then(enter, (err: unknown) =>
      leave(err instanceof HubCallError && err.reason === 'hub.notLoggedIn' ? null : errorText(err)),
    );
    return () => whenLoggedOut(null);
  }, [enter, leave]);
  if (state.kind === 'loading') return <p className="hub-loading">{t('hubweb.loading')}</p>;
  if (state.kind === 'login') return <Login message={state.message} onLoggedIn={enter} />;
  return <Shell session={state.session} onLoggedOut={() => leave()} />;
}
