import { useState, type FormEvent } from 'react';
import { hubSession } from '../../../contract/hub.ts';
import { t } from '../i18n/index.ts';
import { hubPost } from './api.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import type { HubSessionValue } from './session.ts';
import { errorText } from './text.ts';

export function Login({ message, onLoggedIn }: { message: string | null; onLoggedIn: (s: HubSessionValue) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<(() => string) | null>(message === null ? null : () => message);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    hubPost('api/session/login', { name, password }, hubSession).then(
      (s) => {
        setPassword('');
        onLoggedIn(s);
      },
      (err: unknown) => {
        setBusy(false);
        setError(() => () => errorText(err));
      },
    );
  };
  return (
    <div className="hub-login">
      <form className="card" onSubmit={submit} data-testid="hub-login">
        <div className="hub-login-head">
          <h1>{t('hubweb.login.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('hubweb.login.hint')}</p>
        <label>
          {t('hubweb.login.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" data-testid="hub-login-name" required />
        </label>
        <label>
          {t('hubweb.login.password')}
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="hub-login-password" required />
        </label>
        {error ? (
          <p className="notice notice-error" role="alert" data-testid="hub-login-error">
            {error()}
          </p>
        ) : null}
        <button type="submit" disabled={busy} data-testid="hub-login-submit">
          {busy ? t('hubweb.login.busy') : t('hubweb.login.submit')}
        </button>
      </form>
    </div>
  );
}
