/** What a screen shows until its data comes: 正在加载…, or, when the load failed, that it did not load with a retry (the notice says why). */
import { t } from '../i18n/index.ts';

export function Pending({ query }: { query: { failed: boolean; reload: () => void } }) {
  if (!query.failed) return <p className="muted">{t('app.loading')}</p>;
  return (
    <p className="muted" data-testid="load-failed">
      {t('app.loadFailed')}{' '}
      <button type="button" onClick={query.reload} data-testid="load-retry">
        {t('app.retry')}
      </button>
    </p>
  );
}
