/** One plan on the hub: 报送情况, 汇总 and 版本对比 as tabs (the plan's header from GET /api/plans). */
import { hubPlans } from '../../../contract/hub.ts';
import { t } from '../i18n/index.ts';
import { CompareTab } from './CompareTab.tsx';
import { hrefOf, type PlanTab } from './route.ts';
import { RollupTab } from './RollupTab.tsx';
import { StatusTab } from './StatusTab.tsx';
import { useHub } from './useHub.tsx';

const TABS: { tab: PlanTab; label: 'hubweb.tab.status' | 'hubweb.tab.rollup' | 'hubweb.tab.compare' }[] = [
  { tab: 'status', label: 'hubweb.tab.status' },
  { tab: 'rollup', label: 'hubweb.tab.rollup' },
  { tab: 'compare', label: 'hubweb.tab.compare' },
];

/** the roll-up is the city's view (hub/roles.ts plans.rollup): a district account is not offered it */
export function PlanPage({ planId, tab, district }: { planId: string; tab: PlanTab; district: boolean }) {
  const tabs = TABS.filter((x) => !(district && x.tab === 'rollup'));
  const [plans] = useHub('api/plans', hubPlans);
  const plan = plans.state === 'ok' ? plans.value.plans.find((p) => p.planId === planId) : undefined;
  return (
    <>
      <p>
        <a href={hrefOf({ page: 'plans' })}>{t('hubweb.plans.back')}</a>
      </p>
      <h1 data-testid="hub-plan-title">
        {plan?.title ?? planId}
        {plan?.docNumber ? <span className="muted hub-doc"> {plan.docNumber}</span> : null}
      </h1>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <a key={x.tab} role="tab" aria-selected={x.tab === tab} className={`tab${x.tab === tab ? ' active' : ''}`} href={hrefOf({ page: 'plan', planId, tab: x.tab })} data-testid={`hub-tab-${x.tab}`}>
            {t(x.label)}
          </a>
        ))}
      </div>
      {tab === 'status' ? <StatusTab planId={planId} /> : null}
      {tab === 'rollup' ? <RollupTab planId={planId} /> : null}
      {tab === 'compare' ? <CompareTab planId={planId} /> : null}
    </>
  );
}
