import { useQuery } from '../api/useQuery.ts';
import { ALL_DOMAINS } from '../api/changes.ts';
import { t } from '../i18n/index.ts';
import { routeHref } from '../router.ts';
import { DraftFromDocument } from '../features/drafting/DraftFromDocument.tsx';

export function PlanList() {
  const { data, loading } = useQuery('plans.list', {}, ALL_DOMAINS);
  if (loading && !data) return <p className="muted">{t('app.loading')}</p>;
  if (!data || data.length === 0) return <p className="muted">{t('plans.empty')} <DraftFromDocument /></p>;
  return (
    <section>
      <h1>{t('plans.heading')}</h1>
      <DraftFromDocument />
      <table className="table plan-list" data-testid="plan-list">
        <thead>
          <tr>
            <th>{t('plans.col.docNumber')}</th>
            <th>{t('plans.col.title')}</th>
            <th>{t('plans.col.issuer')}</th>
            <th>{t('plans.col.issueDate')}</th>
            <th>{t('plans.col.period')}</th>
            <th>{t('plans.col.contents')}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr key={p.id}>
              <td className="nowrap">{p.docNumber}</td>
              <td>
                <a href={routeHref({ screen: 'plan', planId: p.id, tab: 'overview', focus: '' })}>{p.title}</a>
              </td>
              <td>{p.issuer}</td>
              <td className="nowrap">{p.issueDate}</td>
              <td className="nowrap">{t('overview.periodValue', { start: p.periodStart, end: p.periodEnd })}</td>
              <td className="muted">
                {t('plans.contents', { districts: p.districtCount, clusters: p.clusterCount, indicators: p.indicatorCount, tasks: p.taskCount })}
                {p.areaCount > 0 ? t('plans.areas', { count: p.areaCount }) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
