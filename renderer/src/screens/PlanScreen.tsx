import { useEffect } from 'react';
import { t } from '../i18n/index.ts';
import { routeHref } from '../router.ts';
import { planTabs } from './planTabs.ts';
import { useChanges } from '../api/changes.ts';
import { call } from '../api/client.ts';
import { setPlanGone } from './planGone.ts';

export function PlanScreen({ planId, tab, focus }: { planId: string; tab: string; focus: string }) {
  useEffect(() => setPlanGone(null), [planId]); // a plan opened: the list's notice of a plan gone is old news
  // The plan removed while on it (its creation undone, or deleted elsewhere): back to the list, which says
  // why and offers the redo when there is one (planGone.ts), instead of the tabs' 找不到规划.
  useChanges(['plans'], (c) => {
    if (!c.plans?.removed.includes(planId)) return;
    const back = (redoLabel: string | null) => {
      setPlanGone({ planId, redoLabel });
      window.location.hash = routeHref({ screen: 'plans' });
    };
    call('history.status', { planId })
      .then((s) => back(s.canRedo ? s.redoLabel : null))
      .catch(() => back(null));
  });
  const current = planTabs.find((x) => x.id === tab) ?? planTabs[0];
  if (!current) return null;
  const Tab = current.component;
  return (
    <div className="plan-screen">
      <nav className="tabs" role="tablist">
        {planTabs.map((x) => (
          <a
            key={x.id}
            role="tab"
            aria-selected={x.id === current.id}
            className={x.id === current.id ? 'tab active' : 'tab'}
            href={routeHref({ screen: 'plan', planId, tab: x.id, focus: '' })}
            data-testid={`tab-${x.id}`}
          >
            {t(x.label)}
          </a>
        ))}
      </nav>
      <Tab planId={planId} focus={current.id === tab ? focus : ''} />
    </div>
  );
}
