import { t } from '../i18n/index.ts';
import { routeHref } from '../router.ts';
import { planTabs } from './planTabs.ts';

export function PlanScreen({ planId, tab, focus }: { planId: string; tab: string; focus: string }) {
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
