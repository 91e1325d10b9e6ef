import { hubPlans } from '../../../contract/hub.ts';
import { t } from '../i18n/index.ts';
import { hrefOf } from './route.ts';
import { shownTime } from './text.ts';
import { LoadError, useHub } from './useHub.tsx';

export function PlansPage({ district }: { district: boolean }) {
  const [plans] = useHub('api/plans', hubPlans);
  return (
    <section className="card" data-testid="hub-plans">
      <h1>{t('hubweb.plans.title')}</h1>
      <p className="muted">{t('hubweb.readOnly')}</p>
      {plans.state === 'loading' ? <p className="muted">{t('hubweb.loading')}</p> : null}
      {plans.state === 'error' ? <LoadError error={plans.error} /> : null}
      {plans.state === 'ok' && plans.value.plans.length === 0 ? <p data-testid="hub-plans-none">{t('hubweb.plans.none')}</p> : null}
      {plans.state === 'ok' && plans.value.plans.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('hubweb.plans.plan')}</th>
              <th>{t('hubweb.plans.docNumber')}</th>
              <th className="num">{t('hubweb.plans.districts')}</th>
              <th className="num">{t('hubweb.plans.version')}</th>
              <th>{t('hubweb.plans.updatedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {plans.value.plans.map((p) => (
              <tr key={p.planId} data-testid="hub-plan-row">
                <td>
                  <a href={hrefOf({ page: 'plan', planId: p.planId, tab: 'status' })}>{p.title}</a>
                </td>
                <td>{p.docNumber ?? ''}</td>
                <td className="num">{p.districtCount}</td>
                <td className="num">{p.version}</td>
                <td className="nowrap">{shownTime(p.updatedAt)}</td>
                <td className="row-actions nowrap">
                  <a href={hrefOf({ page: 'plan', planId: p.planId, tab: 'status' })}>{t('hubweb.tab.status')}</a>
                  {district ? null : <a href={hrefOf({ page: 'plan', planId: p.planId, tab: 'rollup' })}>{t('hubweb.tab.rollup')}</a>}
                  <a href={hrefOf({ page: 'plan', planId: p.planId, tab: 'compare' })}>{t('hubweb.tab.compare')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
