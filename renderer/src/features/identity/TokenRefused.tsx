/**
 * When the web host refuses this tab's token (it was restarted with a new one, web/session.ts), a bar
 * says so in the page's language with a reload button, instead of failing call after call.
 */
import { useEffect, useState } from 'react';
import { TOKEN_REFUSED_EVENT } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';

export function TokenRefused() {
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    const on = () => setRefused(true);
    window.addEventListener(TOKEN_REFUSED_EVENT, on);
    return () => window.removeEventListener(TOKEN_REFUSED_EVENT, on);
  }, []);
  if (!refused) return null;
  return (
    <div className="token-refused" role="alert" data-testid="token-refused">
      <span>{t('session.refused')}</span>{' '}
      <button type="button" onClick={() => window.location.reload()} data-testid="token-refused-reload">
        {t('session.reload')}
      </button>
    </div>
  );
}
