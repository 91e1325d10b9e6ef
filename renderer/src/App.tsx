import { useQuery } from './api/useQuery.ts';
import { Notifications } from './notify.tsx';
import { setLanguage, t, useLanguage } from './i18n/index.ts';
import { routeHref, useRoute } from './router.ts';
import { PlanList } from './screens/PlanList.tsx';
import { PlanScreen } from './screens/PlanScreen.tsx';
import { DraftScreen } from './features/drafting/DraftScreen.tsx';
import { BackupsButton } from './features/backups/BackupsDialog.tsx';
import { IdentityButton } from './features/identity/IdentityButton.tsx';
import { SyncButton } from './features/sync/SyncDialog.tsx'; // s7-sync16
import { TokenRefused } from './features/identity/TokenRefused.tsx';
import './features/identity/identity.css';

export function App() {
  const language = useLanguage();
  const route = useRoute();
  const info = useQuery('app.info', {});
  return (
    <div className="app" key={language}>
      <TokenRefused />
      <header className="topbar">
        <a className="brand" href={routeHref({ screen: 'plans' })}>
          {t('app.title')}
        </a>
        {route.screen !== 'plans' && (
          <a className="nav-back" href={routeHref({ screen: 'plans' })}>
            ← {t('nav.back')}
          </a>
        )}
        <span className="spacer" />
        {info.data?.readonly && (
          <span className="readonly-badge" data-testid="readonly-badge">
            {t('app.readonly')}
          </span>
        )}
        {info.data && !info.data.readonly && <BackupsButton />}
        {info.data && !info.data.readonly && <SyncButton />}
        {info.data && <IdentityButton onChanged={info.reload} />}
        <label className="small">
          {t('app.language')}{' '}
          <select value={language} onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'zh-CN')}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main className="content">
        {route.screen === 'plans' ? <PlanList /> : route.screen === 'draft' ? <DraftScreen draftId={route.draftId} /> : <PlanScreen planId={route.planId} tab={route.tab} focus={route.focus} />}
      </main>
      <Notifications />
    </div>
  );
}
